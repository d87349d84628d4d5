"""Training speed of nnexplain against the bare matrix products, PyTorch and scikit-learn.

Three settings, each timed as a median over several repeats, with the implementations interleaved
inside every repeat so that a slow moment of a noisy machine hits all of them alike:

``seed004``
    Seed 004's experiment: 2000 points of 2-D data (a disc inside a ring), 10 hidden layers of
    width 3, tanh, a sigmoid output with binary cross-entropy, Adam, batch 16, 20 epochs
    (2500 steps), float64. Reported in microseconds per optimiser step.
``seed004-full``
    The same network and data trained full batch (one step per epoch), in microseconds per step.
``mnist-shape``
    One epoch of a 784-512-10 ReLU/softmax network with Adam, batch 500, on 60000 random float32
    samples (MNIST's shape, no download), in seconds per epoch.

Each setting also times its *floor*: the bare ``np.dot`` calls of one step (forward products,
weight-gradient products, input-gradient products on the same shapes and memory layouts as
nnexplain's), in a tight loop. Nothing can train faster than that with numpy.

The ratio column is ``time of the row / time of nnexplain``: 20 means nnexplain is 20 times
faster. PyTorch and scikit-learn are used only when importable.

Run from the repository root::

    .venv/bin/python benchmarks/bench_training.py            # full run, a few minutes
    .venv/bin/python benchmarks/bench_training.py --quick    # fewer repeats
    .venv/bin/python benchmarks/bench_training.py --json results.json
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from nnexplain.network import MLP

try:
    import torch
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

try:
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError:  # pragma: no cover - depends on the environment
    sklearn = None

SEED = 0
# Seed 004's experiment.
N_POINTS = 2000
SIZES_004 = (2, *(3,) * 10, 1)
EPOCHS_004 = 20
BATCH_004 = 16
FULL_BATCH_STEPS = 200  # full batch gives one step per epoch; time this many
# MNIST-shaped network.
N_MNIST, D_MNIST, HIDDEN_MNIST, CLASSES_MNIST = 60000, 784, 512, 10
BATCH_MNIST = 500
LR = 1e-3

SETTINGS = ("seed004", "seed004-full", "mnist-shape")

# Targets as bounds on ratio = time(row) / time(nnexplain).
TARGETS = {
    ("seed004", "np.dot floor"): 1 / 3.5,  # nnexplain at most 3.5x the floor
    ("seed004", "pytorch"): 15.0,
    ("seed004", "sklearn"): 5.0,
    ("seed004-full", "pytorch"): 3.0,
    ("mnist-shape", "pytorch"): 1.0,
}


# -- data ---------------------------------------------------------------------------------------
def disc_in_ring(n=N_POINTS, seed=SEED):
    """Seed 004's data: class 1 uniform in a disc of radius 0.5, class 0 in a ring 0.8..1.2."""
    rng = np.random.default_rng(seed)
    half = n // 2
    r = np.concatenate(
        [np.sqrt(rng.uniform(0.0, 0.5**2, half)), np.sqrt(rng.uniform(0.8**2, 1.2**2, n - half))]
    )
    theta = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    y = np.repeat([1, 0], [half, n - half])
    return X, y


def mnist_shaped(seed=SEED):
    """Random float32 inputs of shape (60000, 784) in [0, 1) and labels 0..9."""
    rng = np.random.default_rng(seed)
    X = rng.random((N_MNIST, D_MNIST), dtype=np.float32)
    y = rng.integers(0, CLASSES_MNIST, N_MNIST)
    return X, y


