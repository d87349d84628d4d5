"""nnexplain.checks: each comparison at its boundary, the failure message, the formatting, the
HTML block, the plain-run printout, and a throw-away gallery that renders a passing block and
fails its build on a failing claim."""

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnexplain.checks
from nnexplain.checks import Checks, ClaimError

ROOT = Path(__file__).resolve().parents[1]

# (method, extra positional bounds, value that holds at the boundary, value that fails there)
BOUNDARIES = [
    ("below", (1.0,), 0.999, 1.0),
    ("above", (1.0,), 1.001, 1.0),
    ("at_most", (1.0,), 1.0, 1.001),
    ("at_least", (1.0,), 1.0, 0.999),
    ("between", (0.2, 0.4), 0.2, 0.199),
    ("between", (0.2, 0.4), 0.4, 0.401),
]


@pytest.mark.parametrize(("method", "bounds", "holds", "fails"), BOUNDARIES)
def test_comparison_passes_and_fails_at_its_boundary(method, bounds, holds, fails):
    checks = Checks(page="plot_demo.py")
    assert getattr(checks, method)(holds, *bounds, "the claim") == holds
    assert len(checks) == 1
    with pytest.raises(ClaimError, match=r"plot_demo\.py: claim does not hold: the claim"):
        getattr(checks, method)(fails, *bounds, "the claim")
    assert len(checks) == 1, "a failed claim is not recorded"


def test_close_passes_and_fails_at_its_tolerance():
    # Binary-exact numbers, so that the boundary is exactly the tolerance.
    checks = Checks(page="p.py")
    assert checks.close(0.75, 0.5, "slope", tol=0.25) == 0.75
    assert checks.close(0.25, 0.5, "slope", tol=0.25) == 0.25
    with pytest.raises(ClaimError, match=r"slope: measured 0.7505 \(bound 0.5 ± 0.25\)"):
        checks.close(0.7505, 0.5, "slope", tol=0.25)
    with pytest.raises(ClaimError):
        checks.close(0.2495, 0.5, "slope", tol=0.25)


def test_true_records_the_evidence_and_fails_on_false():
    checks = Checks(page="p.py")
    assert checks.true(np.bool_(True), "all seeds agree", shown="10 of 10 seeds")
    assert checks.claims[-1].line == "all seeds agree: measured 10 of 10 seeds (bound: true)"
    checks.true(True, "plain")
    assert checks.claims[-1].measured == "yes"
    with pytest.raises(ClaimError, match=r"p\.py: claim does not hold: two agree: measured 1 of"):
        checks.true(False, "two agree", shown="1 of 2 seeds")


def test_nan_never_satisfies_a_bound():
    checks = Checks(page="p.py")
    for method, bounds, _, _ in BOUNDARIES:
        with pytest.raises(ClaimError, match="measured nan"):
            getattr(checks, method)(float("nan"), *bounds, "a claim")
    with pytest.raises(ClaimError, match="measured nan"):
        checks.close(np.nan, 0.0, "a claim", tol=1.0)


def test_the_failure_is_an_assertion_error_naming_page_and_statement():
    checks = Checks(page="gallery/geometry/plot_05_depth.py")
    with pytest.raises(AssertionError) as info:
        checks.below(0.942, 0.9, "width 2 never separates the ring", fmt=".1%")
    err = info.value
    assert isinstance(err, ClaimError)
    assert err.page == "gallery/geometry/plot_05_depth.py"
    assert err.statement == "width 2 never separates the ring"
    assert str(err) == (
        "gallery/geometry/plot_05_depth.py: claim does not hold: "
        "width 2 never separates the ring: measured 94.2% (bound < 90.0%)"
    )


def test_default_page_is_the_calling_file_from_its_gallery_folder(tmp_path):
    script = tmp_path / "gallery" / "section" / "plot_x.py"
    script.parent.mkdir(parents=True)
    code = compile("from nnexplain.checks import Checks\nchecks = Checks()\n", str(script), "exec")
    namespace = {}
    exec(code, namespace)
    assert namespace["checks"].page == "gallery/section/plot_x.py"
    assert Checks().page.endswith("tests/test_checks.py")


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.942, ".1%", "94.2%"),
        (np.float64(0.75), None, "0.75"),
        (np.float32(1 / 3), None, "0.3333"),
        (12345, None, "12345"),
        (np.int64(7), "d", "7"),
        (7, ".1%", "700.0%"),
        (np.array(0.5), ".2f", "0.50"),
        (1234.5678, ",.1f", "1,234.6"),
    ],
)
def test_formatting_of_measured_value_and_bound(value, fmt, shown):
    checks = Checks(page="p.py")
    checks.at_most(value, value, "same", fmt=fmt)
    assert checks.claims[0].measured == shown
    assert checks.claims[0].bound == f"bound <= {shown}"


