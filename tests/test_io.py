"""Tests for nnexplain.io: points from CSV/.npy/.npz and models as .npz, round trips and errors."""

import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.activations import ELU, LeakyReLU
from nnexplain.io import (
    FORMAT,
    FORMAT_VERSION,
    FileFormatError,
    Points,
    load_model,
    load_points,
    save_model,
)

X = np.array([[0.5, -1.0], [2.0, 3.25], [-0.125, 0.0], [1e-3, -7.5]])
Y = np.array([0, 1, 1, 2])


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


# -------------------------------------------------------------------------------------- points


@pytest.mark.parametrize(
    "text",
    [
        "x,y,label\n0.5,-1,0\n2,3.25,1\n-0.125,0,1\n0.001,-7.5,2\n",
        "0.5,-1,0\n2,3.25,1\n-0.125,0,1\n1e-3,-7.5,2.0\n",  # no header; 2.0 is class 2
        "# my points\n\nlabel,x,y\n0,0.5,-1\n1,2,3.25\n\n1,-0.125,0\n2,0.001,-7.5\n",
        '"x", "y", "label"\r\n 0.5 , -1 , 0\r\n2,3.25,1\r\n-0.125,0,1\r\n0.001,-7.5,2\r\n',
        "\ufeffx,y,label\n0.5,-1,0\n2,3.25,1\n-0.125,0,1\n0.001,-7.5,2",  # BOM, no final newline
    ],
)
def test_load_points_csv(tmp_path, text):
    points = load_points(_write(tmp_path, "points.csv", text))
    assert isinstance(points, Points)
    X_read, y_read = points
    np.testing.assert_array_equal(X_read, X)
    np.testing.assert_array_equal(y_read, Y)
    assert X_read.dtype == np.float64 and y_read.dtype == np.int64


def test_load_points_csv_without_labels(tmp_path):
    X_read, y_read = load_points(_write(tmp_path, "p.csv", "x,y\n0.5,-1\n2,3.25\n"))
    np.testing.assert_array_equal(X_read, X[:2])
    assert y_read is None
    X_read, y_read = load_points(_write(tmp_path, "q.csv", "0.5,-1\n2,3.25\n"))
    np.testing.assert_array_equal(X_read, X[:2])
    assert y_read is None


def test_load_points_csv_round_trip_of_savetxt(tmp_path):
    path = tmp_path / "points.csv"
    data = np.column_stack([X, Y])
    np.savetxt(path, data, delimiter=",", header="x,y,label", comments="")
    X_read, y_read = load_points(str(path))
    np.testing.assert_array_equal(X_read, X)
    np.testing.assert_array_equal(y_read, Y)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            "x,y,label\n1,2,0\n3,4,1\n\n5,6,0\n1,2,1\na,b\n",
            r"^points\.csv line 7: expected 3 numeric columns \(x, y, label\), got 'a,b'$",
        ),
        ("x,y,label\n1,2,0\n3,4\n", r"line 3: expected 3 numeric columns \(x, y, label\)"),
        ("1,2\n3,4,1\n", r"line 2: expected 2 numeric columns \(x, y\), got '3,4,1'"),
        ("1,2,3,4\n", r"line 1: expected 3 numeric columns \(x, y, label\) or 2 \(x, y\)"),
        ("1;2;0\n", r"line 1: expected 3 columns \(x, y, label\) separated by commas"),
        (
            "a,b,c,d\n1,2,3,4\n",
            r"line 1: expected 3 columns.*or a header naming them, got 'a,b,c,d'",
        ),
        ("x,y,label\n1,2,0.5\n", r"line 2: the label must be a whole number from 0 to 9999"),
        ("x,y,label\n1,2,-1\n", r"line 2: the label must be a whole number from 0 to 9999"),
        ("x,y,label\n1,nan,1\n", r"line 2: values must be finite"),
        ("x,y,label\n# nothing\n\n", r"points\.csv: no data rows"),
        ("", r"points\.csv: no data rows"),
    ],
)
def test_load_points_csv_errors_name_file_and_line(tmp_path, monkeypatch, text, match):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "points.csv", text)
    with pytest.raises(FileFormatError, match=match):
        load_points("points.csv")


