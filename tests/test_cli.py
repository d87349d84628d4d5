"""Tests for the nnexplain command: main([...]) in process, and subprocesses for exit codes."""

import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnexplain import MLP, __version__, cli
from nnexplain.datasets import make_circle_in_donut
from nnexplain.io import load_model, save_model
from nnexplain.video import find_ffmpeg

needs_ffmpeg = pytest.mark.skipif(find_ffmpeg() is None, reason="no ffmpeg")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder with points.csv (60 labelled points) and model.npz (a 2-3-3-1 tanh network)."""
    monkeypatch.chdir(tmp_path)
    X, y = make_circle_in_donut(60, seed=0)
    np.savetxt(
        "points.csv", np.column_stack([X, y]), delimiter=",", header="x,y,label", comments=""
    )
    save_model("model.npz", MLP([2, 3, 3, 1], seed=0))
    return tmp_path


def run(capsys, *argv):
    """``main(argv)``: exit status, stdout and stderr; one string is split like a shell line."""
    argv = shlex.split(argv[0]) if len(argv) == 1 else list(argv)
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


# ------------------------------------------------------------------------------- progress bar


def test_progress_bar_draws_in_place_and_ends_the_line():
    stream = io.StringIO()
    bar = cli.ProgressBar(4, "rendering x.mp4", stream=stream, enabled=True, width=8)
    assert list(bar.wrap("abcd")) == list("abcd")
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("\n")
    assert "\rrendering x.mp4 [##------] 1/4" in text
    assert "[########] 4/4" in text
    assert "s left" in text.split("\r")[1]  # an estimate while running


def test_progress_bar_is_silent_off_a_terminal():
    stream = io.StringIO()  # not a tty
    bar = cli.ProgressBar(3, "x", stream=stream)
    assert not bar.enabled
    assert list(bar.wrap(range(3))) == [0, 1, 2]
    assert stream.getvalue() == ""


# -------------------------------------------------------------------------------------- train


def test_train_writes_a_model(workdir, capsys):
    status, out, err = run(
        capsys, "train --data points.csv --hidden 3,3,3 --epochs 50 --out trained.npz --seed 1"
    )
    assert status == 0, err
    assert err == ""
    net = load_model("trained.npz")
    assert repr(net) == "MLP(2-3-3-3-1, tanh -> sigmoid)"
    assert "trained MLP(2-3-3-3-1, tanh -> sigmoid) on 60 points for 50 epochs" in out
    assert "wrote trained.npz" in out
    # seeded: the same command gives the same weights
    run(capsys, "train --data points.csv --epochs 50 --out again.npz --seed 1 --quiet")
    for (W, _), (W2, _) in zip(
        net.get_weights(), load_model("again.npz").get_weights(), strict=True
    ):
        np.testing.assert_array_equal(W, W2)


def test_train_multiclass_and_per_layer_activations(workdir, capsys):
    X = np.random.default_rng(0).normal(size=(30, 2))
    np.save("three.npy", np.column_stack([X, np.arange(30) % 3]))
    status, out, err = run(
        capsys,
        "train --data three.npy --hidden 4,3 --activation relu,tanh --epochs 2 --out m.npz -q",
    )
    assert status == 0, err
    assert out == ""
    assert repr(load_model("m.npz")) == "MLP(2-4-3-3, relu/tanh -> softmax)"
    status, _, err = run(capsys, "train --data three.npy --hidden '' --epochs 1 --out lin.npz")
    assert status == 0, err
    assert repr(load_model("lin.npz")) == "MLP(2-3, softmax)"


@pytest.mark.parametrize(
    ("setup", "argv", "message"),
    [
        (
            lambda: Path("p.csv").write_text("x,y\n1,2\n3,4\n"),
            ["--data", "p.csv"],
            "p.csv has no labels; training needs a class for every point",
        ),
        (
            lambda: Path("p.csv").write_text("1,2,1\n3,4,1\n"),
            ["--data", "p.csv"],
            "p.csv: every point has label 1; training needs two classes or more",
        ),
        (
            lambda: None,
            ["--data", "points.csv", "--hidden", "3,3", "--activation", "tanh,relu,tanh"],
            "--activation lists 3 activations for 2 hidden layers",
        ),
        (lambda: None, ["--data", "nope.csv"], "nope.csv: no such file"),
    ],
)
def test_train_failures(workdir, capsys, setup, argv, message):
    setup()
    status, out, err = run(capsys, "train", *argv, "--out", "m.npz")
    assert status == 1
    assert err.startswith("nnexplain: error: ") and message in err
    assert "Traceback" not in err and not Path("m.npz").exists()


def test_train_divergence_is_reported_with_a_hint(workdir, capsys, monkeypatch):
    from nnexplain.training import DivergenceError

    def diverge(self, *args, **kwargs):
        raise DivergenceError("the gradient became NaN at step 3")

    monkeypatch.setattr(MLP, "fit", diverge)
    status, _, err = run(capsys, "train", "--data", "points.csv", "--out", "m.npz")
    assert status == 1
    assert err == (
        "nnexplain: error: training diverged (the gradient became NaN at step 3); try a "
        "smaller --lr\n"
    )


# --------------------------------------------------------------------------------------- plot


@pytest.mark.parametrize("kind", ["boundary", "histograms", "stages"])
def test_plot_writes_a_png(workdir, capsys, kind):
    status, out, err = run(
        capsys, f"plot --model model.npz --data points.csv --out {kind}.png --kind {kind} --dpi 40"
    )
    assert status == 0, err
    assert Path(f"{kind}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.startswith(f"wrote {kind}.png (")


def test_plot_stages_with_pca_and_svg(workdir, capsys):
    status, _, err = run(
        capsys,
        "plot --model model.npz --data points.csv --out s.png --kind stages --projection pca "
        "--dpi 30",
    )
    assert status == 0, err
    argv = "plot --model model.npz --data points.csv --out h.svg --kind histograms"
    assert run(capsys, argv)[0] == 0
    assert b"<svg" in Path("h.svg").read_bytes()[:400]


@pytest.mark.parametrize("command", ["plot", "animate"])
def test_a_dpi_too_large_for_the_renderer_names_dpi(workdir, capsys, command):
    Path("old.gif").write_bytes(b"GIF89a old")
    out = "old.png" if command == "plot" else "old.gif"
    status, _, err = run(
        capsys, f"{command} --model model.npz --data points.csv --out {out} --dpi 1e7"
    )
    # Refused by the option's range (10 to 1200) before anything is drawn or written.
    assert status == 2 and "Traceback" not in err
    assert "argument --dpi: expected a number from 10 to 1200, got '1e7'" in err
    assert not Path("old.png").exists() and Path("old.gif").read_bytes() == b"GIF89a old"


@pytest.mark.parametrize(
    ("setup", "argv", "message"),
    [
        (
            lambda: Path("bad.csv").write_text("x,y,label\n1,2,0\n1,2\n"),
            ["--data", "bad.csv"],
            "bad.csv line 3: expected 3 numeric columns (x, y, label), got '1,2'",
        ),
        (lambda: None, ["--model", "nope.npz"], "nope.npz: no such file"),
        (lambda: None, ["--model", "points.csv"], "points.csv: not an .npz archive"),
        (
            lambda: save_model("wide.npz", MLP([3, 2, 1], seed=0)),
            ["--model", "wide.npz"],
            "points.csv has 2 coordinates per point but the model wide.npz "
            "(MLP(3-2-1, tanh -> sigmoid)) takes 3 inputs",
        ),
        (
            lambda: save_model("reg.npz", MLP([2, 2, 1], output="identity", seed=0)),
            ["--model", "reg.npz"],
            "reg.npz: plot_decision_boundary needs a classifier",
        ),
        (
            lambda: save_model("logits.npz", MLP([2, 2, 1], output="identity", seed=0)),
            ["--model", "logits.npz"],
            "a model trained on logits takes --output sigmoid (one output) or --output softmax",
        ),
        (
            lambda: None,
            ["--output", "softmax"],
            "--output softmax: output='softmax' applies to a model whose last layer gives "
            "logits (no activation), but MLP(2-3-3-1, tanh -> sigmoid) already ends in sigmoid",
        ),
        (lambda: None, ["--out", "x.nope"], "unknown image type '.nope'; use one of"),
        (lambda: None, ["--out", "no/x.png"], "--out 'no/x.png': the folder 'no' does not exist"),
    ],
)
def test_plot_failures(workdir, capsys, setup, argv, message):
    setup()
    opts = {"--model": "model.npz", "--data": "points.csv", "--out": "b.png"}
    opts.update(dict(zip(argv[::2], argv[1::2], strict=True)))
    status, _, err = run(capsys, "plot", *[x for kv in opts.items() for x in kv])
    assert status == 1
    assert err.startswith("nnexplain: error: ") and message in err, err
    assert "Traceback" not in err


def test_plot_output_sigmoid_makes_a_logits_model_a_classifier(workdir, capsys):
    """--output sigmoid draws the boundary of the network a logits model stands for."""
    logits = MLP([2, 3, 3, 1], output="identity", seed=0)
    save_model("logits.npz", logits)
    argv = "plot --model logits.npz --data points.csv --out b.png --dpi 30 --output sigmoid"
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert Path("b.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    args = cli.build_parser().parse_args(argv.split())
    net, X, _ = cli._load(args)
    assert repr(net) == "MLP(2-3-3-1, tanh -> sigmoid)"
    np.testing.assert_allclose(net.forward(X), 1 / (1 + np.exp(-logits.forward(X))))
    status, _, err = run(capsys, argv.replace("sigmoid", "relu"))
    assert status == 2 and "argument --output: invalid choice: 'relu'" in err


# ------------------------------------------------------------------------------------ animate


@needs_ffmpeg
def test_animate_writes_an_mp4_with_a_progress_bar(workdir, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    argv = "animate --model model.npz --data points.csv --out journey.mp4 --frames-per-stage 2"
    status = cli.main([*argv.split(), "--dpi", "30", "--fps", "10"])
    out = capsys.readouterr().out
    assert status == 0, terminal.getvalue()
    data = Path("journey.mp4").read_bytes()
    assert data[4:8] == b"ftyp"  # an ISO media file
    # 5 stages (input, 2 x (affine, tanh)) held 1 + 8 frames each, 4 moves of 2 frames
    n = 5 * 9 + 4 * 2
    assert f"wrote journey.mp4 ({n} frames at 10 fps" in out
    bar = terminal.getvalue()
    assert "\rrendering journey.mp4 [" in bar and f"] {n}/{n}" in bar and bar.endswith("\n")


@pytest.mark.parametrize("projection", ["pca", "3d"])
def test_animate_writes_a_gif(workdir, capsys, projection):
    status, out, err = run(
        capsys,
        "animate --model model.npz --data points.csv --out j.gif --frames-per-stage 1 "
        f"--pause-frames 0 --dpi 20 --projection {projection} --include-output",
    )
    assert status == 0, err
    assert err == ""  # no bar off a terminal
    assert Path("j.gif").read_bytes()[:4] == b"GIF8"


def test_animate_failures(workdir, capsys):
    status, _, err = run(capsys, "animate --model model.npz --data points.csv --out missing/j.mp4")
    assert status == 1 and "the folder 'missing' does not exist" in err
    Path("p.npz").write_bytes(b"PK\x03\x04 not really")
    status, _, err = run(capsys, "animate --model model.npz --data p.npz --out j.gif")
    assert status == 1 and err.startswith("nnexplain: error: p.npz: not a readable .npz")


# ------------------------------------------------------------------------------ usage, --help


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["draw"], "invalid choice: 'draw'"),
        (["animate", "--data", "p.csv", "--out", "j.mp4"], "required: --model"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.avi"], "ending with .mp4, .gif"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.mp4", "--fps", "0"],
         "argument --fps: expected a number from 0.01 to 1000, got '0'"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.mp4", "--fps", "1e-300"],
         "argument --fps: expected a number from 0.01"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.mp4", "--fps", "nan"],
         "argument --fps: expected a number from 0.01"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.mp4", "--fps", "fast"],
         "argument --fps: expected a number, got 'fast'"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.gif", "--frames-per-stage",
          "100000"], "argument --frames-per-stage: expected an integer from 1 to 1000"),
        (["plot", "--model", "m", "--data", "p", "--out", "b.png", "--dpi", "1e7"],
         "argument --dpi: expected a number from 10 to 1200, got '1e7'"),
        (["plot", "--model", "m", "--data", "p", "--out", "b.png", "--dpi", "inf"],
         "argument --dpi: expected a number from 10 to 1200"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.gif", "--dpi", "0"],
         "argument --dpi: expected a number from 10 to 1200"),
        (["train", "--data", "p", "--out", "m.npz", "--lr", "-1"],
         "argument --lr: expected a finite number > 0"),
        (["animate", "--model", "m", "--data", "p", "--out", "j.mp4", "--projection", "tsne"],
         "invalid choice: 'tsne'"),
        (["plot", "--model", "m", "--data", "p", "--out", "b.png", "--kind", "pie"], "'pie'"),
        (["train", "--data", "p", "--out", "m.npz", "--hidden", "3,x"], "like 3,3,3; got '3,x'"),
        (["train", "--data", "p", "--out", "m.npz", "--hidden", "3,0"], "every width must be"),
        (["train", "--data", "p", "--out", "m.npz", "--activation", "swish"],
         "unknown activation 'swish'; choose from elu, gelu"),
        (["train", "--data", "p", "--out", "m.npz", "--epochs", "-1"], "integer >= 1"),
        (["train", "--data", "p", "--out", "m.pt"], "ending with .npz"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert "usage: nnexplain" in err and message in err, err


def test_version_and_help(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.strip() == f"nnexplain {__version__}"
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "animate" in out and "plot" in out and "train" in out
    for command, option in [
        ("animate", "--frames-per-stage"),
        ("plot", "--kind"),
        ("train", "--hidden"),
    ]:
        status, out, _ = run(capsys, command, "--help")
        assert status == 0
        assert out.startswith(f"usage: nnexplain {command}") and option in out


def test_unexpected_errors_are_one_line_unless_debugging(workdir, capsys, monkeypatch):
    def boom(args):
        raise KeyError("boom")

    monkeypatch.setattr(cli, "_run_train", boom)
    argv = ["train", "--data", "points.csv", "--out", "m.npz"]
    status, _, err = run(capsys, *argv)
    assert status == 1
    assert err == (
        "nnexplain: error: unexpected KeyError: 'boom' (set NNEXPLAIN_DEBUG=1 to see where)\n"
    )
    monkeypatch.setenv("NNEXPLAIN_DEBUG", "1")
    with pytest.raises(KeyError, match="boom"):
        cli.main(argv)


# ------------------------------------------------------------------------------- subprocesses


def _subprocess(*argv):
    """Run a command in the current folder (the test's workdir)."""
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("NNEXPLAIN_DEBUG", None)
    argv = [str(a) for a in argv]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)


