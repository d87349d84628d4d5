"""The ``nnexplain`` command: explain your own network on your own data without writing Python.

Three commands, each with ``--help``:

    nnexplain train   --data points.csv --hidden 3,3,3 --activation tanh --out model.npz
    nnexplain animate --model model.npz --data points.csv --out journey.mp4 --projection 3d
    nnexplain plot    --model model.npz --data points.csv --out boundary.png --kind boundary

``--data`` is read by :func:`nnexplain.io.load_points` (CSV ``x,y,label``, ``.npy`` or
``.npz``) and ``--model`` by :func:`nnexplain.io.load_model`; a network trained with PyTorch,
Keras or scikit-learn is written to such a file with
``nnexplain.io.save_model(path, nnexplain.adapters.from_any(model))``. ``nnexplain train``
makes a model from a CSV for people who have data but no network.

``--out`` is written completely or not at all: the file goes to a temporary name in the same
folder and is renamed over ``--out`` once complete, so Ctrl-C, a full disk or an encoder error
leave an existing file as it was. An existing ``--out`` is never replaced unless ``--force``
(``-f``) is given.

A problem with a file is reported on one line, ``nnexplain: error: points.csv line 7: expected
3 numeric columns (x, y, label), got 'a,b'``, with exit status 1; a wrong option prints the
usage and exits with status 2. Set the environment variable ``NNEXPLAIN_DEBUG=1`` to see the
traceback of an unexpected error. ``python -m nnexplain`` is the same command.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from . import __version__
from ._files import atomic_path
from .activations import ACTIVATIONS
from .video import FPS_RANGE

__all__ = ["ProgressBar", "build_parser", "main"]

PROG = "nnexplain"
_VIDEO_SUFFIXES = (".mp4", ".gif", ".webp")
_HIDDEN_ACTIVATIONS = sorted(a for a in ACTIVATIONS if a != "softmax")


class CommandError(Exception):
    """A failure to report as ``nnexplain: error: ...`` with exit status 1."""


# --------------------------------------------------------------------------------------------
# progress
# --------------------------------------------------------------------------------------------


class ProgressBar:
    """A one-line progress bar on stderr, redrawn in place: ``label [#####-----] 12/40 ...``.

    Parameters
    ----------
    total : int
        Number of steps.
    label : str
        Text before the bar.
    stream : file or None
        Where to draw; ``None`` is ``sys.stderr``.
    enabled : bool or None
        ``None`` draws only when ``stream`` is a terminal (a log file gets no bar).
    width : int
        Characters of the bar itself.
    """

    def __init__(self, total, label, *, stream=None, enabled=None, width=30):
        self.total = max(int(total), 1)
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.width = width
        self.start = time.perf_counter()
        self._shown = -1
        self.done = 0

    def update(self, done: int) -> None:
        """Record ``done`` steps and redraw when the bar or the count changes."""
        self.done = done
        if not self.enabled or done == self._shown:
            return
        self._shown = done
        fraction = min(done / self.total, 1.0)
        filled = int(round(fraction * self.width))
        elapsed = time.perf_counter() - self.start
        text = f"\r{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {done}/{self.total}"
        text += f" {elapsed:.1f} s"
        if 0 < done < self.total:
            text += f", ~{elapsed * (self.total - done) / done:.0f} s left"
        self.stream.write(text + " " * 4)
        self.stream.flush()

    def close(self) -> None:
        """End the line of the bar."""
        if self.enabled and self._shown >= 0:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = -1

    def wrap(self, iterable):
        """Yield the items of ``iterable``, advancing the bar after each."""
        try:
            for done, item in enumerate(iterable, 1):
                self.update(done)
                yield item
        finally:
            self.close()


# --------------------------------------------------------------------------------------------
# argument types (a bad value is a usage error: status 2)
# --------------------------------------------------------------------------------------------


def _positive_int(minimum=1, maximum=None):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            allowed = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
            raise argparse.ArgumentTypeError(f"expected an integer {allowed}, got {value}")
        return value

    return parse


def _bounded_float(low=0.0, high=None):
    """A finite number > ``low`` (when ``high`` is None) or from ``low`` to ``high``."""

    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if high is None:
            if not np.isfinite(value) or value <= low:
                raise argparse.ArgumentTypeError(
                    f"expected a finite number > {low:g}, got {text!r}"
                )
        elif not low <= value <= high:  # also refuses nan and inf
            raise argparse.ArgumentTypeError(
                f"expected a number from {low:g} to {high:g}, got {text!r}"
            )
        return value

    return parse


_positive_float = _bounded_float()
#: --dpi: below 10 a figure is a few pixels; above 1200 a 6-inch figure passes matplotlib's
#: 2**16-pixel limit (and takes seconds and hundreds of MB per frame long before that).
_DPI_RANGE = (10.0, 1200.0)


def _hidden_sizes(text):
    """``"3,3,3"`` -> ``[3, 3, 3]``; ``""`` or ``"none"`` -> no hidden layer."""
    if text.strip().lower() in ("", "none"):
        return []
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected widths separated by commas, like 3,3,3; got {text!r}"
        ) from None
    if any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"every width must be >= 1; got {text!r}")
    return sizes


def _activation_list(text):
    """``"tanh"`` or ``"tanh,relu,tanh"`` (one per hidden layer)."""
    names = [part.strip().lower().replace("-", "_") for part in text.split(",")]
    for name in names:
        if name not in _HIDDEN_ACTIVATIONS:
            raise argparse.ArgumentTypeError(
                f"unknown activation {name!r}; choose from {', '.join(_HIDDEN_ACTIVATIONS)}"
            )
    return names


def _suffix_path(suffixes):
    def parse(text):
        path = Path(text)
        if path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(
                f"expected a file name ending with {', '.join(suffixes)}; got {text!r}"
            )
        return path

    return parse


def _image_suffixes():
    from matplotlib.backend_bases import FigureCanvasBase

    return tuple(f".{s}" for s in sorted(FigureCanvasBase.get_supported_filetypes()))


# --------------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------------


def _add_out_arg(p, parse, help):
    """``--out FILE`` and ``--force`` (an existing ``--out`` is only replaced with ``--force``)."""
    p.add_argument(
        "--out",
        required=True,
        type=parse,
        metavar="FILE",
        help=help + "; written completely or not at all, and never over an existing file "
        "unless --force is given",
    )
    p.add_argument(
        "-f",
        "--force",
        action="store_true",
        help="replace --out if it exists (it is replaced only once the new file is complete)",
    )


def _add_dpi_arg(p, default):
    """``--dpi`` checked against :data:`_DPI_RANGE`."""
    low, high = _DPI_RANGE
    p.add_argument(
        "--dpi",
        type=_bounded_float(low, high),
        default=default,
        help=f"resolution in dots per inch, {low:g} to {high:g} (default: %(default)s)",
    )


def _output_arg(p) -> None:
    """``--output``: the activation a model trained on logits leaves to its loss (issue 12)."""
    p.add_argument(
        "--output",
        choices=("sigmoid", "softmax"),
        default=None,
        help="for a model whose last layer gives logits (trained with BCEWithLogitsLoss, "
        "CrossEntropyLoss or from_logits=True): apply this output activation (default: the "
        "model's own)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``nnexplain`` command (three sub-commands)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="See what a neural network does to data: animate a network's layers, plot "
        "its decision boundary, or train a small network on a CSV of labelled points.",
        epilog="Run 'nnexplain COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _add_animate_parser(sub, common)
    _add_plot_parser(sub, common)
    _add_train_parser(sub, common)
    return parser


# -- arguments shared by several commands --------------------------------------------------------
def _add_data_arg(p, help_extra=""):
    p.add_argument(
        "--data",
        required=True,
        type=Path,
        metavar="FILE",
        help="points: a CSV with columns x,y,label (header optional), an .npy array of "
        "shape (n, 3) or (n, 2), or an .npz with keys X and y" + help_extra,
    )


def _add_model_arg(p):
    p.add_argument(
        "--model",
        required=True,
        type=Path,
        metavar="FILE",
        help="the network, an .npz written by 'nnexplain train' or nnexplain.io.save_model",
    )


# -- one function per command --------------------------------------------------------------------
def _add_animate_parser(sub, common):
    p = sub.add_parser(
        "animate",
        parents=[common],
        help="animate data travelling through the network, stage by stage",
        description="Animate the data (and a grid) moving through every stage of the network: "
        "input, layer 1 affine, layer 1 activation, ... Wide stages are projected.",
    )
    _add_model_arg(p)
    _output_arg(p)
    _add_data_arg(p)
    _add_out_arg(
        p, _suffix_path(_VIDEO_SUFFIXES), "the video: .mp4 (H.264, needs ffmpeg), .gif or .webp"
    )
    p.add_argument(
        "--projection",
        choices=("first_two", "pca", "3d"),
        default="first_two",
        help="how wide stages are drawn: first two coordinates, a PCA fitted on all stages, "
        "or 3D with a turning camera (default: %(default)s)",
    )
    p.add_argument(
        "--fps",
        type=_bounded_float(*FPS_RANGE),
        default=25,
        help=f"frames per second, {FPS_RANGE[0]:g} to {FPS_RANGE[1]:g} (default: %(default)s)",
    )
    p.add_argument(
        "--frames-per-stage",
        type=_positive_int(1, 1000),
        default=20,
        metavar="N",
        help="frames of the move from one stage to the next (default: %(default)s)",
    )
    p.add_argument(
        "--pause-frames",
        type=_positive_int(0, 1000),
        default=8,
        metavar="N",
        help="extra frames each stage is held (default: %(default)s)",
    )
    _add_dpi_arg(p, 100)
    p.add_argument(
        "--include-output",
        action="store_true",
        help="also show the output layer (by default the journey ends in the last hidden layer)",
    )
    p.set_defaults(run=_run_animate)


def _add_plot_parser(sub, common):
    p = sub.add_parser(
        "plot",
        parents=[common],
        help="draw a figure: decision boundary, activation histograms or every stage",
        description="Draw one figure of the network on the data: its decision boundary over the "
        "input plane, histograms of every layer's activations (one row per class), or the data "
        "at every stage of the forward pass.",
    )
    _add_model_arg(p)
    _output_arg(p)
    _add_data_arg(p)
    _add_out_arg(p, Path, "the image: .png, .svg, .pdf, ...")
    p.add_argument(
        "--kind",
        choices=("boundary", "histograms", "stages"),
        default="boundary",
        help="which figure (default: %(default)s)",
    )
    p.add_argument(
        "--projection",
        choices=("first_two", "pca"),
        default="first_two",
        help="for --kind stages: the first two coordinates of each stage, or its PCA",
    )
    _add_dpi_arg(p, 150)
    p.set_defaults(run=_run_plot)


def _add_train_parser(sub, common):
    p = sub.add_parser(
        "train",
        parents=[common],
        help="train a small network on labelled points and save it",
        description="Train a multilayer perceptron on labelled points (two classes: one sigmoid "
        "output; more: softmax) and save it for 'nnexplain animate' and 'nnexplain plot'.",
    )
    _add_data_arg(p, "; labels are class indices 0, 1, ...")
    p.add_argument(
        "--hidden",
        type=_hidden_sizes,
        default=[3, 3, 3],
        metavar="WIDTHS",
        help="hidden layer widths, comma separated (default: 3,3,3)",
    )
    p.add_argument(
        "--activation",
        type=_activation_list,
        default=["tanh"],
        metavar="NAME",
        help="hidden activation, or one per hidden layer (tanh,relu,tanh); one of "
        f"{', '.join(_HIDDEN_ACTIVATIONS)} (default: tanh)",
    )
    p.add_argument("--epochs", type=_positive_int(1), default=200, help="(default: 200)")
    p.add_argument(
        "--lr", type=_positive_float, default=0.01, help="Adam learning rate (default: 0.01)"
    )
    p.add_argument("--batch-size", type=_positive_int(1), default=32, help="(default: 32)")
    p.add_argument("--seed", type=_positive_int(0), default=0, help="random seed (default: 0)")
    _add_out_arg(p, _suffix_path((".npz",)), "where to write the model (.npz)")
    p.set_defaults(run=_run_train)


# --------------------------------------------------------------------------------------------
# the commands
# --------------------------------------------------------------------------------------------


def _say(args, text: str) -> None:
    if not args.quiet:
        print(text)


def _check_out(args) -> None:
    """Refuse an --out whose folder is missing, that is a folder, or that exists without --force."""
    path = args.out
    if not path.parent.is_dir():
        raise CommandError(f"--out {str(path)!r}: the folder {str(path.parent)!r} does not exist")
    if path.is_dir():
        raise CommandError(f"--out {str(path)!r} is a folder; give a file name")
    if path.exists() and not args.force:
        raise CommandError(
            f"--out {str(path)!r} already exists; add --force to replace it (it is replaced only "
            f"once the new file is complete)"
        )


def _load(args):
    from .adapters import from_any
    from .io import load_model, load_points

    net = load_model(args.model)
    try:
        net = from_any(net, output=args.output)
    except ValueError as exc:
        raise CommandError(f"--output {args.output}: {exc}") from None
    X, y = load_points(args.data)
    if X.shape[1] != net.sizes[0]:
        raise CommandError(
            f"{args.data} has {X.shape[1]} coordinates per point but the model {args.model} "
            f"({net!r}) takes {net.sizes[0]} inputs"
        )
    return net, X, y


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def _use_agg():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _check_image_size(fig, dpi) -> None:
    """Refuse a --dpi that makes the image larger than the renderer can draw (2^16 per side)."""
    width, height = fig.get_size_inches() * dpi
    if max(width, height) >= 2**16:
        raise CommandError(
            f"--dpi {dpi:g}: the image would be {width:.0f} x {height:.0f} pixels; at most "
            f"65535 per side, so use --dpi {int(2**16 / max(fig.get_size_inches())) - 1} or less"
        )


def _run_animate(args) -> int:
    _check_out(args)
    if args.out.suffix.lower() == ".mp4":
        from .video import find_ffmpeg

        if find_ffmpeg() is None:
            raise CommandError(
                f"writing {args.out} needs ffmpeg: pip install 'nnexplain[video]', or write "
                f"a .gif or .webp instead"
            )
    net, X, y = _load(args)
    plt = _use_agg()
    from .animate import animate_layers
    from .video import save

    anim = animate_layers(
        net,
        X,
        y,
        projection=args.projection,
        frames_per_transition=args.frames_per_stage,
        pause_frames=args.pause_frames,
        include_output=args.include_output,
        interval=1000.0 / args.fps,
    )
    fig = anim.figure
    try:
        _check_image_size(fig, args.dpi)
        n_frames = anim.n_frames
        bar = ProgressBar(
            n_frames, f"rendering {args.out.name}", enabled=False if args.quiet else None
        )
        try:
            save(
                anim,
                args.out,
                fps=args.fps,
                dpi=args.dpi,
                progress=lambda done, _: bar.update(done),
            )
        finally:
            bar.close()
    finally:
        plt.close(fig)
    _say(args, f"wrote {args.out} ({n_frames} frames at {args.fps:g} fps, {_size(args.out)})")
    return 0


def _run_plot(args) -> int:
    suffixes = _image_suffixes()
    if args.out.suffix.lower() not in suffixes:
        raise CommandError(
            f"--out {str(args.out)!r}: unknown image type {args.out.suffix!r}; use one of "
            f"{', '.join(suffixes)}"
        )
    _check_out(args)
    net, X, y = _load(args)
    plt = _use_agg()
    from . import plot
    from ._style import panel_grid

    if args.kind == "boundary":
        fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
        try:
            plot.plot_decision_boundary(net, X, y, ax=ax)
        except ValueError as exc:
            plt.close(fig)
            hint = ""
            if net.activations[-1].name == "identity":
                hint = (
                    "; a model trained on logits takes --output sigmoid (one output) or "
                    "--output softmax (one output per class)"
                )
            raise CommandError(f"{args.model}: {exc}{hint}") from None
        ax.set_title(repr(net), fontsize=9)
    elif args.kind == "histograms":
        trace = net.trace(X)
        stages = [s for s in trace if s.kind == "activation"]
        arrays = [s.values for s in stages]
        if y is None:
            rows, row_labels = [arrays], ["all points"]
        else:
            classes = np.unique(y)
            rows = [[a[y == c] for a in arrays] for c in classes]
            row_labels = [f"class {c}" for c in classes]
        axes = plot.plot_activation_histograms(
            rows, row_labels=row_labels, col_labels=[s.label for s in stages], range=None
        )
        fig = axes.flat[0].figure
        fig.suptitle(repr(net), fontsize=10)
    else:
        trace = net.trace(X)
        fig, axes = panel_grid(len(trace))
        for stage, ax in zip(trace, axes, strict=True):
            plot.plot_stage(stage, y, ax=ax, projection=args.projection)
        fig.suptitle(repr(net), fontsize=10)
    try:
        _check_image_size(fig, args.dpi)
        with atomic_path(args.out) as tmp:  # the same suffix, so savefig picks the same format
            fig.savefig(tmp, dpi=args.dpi)
    finally:
        plt.close(fig)
    _say(args, f"wrote {args.out} ({_size(args.out)})")
    return 0


def _run_train(args) -> int:
    from .io import load_points, save_model
    from .network import MLP
    from .training import DivergenceError

    _check_out(args)
    X, y = load_points(args.data)
    if y is None:
        raise CommandError(
            f"{args.data} has no labels; training needs a class for every point (CSV columns "
            f"x,y,label, an .npy of shape (n, 3), or an .npz with y)"
        )
    classes = np.unique(y)
    if classes.size < 2:
        raise CommandError(
            f"{args.data}: every point has label {classes[0]}; training needs two classes or more"
        )
    n_classes = int(y.max()) + 1
    n_out = 1 if n_classes == 2 else n_classes
    acts = args.activation
    if len(acts) not in (1, len(args.hidden)) and args.hidden:
        raise CommandError(
            f"--activation lists {len(acts)} activations for {len(args.hidden)} hidden layers; "
            f"give one, or one per hidden layer"
        )
    activation = acts[0] if len(acts) == 1 else acts
    net = MLP([X.shape[1], *args.hidden, n_out], activation=activation, seed=args.seed)
    try:
        history = net.fit(
            X, y, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, seed=args.seed
        )
    except DivergenceError as exc:
        raise CommandError(f"training diverged ({exc}); try a smaller --lr") from None
    save_model(args.out, net)
    _say(
        args,
        f"trained {net!r} on {X.shape[0]} points for {args.epochs} epochs: loss "
        f"{history.loss[-1]:.4g}, accuracy {history.accuracy[-1]:.1%}\nwrote {args.out}",
    )
    return 0


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def main(argv=None) -> int:
    """Run the ``nnexplain`` command.

    Parameters
    ----------
    argv : list of str or None
        The arguments after the program name; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when a command fails (a missing or malformed file, an
        untrainable data set...), 2 for a usage error. Errors are printed on stderr as
        ``nnexplain: error: ...``, never as a traceback (unless ``NNEXPLAIN_DEBUG=1``).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=sys.stderr)
        return 130
    except (CommandError, OSError, ValueError, TypeError, RuntimeError) as exc:
        if os.environ.get("NNEXPLAIN_DEBUG"):
            raise
        return _error(str(exc))
    except Exception as exc:  # never a traceback for the reader of the command line
        if os.environ.get("NNEXPLAIN_DEBUG"):
            raise
        return _error(
            f"unexpected {type(exc).__name__}: {exc} (set NNEXPLAIN_DEBUG=1 to see where)"
        )