def test_load_points_npy_and_npz(tmp_path):
    np.save(tmp_path / "p3.npy", np.column_stack([X, Y]))
    X_read, y_read = load_points(tmp_path / "p3.npy")
    np.testing.assert_array_equal(X_read, X)
    np.testing.assert_array_equal(y_read, Y)

    np.save(tmp_path / "p2.npy", X.astype(np.float32))
    X_read, y_read = load_points(tmp_path / "p2.npy")
    np.testing.assert_array_equal(X_read, X.astype(np.float32))
    assert y_read is None and X_read.dtype == np.float64

    wide = np.arange(12.0).reshape(4, 3)
    np.savez(tmp_path / "p.npz", X=wide, y=Y)
    X_read, y_read = load_points(tmp_path / "p.npz")
    np.testing.assert_array_equal(X_read, wide)
    np.testing.assert_array_equal(y_read, Y)

    np.savez(tmp_path / "nolabels.npz", X=X)
    assert load_points(tmp_path / "nolabels.npz").y is None


@pytest.mark.parametrize(
    ("name", "write", "error", "match"),
    [
        ("p.npy", lambda p: np.save(p, np.zeros((4, 4))), FileFormatError, r"shape \(n, 3\)"),
        ("p.npy", lambda p: np.save(p, np.zeros(3)), FileFormatError, r"got shape \(3,\)"),
        (
            "p.npy",
            lambda p: np.save(p, np.array([[0, 0, 0.5]])),
            FileFormatError,
            r"labels must be whole numbers from 0 to 9999.*found 0\.5 at index 0",
        ),
        (
            "p.npy",
            lambda p: np.save(p, np.array([[np.inf, 0, 1]])),
            FileFormatError,
            "NaN or infinity",
        ),
        (
            "p.npy",
            lambda p: np.save(p, np.array([["a", "b"]])),
            FileFormatError,
            "expected numbers",
        ),
        ("p.npy", lambda p: p.write_text("1,2,3\n"), FileFormatError, r"not an \.npy array"),
        ("p.npz", lambda p: np.savez(p, data=X), FileFormatError, r"expected the key 'X'"),
        ("p.npz", lambda p: np.savez(p, X=X, y=Y[:2]), FileFormatError, r"one numeric label"),
        ("p.npz", lambda p: np.savez(p, X=np.zeros(3)), FileFormatError, "shape"),
        ("p.npz", lambda p: p.write_text("x,y\n"), FileFormatError, r"not an \.npz archive"),
        ("p.txt", lambda p: p.write_text("1,2\n"), FileFormatError, r"unknown file type '.txt'"),
        ("missing.csv", lambda p: None, FileNotFoundError, r"missing\.csv: no such file"),
    ],
)
def test_load_points_errors(tmp_path, name, write, error, match):
    path = tmp_path / name
    write(path)
    with pytest.raises(error, match=match):
        load_points(path)


def test_load_points_checks_its_argument(tmp_path):
    with pytest.raises(TypeError, match="path must be a str or os.PathLike"):
        load_points(3)
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        load_points(tmp_path / "dir.csv")


# -------------------------------------------------------------------------------------- models


def _nets():
    yield MLP([2, 3, 3, 3, 1], activation=["tanh", "relu", "tanh"], seed=0)
    yield MLP([2, 4, 3], activation="gelu", seed=1)
    yield MLP([3, 2], activation=None, output="identity", bias=False, seed=2)
    rng = np.random.default_rng(3)
    yield MLP.from_weights(
        [
            (rng.normal(size=(2, 3)), rng.normal(size=3)),
            (rng.normal(size=(3, 2)), None),
            (rng.normal(size=(2, 2)), rng.normal(size=2)),
        ],
        [LeakyReLU(0.1 + 1e-12), ELU(1 / 3), "softplus"],
    )