# -- timed runs: each returns seconds for `steps` optimiser steps -------------------------------
def run_floor(sizes, batch, steps, dtype):
    """The bare products of ``steps`` training steps, with nnexplain's shapes and layouts."""
    rng = np.random.default_rng(SEED)
    n_layers = len(sizes) - 1
    Wb = [rng.standard_normal((sizes[i] + 1, sizes[i + 1])).astype(dtype) for i in range(n_layers)]
    h = [np.ones((batch, sizes[i] + 1), dtype) for i in range(n_layers)]  # inputs with ones
    z = [np.empty((batch, sizes[i + 1]), dtype) for i in range(n_layers)]
    delta = [rng.standard_normal((batch, sizes[i + 1])).astype(dtype) for i in range(n_layers)]
    grad = [np.empty_like(w) for w in Wb]
    dh = [np.empty((batch, sizes[i]), dtype) for i in range(n_layers)]
    forward = list(zip(h, Wb, z, strict=True))
    weight_grads = [(hi.T, d, g) for hi, d, g in zip(h, delta, grad, strict=True)]
    input_grads = [(delta[i], Wb[i][: sizes[i]].T, dh[i]) for i in range(1, n_layers)]
    dot = np.dot
    start = time.perf_counter()
    for _ in range(steps):
        for a, b, out in forward:
            dot(a, b, out=out)
        for a, b, out in weight_grads:
            dot(a, b, out=out)
        for a, b, out in input_grads:
            dot(a, b, out=out)
    return time.perf_counter() - start


def run_nnexplain(X, y, sizes, activation, batch, epochs, dtype=np.float64):
    net = MLP(sizes, activation=activation, seed=SEED, dtype=dtype)
    start = time.perf_counter()
    net.fit(X, y, epochs=epochs, batch_size=batch, optimizer="adam", lr=LR, evaluate=False,
            seed=SEED)  # fmt: skip
    return time.perf_counter() - start


def torch_model(sizes, activation, dtype):
    act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}[activation]
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(torch.nn.Linear(n_in, n_out, dtype=dtype))
        if i < len(sizes) - 2:
            layers.append(act())
    return torch.nn.Sequential(*layers)