def test_returned_value_is_the_given_object():
    value = np.float64(0.25)
    assert Checks(page="p.py").at_least(value, 0.0, "s") is value


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: c.below("0.5", 1.0, "s"), TypeError, r"x must be a real number; got '0.5'"),
        (lambda c: c.below(True, 1.0, "s"), TypeError, "x must be a real number, not a bool"),
        (lambda c: c.below(np.ones(2), 1.0, "s"), TypeError, "x must be a real number"),
        (lambda c: c.below(0.5, None, "s"), TypeError, "bound must be a real number; got None"),
        (lambda c: c.below(0.5, np.nan, "s"), ValueError, "bound must not be NaN"),
        (lambda c: c.below(0.5, 1.0, ""), TypeError, "statement must be a non-empty str"),
        (lambda c: c.below(0.5, 1.0, 3), TypeError, "statement must be a non-empty str"),
        (lambda c: c.below(0.5, 1.0, "s", fmt="q"), ValueError, "fmt 'q' is not a format spec"),
        (lambda c: c.between(0.5, 1.0, 0.0, "s"), ValueError, "low must be <= high"),
        (lambda c: c.close(0.5, 0.5, "s", tol=-1), ValueError, "tol must be a finite number >="),
        (lambda c: c.close(0.5, 0.5, "s", tol=np.inf), ValueError, "tol must be a finite"),
        (lambda c: c.true(1, "s"), TypeError, "condition must be a bool"),
        (lambda c: c.true(True, "s", shown=3), TypeError, "shown must be a str or None"),
    ],
)
def test_bad_input_is_named(call, error, match):
    checks = Checks(page="p.py")
    with pytest.raises(error, match=match):
        call(checks)
    assert len(checks) == 0


def test_bad_page_is_named():
    with pytest.raises(TypeError, match="page must be a non-empty str or None; got 3"):
        Checks(page=3)


def test_text_shows_every_line_under_the_title():
    checks = Checks(page="plot_demo.py")
    assert str(checks) == "Checked at build time (plot_demo.py, 0 claims)\n(no claims recorded)"
    checks.below(0.942, 1.0, "width 2 never separates the ring", fmt=".1%")
    checks.between(0.3, 0.2, 0.4, "a fraction")
    assert (
        repr(checks)
        == str(checks)
        == (
            "Checked at build time (plot_demo.py, 2 claims)\n"
            "- width 2 never separates the ring: measured 94.2% (bound < 100.0%)\n"
            "- a fraction: measured 0.3 (bound 0.2 <= x <= 0.4)"
        )
    )


def test_html_block_is_a_material_admonition_with_escaped_lines():
    checks = Checks(page="p.py")
    checks.below(0.5, 1.0, "x < 1 & <b>not bold</b>")
    checks.true(True, "holds", shown="3 of 3")
    block = checks._repr_html_()
    assert block.startswith('<div class="admonition success nnx-checks">')
    assert '<p class="admonition-title">Checked at build time</p>' in block
    assert block.count("<li>") == 2
    assert "x &lt; 1 &amp; &lt;b&gt;not bold&lt;/b&gt;" in block and "<b>" not in block
    assert "measured <strong>0.5</strong>" in block and "(bound &lt; 1)" in block
    assert "<strong>3 of 3</strong>" in block
    assert "No claims recorded." in Checks(page="p.py")._repr_html_()


def test_module_doctests_pass():
    result = doctest.testmod(nnexplain.checks)
    assert result.attempted >= 5 and result.failed == 0


def _run_script(path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=60
    )


def test_plain_run_prints_the_lines_and_a_failure_names_the_script(tmp_path):
    script = tmp_path / "plot_plain.py"
    script.write_text(
        "from nnexplain.checks import Checks\n"
        "checks = Checks()\n"
        "checks.at_least(0.997, 0.995, 'width 3 separates it', fmt='.1%')\n"
        "print(checks)\n"
        "checks.below(0.5, 0.4, 'half is below 0.4')\n"
    )
    proc = _run_script(script)
    assert proc.returncode != 0
    assert proc.stdout.splitlines() == [
        "checked: width 3 separates it: measured 99.7% (bound >= 99.5%)",  # as it is checked
        f"Checked at build time ({script.as_posix()}, 1 claim)",
        "- width 3 separates it: measured 99.7% (bound >= 99.5%)",
    ]
    assert (
        f"ClaimError: {script.as_posix()}: claim does not hold: "
        "half is below 0.4: measured 0.5 (bound < 0.4)"
    ) in proc.stderr