@pytest.mark.parametrize("net", list(_nets()), ids=repr)
def test_model_round_trip(tmp_path, net):
    path = save_model(tmp_path / "model.npz", net)
    assert path == tmp_path / "model.npz"
    back = load_model(path)
    assert repr(back) == repr(net)
    assert back.activations == net.activations  # parameters (alpha) survive exactly
    for (W, b), (W2, b2) in zip(net.get_weights(), back.get_weights(), strict=True):
        np.testing.assert_array_equal(W, W2)
        assert (b is None) == (b2 is None)
        if b is not None:
            np.testing.assert_array_equal(b, b2)
    X_in = np.random.default_rng(0).normal(size=(5, net.sizes[0]))
    np.testing.assert_array_equal(back.forward(X_in), net.forward(X_in))


def test_model_file_format_is_documented(tmp_path):
    net = MLP.from_weights(
        [(np.ones((2, 2)), np.zeros(2)), (np.ones((2, 1)), None)], [LeakyReLU(0.2), "sigmoid"]
    )
    path = save_model(tmp_path / "m.npz", net)
    with np.load(path, allow_pickle=False) as data:
        assert sorted(data.keys()) == ["W0", "W1", "activations", "b0", "format", "version"]
        assert str(data["format"]) == FORMAT == "nnexplain.mlp"
        assert int(data["version"]) == FORMAT_VERSION == 1
        assert data["activations"].tolist() == ["leaky_relu(alpha=0.2)", "sigmoid"]
    # a file written by hand, without format and version, is read too
    np.savez(tmp_path / "hand.npz", W0=np.eye(2), b0=np.zeros(2), activations=np.array(["tanh"]))
    assert repr(load_model(tmp_path / "hand.npz")) == "MLP(2-2, tanh)"


def _model_file(tmp_path, **arrays):
    base = {
        "format": np.array(FORMAT),
        "version": np.array(1),
        "activations": np.array(["tanh", "sigmoid"]),
        "W0": np.ones((2, 3)),
        "b0": np.zeros(3),
        "W1": np.ones((3, 1)),
        "b1": np.zeros(1),
    }
    base.update(arrays)
    path = tmp_path / "model.npz"
    np.savez(path, **{k: v for k, v in base.items() if v is not None})
    return path


@pytest.mark.parametrize(
    ("arrays", "match"),
    [
        ({"W1": None}, r"model\.npz: missing key 'W1' \(weights of layer 1, shape \(n_in, n_out\)"),
        ({"activations": None}, r"missing key 'activations' \(a string array"),
        ({"activations": np.array([1, 2])}, r"'activations' must be a 1D string array"),
        (
            {"activations": np.array(["tanh"])},
            r"lists 1 layers but the file also holds \['W1', 'b1'\]",
        ),
        ({"activations": np.array(["tanh", "swish"])}, r"unknown activation 'swish'.*valid names"),
        ({"activations": np.array(["tanh", "elu(alpha=x)"])}, r"parameter 'alpha=x'"),
        ({"activations": np.array(["tanh", "elu(beta=1.0)"])}, r"unknown activation 'elu\(beta"),
        ({"W1": np.ones((2, 1))}, r"W1 has shape \(2, 1\) but layer 0 gives 3 outputs"),
        ({"W0": np.ones(3)}, r"W0 must be a 2D numeric array"),
        ({"b0": np.zeros(2)}, r"b0 has shape \(2,\).*expected shape \(3,\)"),
        ({"W0": np.full((2, 3), np.nan)}, r"W0 contains NaN or infinity"),
        ({"format": np.array("something.else")}, r"format is 'something\.else'"),
        ({"version": np.array(2)}, r"format version 2 is newer than this nnexplain reads"),
        ({"version": np.array("1")}, r"version must be an int"),
    ],
)
def test_load_model_errors(tmp_path, arrays, match):
    with pytest.raises(FileFormatError, match=match):
        load_model(_model_file(tmp_path, **arrays))