def run_torch(X, y, sizes, activation, batch, epochs, dtype):
    """A standard PyTorch loop: randperm, index the batch, zero_grad, forward, backward, step."""
    torch.manual_seed(SEED)
    model = torch_model(sizes, activation, dtype)
    if sizes[-1] == 1:
        loss_fn = torch.nn.BCEWithLogitsLoss()
        Y = torch.from_numpy(y.astype(X.dtype)).reshape(-1, 1)
    else:
        loss_fn = torch.nn.CrossEntropyLoss()
        Y = torch.from_numpy(y.astype(np.int64))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    generator = torch.Generator().manual_seed(SEED)
    n = X.shape[0]
    start = time.perf_counter()
    Xt = torch.from_numpy(X)
    for _ in range(epochs):
        perm = torch.randperm(n, generator=generator)
        for i in range(0, n, batch):
            idx = perm[i : i + batch]
            xb, yb = Xt[idx], Y[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
    return time.perf_counter() - start


def run_sklearn(X, y, epochs, batch):
    clf = MLPClassifier(
        hidden_layer_sizes=SIZES_004[1:-1],
        activation="tanh",
        solver="adam",
        batch_size=batch,
        learning_rate_init=LR,
        max_iter=epochs,
        tol=0.0,
        n_iter_no_change=10**9,
        shuffle=True,
        random_state=SEED,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        clf.fit(X, y)
        elapsed = time.perf_counter() - start
    assert clf.n_iter_ == epochs, clf.n_iter_
    return elapsed


# -- the benchmark ------------------------------------------------------------------------------
def settings():
    """Every (setting, implementation) as (unit, steps, callable returning seconds)."""
    X, y = disc_in_ring()
    steps_b16 = EPOCHS_004 * -(-N_POINTS // BATCH_004)
    cases = {
        "seed004": {
            "nnexplain": lambda: run_nnexplain(X, y, SIZES_004, "tanh", BATCH_004, EPOCHS_004),
            "np.dot floor": lambda: run_floor(SIZES_004, BATCH_004, steps_b16, np.float64),
        },
        "seed004-full": {
            "nnexplain": lambda: run_nnexplain(X, y, SIZES_004, "tanh", N_POINTS, FULL_BATCH_STEPS),
            "np.dot floor": lambda: run_floor(SIZES_004, N_POINTS, FULL_BATCH_STEPS, np.float64),
        },
    }
    Xm, ym = mnist_shaped()
    sizes_m = (D_MNIST, HIDDEN_MNIST, CLASSES_MNIST)
    steps_m = -(-N_MNIST // BATCH_MNIST)
    mnist = {
        "nnexplain": lambda: run_nnexplain(Xm, ym, sizes_m, "relu", BATCH_MNIST, 1, np.float32),
        "matmul floor": lambda: run_floor(sizes_m, BATCH_MNIST, steps_m, np.float32),
    }
    if torch is not None:
        cases["seed004"]["pytorch"] = lambda: run_torch(
            X, y, SIZES_004, "tanh", BATCH_004, EPOCHS_004, torch.float64
        )
        cases["seed004-full"]["pytorch"] = lambda: run_torch(
            X, y, SIZES_004, "tanh", N_POINTS, FULL_BATCH_STEPS, torch.float64
        )
        mnist["pytorch"] = lambda: run_torch(Xm, ym, sizes_m, "relu", BATCH_MNIST, 1, torch.float32)
    if sklearn is not None:
        cases["seed004"]["sklearn"] = lambda: run_sklearn(X, y, EPOCHS_004, BATCH_004)
    cases["mnist-shape"] = mnist
    units = {
        "seed004": ("us/step", steps_b16),
        "seed004-full": ("us/step", FULL_BATCH_STEPS),
        "mnist-shape": ("s/epoch", 1),
    }
    return cases, units


def measure(cases, units, repeats):
    """Median time per unit of every case; implementations interleaved, order rotated."""
    results = []
    for setting, impls in cases.items():
        unit, count = units[setting]
        scale = 1e6 / count if unit == "us/step" else 1.0 / count
        names = list(impls)
        for name in names:  # warm-up: imports, BLAS thread pools, caches
            impls[name]()
        samples = {name: [] for name in names}
        for r in range(repeats):
            for k in range(len(names)):
                name = names[(r + k) % len(names)]
                gc.collect()
                samples[name].append(impls[name]() * scale)
        base = statistics.median(samples["nnexplain"])
        for name in names:
            med = statistics.median(samples[name])
            target = TARGETS.get((setting, name))
            ratio = med / base
            results.append(
                {
                    "setting": setting,
                    "implementation": name,
                    "unit": unit,
                    "median": med,
                    "samples": samples[name],
                    "ratio": ratio,
                    "target": target,
                    "passed": None if target is None else bool(ratio >= target),
                }
            )
        print(f"  done: {setting}", file=sys.stderr, flush=True)
    return results


def environment():
    info = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
    }
    try:
        from threadpoolctl import threadpool_info

        info["blas"] = [
            f"{p.get('internal_api')} {p.get('version')} ({p.get('num_threads')} threads)"
            for p in threadpool_info()
        ]
    except ImportError:
        pass
    if torch is not None:
        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
    if sklearn is not None:
        info["sklearn"] = sklearn.__version__
    return info


def print_table(results):
    header = ("setting", "implementation", "median", "ratio", "target", "result")
    rows = []
    for r in results:
        digits = 1 if r["unit"] == "us/step" else 3
        rows.append(
            (
                r["setting"],
                r["implementation"],
                f"{r['median']:.{digits}f} {r['unit']}",
                f"{r['ratio']:.2f}x",
                "" if r["target"] is None else f">= {r['target']:.3g}",
                "" if r["passed"] is None else ("PASS" if r["passed"] else "FAIL"),
            )
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header))
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row))
    print(
        "\nratio = time of the row / time of nnexplain (higher: nnexplain faster). The floor's "
        "target 0.286 means nnexplain takes at most 3.5x the bare np.dot calls."
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 7")
    parser.add_argument("--repeats", type=int, default=None, help="repeats per implementation")
    parser.add_argument("--json", type=Path, default=None, help="save the results here")
    parser.add_argument(
        "--only", nargs="+", choices=SETTINGS, default=SETTINGS, help="settings to run"
    )
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)

    info = environment()
    for key, value in info.items():
        print(f"{key}: {value}")
    if torch is None:
        print("note: torch is not importable; PyTorch rows skipped")
    if sklearn is None:
        print("note: scikit-learn is not importable; scikit-learn rows skipped")
    print(f"repeats: {repeats} (median reported)\n", flush=True)

    cases, units = settings()
    cases = {name: impls for name, impls in cases.items() if name in args.only}
    results = measure(cases, units, repeats)
    print_table(results)
    if args.json is not None:
        args.json.write_text(json.dumps({"environment": info, "results": results}, indent=2))
        print(f"\nsaved {args.json}")
    return 0 if all(r["passed"] is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