# A throw-away gallery with the project's gallery settings and hooks: the block renders as the
# admonition on the built page, and a failing claim fails the build naming page and statement.
PASSING = '''"""
# A checked page

Claims checked while the page builds.
"""

# %%
# ## The claims
from nnexplain.checks import Checks

checks = Checks()
checks.at_least(0.997, 0.995, "width 3 separates the ring", fmt=".1%")
checks.true(True, "every seed agrees", shown="4 of 4 seeds")
checks
'''

FAILING = '''"""
# A page whose claim is false
"""

# %%
from nnexplain.checks import Checks

checks = Checks()
checks.below(0.942, 0.9, "width 2 never separates the ring", fmt=".1%")
'''


def _project(tmp_path: Path, script: str, name: str) -> Path:
    yaml = pytest.importorskip("yaml")
    pytest.importorskip("mkdocs_gallery")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = next(
        p["gallery"] for p in config["plugins"] if isinstance(p, dict) and "gallery" in p
    )
    settings.update(examples_dirs="gallery", gallery_dirs="docs/generated/gallery")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    section = tmp_path / "gallery" / "section"
    section.mkdir(parents=True)
    (tmp_path / "gallery" / "README.md").write_text("# Gallery\n")
    (section / "README.md").write_text("# Section\n")
    (section / name).write_text(script)
    project = {
        "site_name": "checks",
        "theme": {"name": "material"},
        "nav": [{"Home": "index.md"}, {"Gallery": "generated/gallery"}],
        "plugins": [{"gallery": settings}],
        "markdown_extensions": config["markdown_extensions"],
        "hooks": [str(ROOT / hook) for hook in config.get("hooks", [])],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(project))
    return tmp_path


def _build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_gallery_renders_the_block_as_an_admonition(tmp_path):
    project = _project(tmp_path, PASSING, "plot_checked.py")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = project / "site" / "generated" / "gallery" / "section" / "plot_checked" / "index.html"
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="admonition success nnx-checks">.*?</div>', text, re.S)
    assert len(blocks) == 1, "exactly one Checked-at-build-time block"
    assert '<p class="admonition-title">Checked at build time</p>' in blocks[0]
    assert "width 3 separates the ring</span>: measured <strong>99.7%</strong>" in blocks[0]
    assert "(bound &gt;= 99.5%)" in blocks[0]
    assert "<strong>4 of 4 seeds</strong>" in blocks[0]
    # The text repr is not printed as well.
    assert "Checked at build time (gallery" not in text
    # The code cell is folded (docs/hooks/gallery_pages.py); the block is not inside the fold.
    assert '<details class="nnx-code"><summary>Show code (' in text
    before = text[: text.index('<div class="admonition success nnx-checks">')]
    assert before.count("<details") == before.count("</details>") == 1


@pytest.mark.slow
def test_a_false_claim_fails_the_build_naming_page_and_statement(tmp_path):
    project = _project(tmp_path, FAILING, "plot_false.py")
    proc = _build(project)
    assert proc.returncode != 0, "a false claim must fail the build"
    output = proc.stdout + proc.stderr
    assert (
        "ClaimError: gallery/section/plot_false.py: claim does not hold: "
        "width 2 never separates the ring: measured 94.2% (bound < 90.0%)"
    ) in output


def test_a_plain_run_of_the_script_prints_each_claim_as_it_is_checked(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "plot_demo.py"
    script.write_text(
        "from nnexplain.checks import Checks\n"
        "checks = Checks()\n"
        "checks.below(0.5, 1.0, 'half is below one', fmt='.1f')\n"
        "checks\n"
    )
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    ).stdout
    assert out == "checked: half is below one: measured 0.5 (bound < 1.0)\n"


def test_claims_are_not_printed_outside_a_plain_run(capsys):
    checks = Checks()  # created by pytest's code, not by the script pytest was started with
    checks.below(0.5, 1.0, "half is below one")
    assert checks.echo is False and capsys.readouterr().out == ""
