"""Sizes are checked before memory is touched: nnexplain.memory and its callers."""

import resource

import numpy as np
import pytest

import nnexplain.memory as memory
from nnexplain import MLP, Dense, fit
from nnexplain.memory import check_memory, format_bytes, get_memory_limit, set_memory_limit


@pytest.fixture
def limit():
    """Set a limit for one test, and restore the previous setting after it."""
    previous = memory._LIMIT["bytes"]
    yield set_memory_limit
    set_memory_limit(previous)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def test_default_limit_is_the_physical_memory():
    physical = memory.physical_memory()
    assert physical is None or physical > 2**28  # the machine reports some hundreds of MiB
    assert get_memory_limit() == (physical or memory.FALLBACK_BYTES)


def test_set_and_restore(limit):
    assert limit(1000) is None
    assert get_memory_limit() == 1000
    assert limit(None) == 1000
    assert get_memory_limit() == (memory.physical_memory() or memory.FALLBACK_BYTES)


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, "1GB"])
def test_set_refuses_non_positive_ints(bad):
    with pytest.raises(ValueError, match=r"n_bytes must be a positive int or None; got"):
        set_memory_limit(bad)


def test_format_bytes():
    assert format_bytes(512) == "512 bytes"
    assert format_bytes(3 * 2**30) == "3.0 GiB (3,221,225,472 bytes)"


@pytest.mark.parametrize(
    "sizes", [[2, 10**9, 1], [2, 200_000, 200_000, 1]], ids=["wide", "two_wide_layers"]
)
def test_oversized_network_fails_at_once_naming_widths_and_bytes(sizes):
    # float64 parameters, held twice while the layers are moved into one flat array
    n_params = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    before = _peak_rss()
    with pytest.raises(ValueError) as err:
        MLP(sizes)
    message = str(err.value)
    assert f"MLP(sizes={sizes}): the parameters would need" in message
    assert f"({2 * 8 * n_params:,} bytes)" in message
    assert "set_memory_limit" in message
    assert _peak_rss() - before < 2**28  # nothing close to the request was allocated


def test_dense_alone_is_checked():
    with pytest.raises(ValueError, match=r"Dense\(n_in=2, n_out=10000000000\): the weights"):
        Dense(2, 10**10)


def test_a_network_that_fits_builds_and_the_limit_is_raisable(limit):
    sizes = [2, 1000, 1]
    n_bytes = 2 * 8 * sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    limit(n_bytes - 1)
    with pytest.raises(ValueError, match="memory limit"):
        MLP(sizes)
    limit(n_bytes)  # exactly enough
    assert MLP(sizes).n_params == n_bytes // 16


def test_trace_and_forward_check_their_rows(limit):
    net = MLP([2, 50, 50, 1], seed=0)
    X = np.zeros((1000, 2))
    limit(1000 * 2 * (50 + 50 + 1) * 8 - 1)  # a trace keeps affine and activation of every layer
    with pytest.raises(ValueError, match=r"MLP\(sizes=\[2, 50, 50, 1\]\)\.trace on 1000 rows"):
        net.trace(X)
    assert net.forward(X).shape == (1000, 1)  # a plain pass holds two layers at a time
    limit(1000 * 100 * 8 - 1)
    with pytest.raises(ValueError, match=r"\.forward on 1000 rows would need"):
        net.forward(X)


def test_fit_checks_the_batch_and_the_optimiser_state(limit):
    net = MLP([2, 50, 1], seed=0)
    X, y = np.zeros((64, 2)), np.zeros(64, dtype=int)
    workspace = 32 * 4 * (50 + 1) * 8
    limit(workspace + 3 * net.n_params * 8 - 1)
    for train in (lambda: net.fit(X, y, epochs=1, batch_size=32), lambda: fit(net, X, y, epochs=1)):
        with pytest.raises(ValueError, match=r"fit\(batch_size=32\) on 32 rows would need"):
            train()
    limit(workspace + 3 * net.n_params * 8)
    assert len(net.fit(X, y, epochs=1, batch_size=32).loss) == 1


def test_fit_batch_is_capped_at_the_samples(limit):
    net = MLP([2, 3, 1], seed=0)
    X, y = np.zeros((10, 2)), np.zeros(10, dtype=int)
    net.fit(X, y, epochs=1, batch_size=10**12)  # one batch of 10 rows: no check fires


def test_check_memory_message():
    with pytest.raises(ValueError, match=r"^thing would need 1\.0 TiB .*; use less, or raise"):
        check_memory(2**40, "thing", advice="use less")
    check_memory(1, "thing")  # under the limit: nothing
