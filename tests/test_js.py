"""The player's JavaScript, tested under node against what the Python side writes.

Writes the fixtures of ``tests/js/fixtures.py`` (explorables of every kind and the player clock)
with this Python, then runs ``node --test tests/js/``: the decoder must read Python's numbers
(to float32) within the quantisation step, CRC-32 must agree with zlib, damaged files and
other formats must be refused, and the clock must match :func:`nnexplain.frames.player_position`;
the playground's trainer (``docs/javascripts/playground-core.js``) must draw numpy's random
numbers and nnexplain's data and weights, and reach ``MLP.fit``'s loss after 500 steps to
1e-9 relative (``tests/js/playground_fixtures.py``).
Node is Debian's ``nodejs`` (``.ci/run`` installs it); in CI a missing node fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_javascript_against_python(tmp_path):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (apt-get install nodejs)")
        pytest.skip("node is not installed (apt-get install nodejs)")
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "js" / "fixtures.py"), str(tmp_path)], check=True
    )
    env = dict(os.environ, NNEXPLAIN_JS_FIXTURES=str(tmp_path))
    done = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout
