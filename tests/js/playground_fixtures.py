"""Write the numbers the playground's JavaScript is checked against: numpy's random draws,
nnexplain's data sets and initial weights, and losses after 500 steps of ``MLP.fit``.

    python tests/js/playground_fixtures.py DIRECTORY

writes ``DIRECTORY/playground.json``. :mod:`fixtures` (run by ``tests/test_js.py``) calls
:func:`write` next to the player's fixtures; ``tests/js/playground.test.mjs`` reads the file, or
writes it itself when run alone.

Training runs come in two kinds:

``given``
    The initial weights (``MLP.parameters``) and the order of every epoch's rows are written out;
    Python trains each epoch with ``fit(X[order], y[order], epochs=1, shuffle=False)`` and one
    optimiser instance, so the JavaScript is tested on the training numerics alone.
``seeded``
    ``MLP(sizes, activation, init=init, seed=seed).fit(X, y, validation_split=..., seed=seed)``
    as it is: the JavaScript must also draw the same weights, split and shuffles from the seed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from nnexplain import datasets
from nnexplain.initializers import Normal
from nnexplain.network import MLP
from nnexplain.optimizers import get_optimizer

STEPS = 500
#: The playground's data sets, by the names the page uses.
MAKERS = {
    "moons": datasets.make_moons,
    "xor": datasets.make_xor,
    "spiral": datasets.make_spirals,
    "disc": datasets.make_disc_in_ring,
}


def python_init(init: str):
    """The nnexplain initialiser named as the page names it (``normal:<std>`` for a fixed std)."""
    if init.startswith("normal:"):
        return Normal(std=float(init.split(":", 1)[1]))
    return init


def random_draws() -> list:
    """Raw bits, doubles, normal numbers and permutations of ``default_rng(seed)``."""
    out = []
    for seed in (0, 1, 7, 2**32 - 1, 2**40 + 3):
        rng = np.random.default_rng(seed)
        raw = [str(v) for v in rng.bit_generator.random_raw(8)]
        rng = np.random.default_rng(seed)
        entry = {
            "seed": seed,
            "raw": raw,
            "random": rng.random(50).tolist(),
            "uniform": rng.uniform(-0.3, 0.7, 50).tolist(),
            "normal": rng.standard_normal(20000).tolist(),
            "permutations": [rng.permutation(n).tolist() for n in (1, 2, 7, 100, 1000)],
        }
        out.append(entry)
    return out


def data_sets() -> list:
    out = []
    for name, maker in MAKERS.items():
        for n, noise, seed in ((200, 0.0, 0), (201, 0.1, 5), (2000, 0.25, 17)):
            X, y = maker(n, noise=noise, seed=seed)
            out.append(
                {
                    "name": name,
                    "n": n,
                    "noise": noise,
                    "seed": seed,
                    "X": X.ravel().tolist(),
                    "y": y.tolist(),
                }
            )
    return out


def initial_weights() -> list:
    out = []
    for sizes, init, seed in (
        ([2, 4, 4, 1], "glorot_uniform", 0),
        ([2, 8, 1, 3, 1], "he_normal", 3),
        ([2, 5, 1], "normal:0.01", 9),
        ([2, 1], "normal:1", 2**32 - 1),
    ):
        net = MLP(sizes, "tanh", init=python_init(init), seed=seed)
        out.append({"sizes": sizes, "init": init, "seed": seed, "params": net.parameters.tolist()})
    return out


#: Training runs: (hidden widths, activation, init, optimiser, lr, batch, data, n, noise, seed).
RUNS = [
    ([4, 4], "tanh", "glorot_uniform", "adam", 0.03, 20, "moons", 200, 0.1, 0),
    ([4, 4], "tanh", "glorot_uniform", "sgd", 0.3, 20, "moons", 200, 0.1, 1),
    ([6, 6], "relu", "he_normal", "adam", 0.01, 20, "xor", 200, 0.3, 2),
    ([6, 6], "relu", "he_normal", "sgd", 0.1, 20, "xor", 200, 0.3, 3),
    ([5, 5], "sigmoid", "normal:1", "adam", 0.02, 20, "spiral", 200, 0.05, 4),
    ([5, 5], "sigmoid", "glorot_uniform", "sgd", 1.0, 20, "disc", 200, 0.1, 5),
    ([8, 3, 2], "identity", "normal:0.1", "adam", 0.01, 20, "moons", 200, 0.0, 6),
]


def _net(hidden, activation, init, seed):
    return MLP([2, *hidden, 1], activation, output="sigmoid", init=python_init(init), seed=seed)


def given_run(hidden, activation, init, optimizer, lr, batch, data, n, noise, seed) -> dict:
    """500 steps from written-out weights and batch orders (n / batch steps per epoch)."""
    X, y = MAKERS[data](n, noise=noise, seed=seed)
    net = _net(hidden, activation, init, seed)
    params = net.parameters.tolist()
    order_rng = np.random.default_rng(1000 + seed)
    epochs = STEPS * batch // n
    orders = [order_rng.permutation(n) for _ in range(epochs)]
    opt = get_optimizer(optimizer, lr=lr)
    for order in orders:
        net.fit(X[order], y[order], epochs=1, batch_size=batch, optimizer=opt, shuffle=False)
    return {
        "kind": "given",
        "sizes": net.sizes,
        "activations": [a.name for a in net.activations],
        "optimizer": optimizer,
        "lr": lr,
        "batch": batch,
        "X": X.ravel().tolist(),
        "y": y.tolist(),
        "params": params,
        "orders": [o.tolist() for o in orders],
        "steps": opt.t,
        "loss": net.loss(X, y),
    }


def seeded_run(
    hidden, activation, init, optimizer, lr, batch, data, n, noise, seed, split=0.2, steps=STEPS
):
    """``steps`` steps of ``MLP(..., seed=seed).fit(..., validation_split=split, seed=seed)``."""
    X, y = MAKERS[data](n, noise=noise, seed=seed)
    net = _net(hidden, activation, init, seed)
    n_train = n - int(round(split * n))
    epochs = -(-steps * batch // n_train)
    history = net.fit(
        X,
        y,
        epochs=epochs,
        batch_size=batch,
        optimizer=optimizer,
        lr=lr,
        validation_split=split,
        seed=seed,
    )
    return {
        "kind": "seeded",
        "sizes": net.sizes,
        "activations": [a.name for a in net.activations],
        "init": init,
        "optimizer": optimizer,
        "lr": lr,
        "batch": batch,
        "split": split,
        "seed": seed,
        "data": {"name": data, "n": n, "noise": noise},
        "steps": history.steps,
        "loss": history.loss[-1],
        "accuracy": history.accuracy[-1],
        "test_loss": history.val_loss[-1],
        "test_accuracy": history.val_accuracy[-1],
    }


def runs() -> list:
    out = []
    for run in RUNS:
        out.append(given_run(*run))
        hidden, activation, init, optimizer, lr, _, data, n, noise, seed = run
        out.append(seeded_run(hidden, activation, init, optimizer, lr, 16, data, n, noise, seed))
    # Seed 004's network, ten tanh layers of width 3 on the disc in a ring (2,000 points), is
    # chaotic in training: moving the inputs by one ulp changes Python's own loss by 1e-13 after
    # 200 steps and by 1e-3 after 500, so it is compared after 200 (np.tanh and Math.tanh differ
    # in the last bit for about a third of inputs).
    deep = [3] * 10, "tanh", "glorot_uniform", "adam", 0.01, 16, "disc", 2000, 0, 4
    out.append(seeded_run(*deep, steps=200))
    return out


def write(directory) -> Path:
    """Write ``playground.json`` into ``directory`` and return its path."""
    path = Path(directory) / "playground.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    fixtures = {
        "random": random_draws(),
        "data": data_sets(),
        "init": initial_weights(),
        "runs": runs(),
    }
    path.write_text(json.dumps(fixtures), encoding="utf-8")
    return path


if __name__ == "__main__":
    write(sys.argv[1])