def test_python_m_nnexplain_exit_codes(workdir):
    python = [sys.executable, "-m", "nnexplain"]
    proc = _subprocess(*python, "--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"nnexplain {__version__}"

    Path("bad.csv").write_text("x,y,label\n1,2,0\na,b\n")
    proc = _subprocess(*python, *"plot --model model.npz --data bad.csv --out b.png".split())
    assert proc.returncode == 1
    assert proc.stderr == (
        "nnexplain: error: bad.csv line 3: expected 3 numeric columns (x, y, label), got 'a,b'\n"
    )

    proc = _subprocess(*python, "plot", "--model", "model.npz")
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: nnexplain plot") and "Traceback" not in proc.stderr

    proc = _subprocess(*python, *"plot --model model.npz --data points.csv --out b.png".split())
    assert proc.returncode == 0, proc.stderr
    assert Path("b.png").read_bytes()[:4] == b"\x89PNG"


def test_console_script(workdir):
    script = Path(sys.executable).with_name("nnexplain")
    if not script.exists():
        pytest.skip("the nnexplain console script is not installed next to this python")
    proc = _subprocess(script, "train", "--help")
    assert proc.returncode == 0 and proc.stdout.startswith("usage: nnexplain train")
    proc = _subprocess(script, *"animate --model nope.npz --data points.csv --out j.gif".split())
    assert proc.returncode == 1
    assert proc.stderr == "nnexplain: error: nope.npz: no such file\n"


# --------------------------------------------------------------------------- --out and --force


@pytest.mark.parametrize(
    ("command", "out"),
    [
        ("train --data points.csv --epochs 1", "m.npz"),
        ("plot --model model.npz --data points.csv --dpi 30", "b.png"),
        ("animate --model model.npz --data points.csv --dpi 30 --frames-per-stage 1", "j.gif"),
    ],
)
def test_an_existing_out_is_replaced_only_with_force(workdir, capsys, command, out):
    Path(out).write_bytes(b"keep me")
    status, _, err = run(capsys, f"{command} --out {out}")
    assert status == 1
    assert err == (
        f"nnexplain: error: --out '{out}' already exists; add --force to replace it (it is "
        f"replaced only once the new file is complete)\n"
    )
    assert Path(out).read_bytes() == b"keep me"
    status, _, err = run(capsys, f"{command} --out {out} --force --quiet")
    assert status == 0, err
    assert Path(out).read_bytes() != b"keep me"
    assert sorted(p.name for p in workdir.iterdir()) == sorted(["model.npz", "points.csv", out])


def test_help_documents_force(capsys):
    status, out, _ = run(capsys, "train --help")
    assert status == 0
    text = " ".join(out.split())
    assert "never over an existing file unless --force is given" in text
    assert "-f, --force replace --out if it exists" in text


def test_out_that_is_a_folder(workdir, capsys):
    Path("m.npz").mkdir()
    status, _, err = run(capsys, "train --data points.csv --out m.npz --force")
    assert status == 1 and "--out 'm.npz' is a folder; give a file name" in err


def _flip_in_W0(data: bytes) -> bytes:
    i = data.index(b"W0.npy") + 30  # inside the stored bytes of W0, which its CRC-32 covers
    return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_flip_in_W0, r"not a readable .npz archive \(array 'W0'\); BadZipFile: Bad CRC-32"),
        (lambda b: b[: len(b) // 2], "not a readable .npz archive"),
    ],
    ids=["flipped_byte", "truncated"],
)
def test_a_damaged_model_is_a_one_line_error_naming_it(workdir, capsys, damage, message):
    data = Path("model.npz").read_bytes()
    Path("model.npz").write_bytes(damage(data))
    status, _, err = run(capsys, "plot --model model.npz --data points.csv --out b.png")
    assert status == 1
    assert re.match("nnexplain: error: model.npz: " + message, err), err
    assert "unexpected" not in err and "\n" == err[-1] and err.count("\n") == 1
