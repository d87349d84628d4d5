"""The playground's "Python" button: the script it writes reproduces the run's loss.

For a few settings (mid-epoch and whole epochs, with and without a test set, points added by
clicking, each optimiser and initialiser), node trains the run with
``docs/javascripts/playground-core.js`` and writes the script with its ``pythonScript``, the
same function the page's button calls; the script then runs with this Python and nnexplain, and
must print the loss the JavaScript got, to 1e-9 relative.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "docs" / "javascripts" / "playground-core.js"

SETTINGS = [
    {"steps": 47, "points": [[0.1, 0.2, 1], [-1.5, 0.75, 0]]},
    {
        "steps": 300,
        "data": "xor",
        "layers": [6],
        "act": ["relu"],
        "init": "he",
        "opt": "sgd",
        "lr": 0.1,
        "split": 0,
    },
    {
        "steps": 123,
        "data": "disc",
        "n": 500,
        "layers": [5, 3],
        "act": ["sigmoid", "identity"],
        "init": "std0.1",
        "batch": 32,
        "split": 0.3,
        "noise": 0.2,
        "seed": 77,
    },
    {"steps": 5, "data": "spiral", "layers": [], "act": [], "seed": 3},
]

RUN = """
const P = require(process.argv[1]);
const out = JSON.parse(process.argv[2]).map((o) => {
  const s = Object.assign(P.defaultState(), o);
  delete s.steps;
  const t = new P.Trainer(P.buildRun(s).options);
  t.run(o.steps);
  const loss = t.evaluate().loss;
  return { loss, script: P.pythonScript(s, t.steps, loss) };
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def exported():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (apt-get install nodejs)")
        pytest.skip("node is not installed (apt-get install nodejs)")
    done = subprocess.run(
        [node, "-e", RUN, str(CORE), json.dumps(SETTINGS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def run_script(script: str, tmp_path) -> tuple[int, float]:
    """Run an exported script; return the steps and the loss it prints.

    Parameters
    ----------
    script : str
        The text of the script.
    tmp_path : pathlib.Path
        Where to write it.

    Returns
    -------
    steps : int
    loss : float
    """
    path = tmp_path / "playground_run.py"
    path.write_text(script, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), OPENBLAS_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    match = re.search(r"(\d+) steps, training loss (\S+)", done.stdout)
    assert match, done.stdout
    return int(match.group(1)), float(match.group(2))


@pytest.mark.parametrize("i", range(len(SETTINGS)))
def test_the_exported_script_reaches_the_pages_loss(exported, tmp_path, i):
    steps, loss = run_script(exported[i]["script"], tmp_path)
    assert steps == SETTINGS[i]["steps"]
    assert loss == pytest.approx(exported[i]["loss"], rel=1e-9, abs=0)


def test_the_script_imports_nnexplain_builds_an_mlp_and_fits(exported):
    script = exported[0]["script"]
    assert "from nnexplain.network import MLP" in script
    assert "net = MLP(" in script and "net.fit(" in script
    assert "[0.1, 0.2]," in script  # the added points are inlined with the data