def test_load_model_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.npz: no such file"):
        load_model(tmp_path / "nope.npz")
    csv = _write(tmp_path, "points.csv", "x,y,label\n1,2,0\n")
    with pytest.raises(FileFormatError, match=r"points\.csv: not an \.npz archive"):
        load_model(csv)
    truncated = tmp_path / "cut.npz"
    truncated.write_bytes(save_model(tmp_path / "m.npz", MLP([2, 1], seed=0)).read_bytes()[:60])
    with pytest.raises(FileFormatError, match=r"cut\.npz: not a readable \.npz archive"):
        load_model(truncated)


def test_save_model_errors(tmp_path):
    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        save_model(tmp_path / "m.npz", [(np.eye(2), None)])
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_model(tmp_path / "no" / "m.npz", MLP([2, 1], seed=0))


# ------------------------------------------------------------------------------ damaged files


def test_every_flipped_byte_of_a_model_loads_the_same_or_is_a_file_format_error(tmp_path):
    # A flipped byte used to escape as zipfile.BadZipFile or NotImplementedError. The zip
    # format leaves some bytes unchecked (timestamps, version fields): those still load, and
    # must load the very same network.
    good = tmp_path / "good.npz"
    net = MLP([2, 3, 1], seed=0)
    save_model(good, net)
    data = good.read_bytes()
    bad = tmp_path / "bad.npz"
    outcomes = set()
    for i in range(len(data)):
        bad.write_bytes(data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :])
        try:
            loaded = load_model(bad)
        except FileFormatError as exc:
            assert str(exc).startswith(str(bad)), exc
            outcomes.add("error")
        else:
            np.testing.assert_array_equal(loaded.parameters, net.parameters)
            assert repr(loaded) == repr(net)
            outcomes.add("same")
    assert outcomes == {"error", "same"}


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9, 0.99])
def test_a_truncated_model_is_a_file_format_error(tmp_path, keep):
    path = tmp_path / "m.npz"
    save_model(path, MLP([2, 8, 1], seed=0))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(FileFormatError, match=r"m\.npz: not a readable \.npz archive"):
        load_model(path)


def test_object_arrays_are_never_unpickled(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, activations=np.array(["sigmoid"]), W0=np.array([[{"a": 1}]], dtype=object))
    with pytest.raises(
        FileFormatError,
        match=r"m\.npz: not a readable \.npz archive \(array 'W0'\); it holds Python objects, "
        r"which nnexplain never unpickles",
    ):
        load_model(path)
    points = tmp_path / "p.npz"
    np.savez(points, X=np.zeros((2, 2)), y=np.array([0, "a"], dtype=object))
    with pytest.raises(FileFormatError, match=r"p\.npz: .*\(array 'y'\); it holds Python objects"):
        load_points(points)
    npy = tmp_path / "p.npy"
    np.save(npy, np.array([[0, 1, "x"]], dtype=object))
    with pytest.raises(FileFormatError, match=r"p\.npy: not a readable \.npy array"):
        load_points(npy)


@pytest.mark.parametrize(
    ("text", "line"), [("1,2,1e20\n", 1), ("x,y,label\n1,2,0\n3,4,10000\n", 3)]
)
def test_huge_labels_are_refused_with_the_line(tmp_path, text, line):
    path = tmp_path / "p.csv"
    path.write_text(text)
    with pytest.raises(FileFormatError, match=rf"p\.csv line {line}: the label must be a whole"):
        load_points(path)


@pytest.mark.parametrize("value", [1e20, -1.0, 2.5, np.nan, 10000.0])
@pytest.mark.parametrize("suffix", [".npy", ".npz"])
def test_bad_array_labels_name_file_and_index(tmp_path, value, suffix):
    X = np.zeros((3, 2))
    y = np.array([0.0, 1.0, value])
    path = tmp_path / f"p{suffix}"
    if suffix == ".npy":
        np.save(path, np.column_stack([X, y]))
    else:
        np.savez(path, X=X, y=y)
    with pytest.raises(FileFormatError, match=r"p\.np[yz].*from 0 to 9999.* at index 2"):
        load_points(path)
