import gzip
import hashlib
import io
import urllib.error

import numpy as np
import pytest

from nnexplain import mnist
from nnexplain.mnist import (
    MNIST_FILES,
    MNIST_SHA256,
    MNISTDownloadError,
    load_mnist,
    mnist_cache_dir,
    read_idx,
    write_idx,
)

ALL_FILES = [name for pair in MNIST_FILES.values() for name in pair]


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def fake_mirror(tmp_path):
    """A local mirror holding tiny MNIST look-alikes (5 train, 3 test images of 28x28)."""
    rng = np.random.default_rng(0)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    arrays = {}
    for kind, n in (("train", 5), ("test", 3)):
        images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        images[0, 0, 0], images[0, 0, 1] = 0, 255
        labels = np.arange(n, dtype=np.uint8)
        image_file, label_file = MNIST_FILES[kind]
        write_idx(mirror / image_file, images)
        write_idx(mirror / label_file, labels)
        arrays[kind] = (images, labels)
    checksums = {name: sha256(mirror / name) for name in ALL_FILES}
    return mirror, arrays, checksums


def no_network(*args, **kwargs):
    raise AssertionError("the network must not be used here")


# --------------------------------------------------------------------------------------------
# IDX format
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64, ">i4"]
)
@pytest.mark.parametrize("shape", [(7,), (5, 28, 28), (2, 3, 4, 5), ()])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_idx_round_trip(tmp_path, dtype, shape, suffix):
    rng = np.random.default_rng(1)
    array = (rng.normal(size=shape) * 100).astype(dtype)
    path = tmp_path / f"data.idx{suffix}"
    write_idx(path, array)
    back = read_idx(path)
    assert back.shape == array.shape
    assert back.dtype == np.dtype(dtype).newbyteorder("=")
    assert back.dtype.isnative
    np.testing.assert_array_equal(back, array)
    assert _looks_gzipped(path) == (suffix == ".gz")


def _looks_gzipped(path):
    return path.read_bytes()[:2] == b"\x1f\x8b"


def test_idx_header_bytes(tmp_path):
    # The MNIST layout: 00 00 08 <ndim>, big-endian sizes, then the bytes.
    path = tmp_path / "x.idx"
    write_idx(path, np.arange(6, dtype=np.uint8).reshape(2, 3))
    assert path.read_bytes() == bytes.fromhex("000008020000000200000003000102030405")
    write_idx(path, np.array([258], dtype=np.int16))
    assert path.read_bytes() == bytes.fromhex("00000b01000000010102")


def test_read_idx_of_mnist_style_label_file(tmp_path):
    # Hand-made labels file, as in the MNIST page: magic 0x00000801 then the count.
    path = tmp_path / "labels-idx1-ubyte"
    path.write_bytes(bytes.fromhex("0000080100000004") + bytes([7, 2, 1, 0]))
    labels = read_idx(path)
    assert labels.dtype == np.uint8
    assert labels.tolist() == [7, 2, 1, 0]


def test_read_idx_gzip_detected_by_content(tmp_path):
    path = tmp_path / "no-suffix"
    with gzip.open(path, "wb") as f:
        f.write(bytes.fromhex("0000080100000002") + bytes([3, 4]))
    assert read_idx(path).tolist() == [3, 4]


@pytest.mark.parametrize("suffix", ["", ".gz"])
@pytest.mark.parametrize("cut", [1, 100, 28 * 28])
def test_read_idx_truncated_payload(tmp_path, suffix, cut):
    raw = tmp_path / "raw.idx"
    write_idx(raw, np.zeros((2, 28, 28), dtype=np.uint8))
    data = raw.read_bytes()[:-cut]
    path = tmp_path / f"images-idx3-ubyte{suffix}"
    path.write_bytes(gzip.compress(data) if suffix else data)
    with pytest.raises(ValueError, match=r"images-idx3-ubyte.*payload truncated.*\(2, 28, 28\)"):
        read_idx(path)


def test_read_idx_too_long(tmp_path):
    path = tmp_path / "x.idx"
    write_idx(path, np.zeros(3, dtype=np.uint8))
    path.write_bytes(path.read_bytes() + b"\x00")
    with pytest.raises(ValueError, match=r"x.idx: IDX payload too long"):
        read_idx(path)


def test_read_idx_truncated_header(tmp_path):
    path = tmp_path / "x.idx"
    path.write_bytes(bytes.fromhex("0000080300000002"))
    with pytest.raises(ValueError, match=r"x.idx: truncated IDX header: 3 dimensions need 16"):
        read_idx(path)


@pytest.mark.parametrize(
    ("head", "match"),
    [
        (b"", "bad magic number empty file"),
        (b"PK\x03\x04", "bad magic number 504b0304"),
        (bytes.fromhex("00000801")[:3], "bad magic"),
        (bytes.fromhex("0000FF0100000001") + b"\x00", "unknown IDX type code 0xFF"),
    ],
)
def test_read_idx_bad_magic(tmp_path, head, match):
    path = tmp_path / "bad.idx"
    path.write_bytes(head)
    with pytest.raises(ValueError, match=rf"bad.idx: .*{match}"):
        read_idx(path)


def test_read_idx_damaged_gzip(tmp_path):
    path = tmp_path / "x.gz"
    write_idx(path, np.zeros((4, 28, 28), dtype=np.uint8))
    path.write_bytes(path.read_bytes()[:20])  # the gzip stream stops half-way
    with pytest.raises(ValueError, match=r"x.gz: damaged gzip file"):
        read_idx(path)


def test_read_idx_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "nope.idx")


def test_write_idx_refuses_other_dtypes(tmp_path):
    with pytest.raises(TypeError, match="array dtype int64 cannot be stored in IDX"):
        write_idx(tmp_path / "x.idx", np.arange(3))


# --------------------------------------------------------------------------------------------
# load_mnist through a local mirror
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["train", "test"])
def test_load_from_file_mirror(tmp_path, fake_mirror, kind):
    mirror, arrays, checksums = fake_mirror
    cache = tmp_path / "cache" / "deep"
    X, y = load_mnist(kind=kind, cache_dir=cache, url=mirror.as_uri(), checksums=checksums)
    images, labels = arrays[kind]
    assert X.shape == (len(labels), 784) and X.dtype == np.float64
    assert y.dtype == np.int64
    np.testing.assert_array_equal(X, images.reshape(len(labels), -1) / 255.0)
    np.testing.assert_array_equal(y, labels)
    assert X.min() == 0.0 and X.max() == 1.0
    # only this split was fetched, and no temporary files remain
    assert sorted(p.name for p in cache.iterdir()) == sorted(MNIST_FILES[kind])
    for name in MNIST_FILES[kind]:
        assert sha256(cache / name) == checksums[name]


def test_cached_files_are_used_without_network(tmp_path, fake_mirror, monkeypatch):
    mirror, arrays, checksums = fake_mirror
    cache = tmp_path / "cache"
    load_mnist(cache_dir=cache, url=mirror.as_uri(), checksums=checksums)
    monkeypatch.setattr(mnist.urllib.request, "urlopen", no_network)
    X, y = load_mnist(cache_dir=cache, checksums=checksums, flatten=False, scale=False)
    images, labels = arrays["train"]
    assert X.shape == (5, 28, 28) and X.dtype == np.uint8
    np.testing.assert_array_equal(X, images)
    X, _ = load_mnist(cache_dir=cache, checksums=checksums, flatten=False, download=False)
    assert X.shape == (5, 28, 28) and X.dtype == np.float64


def test_second_mirror_used_when_first_fails(tmp_path, fake_mirror):
    mirror, _, checksums = fake_mirror
    dead = (tmp_path / "no-such-mirror").as_uri()
    X, _ = load_mnist(cache_dir=tmp_path / "c", url=[dead, mirror.as_uri()], checksums=checksums)
    assert X.shape == (5, 784)


def test_default_checksums_reject_other_files(tmp_path, fake_mirror):
    # The real SHA-256 table refuses the fake files: nothing unverified reaches the cache.
    mirror, _, _ = fake_mirror
    cache = tmp_path / "cache"
    with pytest.raises(MNISTDownloadError, match="does not match the expected") as info:
        load_mnist(cache_dir=cache, url=mirror.as_uri())
    assert MNIST_SHA256["train-images-idx3-ubyte.gz"] in str(info.value)
    assert list(cache.iterdir()) == []


def test_checksum_none_skips_verification(tmp_path, fake_mirror):
    mirror, _, _ = fake_mirror
    unchecked = dict.fromkeys(ALL_FILES)
    X, _ = load_mnist(
        kind="test", cache_dir=tmp_path / "c", url=mirror.as_uri(), checksums=unchecked
    )
    assert X.shape == (3, 784)


def test_checksum_table_can_be_monkeypatched(tmp_path, fake_mirror, monkeypatch):
    mirror, _, checksums = fake_mirror
    monkeypatch.setattr(mnist, "MNIST_SHA256", checksums)
    X, _ = load_mnist(kind="test", cache_dir=tmp_path / "c", url=mirror.as_uri())
    assert X.shape == (3, 784)


def test_official_checksum_table():
    assert sorted(MNIST_SHA256) == sorted(ALL_FILES)
    for value in MNIST_SHA256.values():
        assert len(value) == 64 and int(value, 16) >= 0


# --------------------------------------------------------------------------------------------
# failures: offline, interrupted, corrupted
# --------------------------------------------------------------------------------------------


def test_offline_error_message(tmp_path, monkeypatch):
    calls = []

    def offline(url, timeout):
        calls.append(url)
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(mnist.urllib.request, "urlopen", offline)
    cache = tmp_path / "cache"
    with pytest.raises(MNISTDownloadError) as info:
        load_mnist(cache_dir=cache)
    message = str(info.value)
    assert isinstance(info.value, OSError)
    for name in MNIST_FILES["train"]:
        assert name in message
    assert "t10k" not in message
    assert str(cache) in message
    assert "by hand" in message
    assert "Temporary failure in name resolution" in message
    assert "NNEXPLAIN_DATA" in message
    # every file was tried on every mirror, and nothing was left behind
    assert len(calls) == 2 * len(mnist.MNIST_MIRRORS)
    assert calls[0] == mnist.MNIST_MIRRORS[0] + "train-images-idx3-ubyte.gz"
    assert list(cache.iterdir()) == []


def test_download_false_does_not_touch_the_network(tmp_path, monkeypatch):
    monkeypatch.setattr(mnist.urllib.request, "urlopen", no_network)
    cache = tmp_path / "cache"
    with pytest.raises(MNISTDownloadError, match="download=False") as info:
        load_mnist(kind="test", cache_dir=cache, download=False)
    message = str(info.value)
    assert "t10k-images-idx3-ubyte.gz" in message and "t10k-labels-idx1-ubyte.gz" in message
    assert str(cache) in message and "by hand" in message
    assert not cache.exists()


class _DyingResponse(io.BytesIO):
    """A response that sends some bytes, then loses the connection."""

    def read(self, size=-1):
        if self.tell() >= 1000:
            raise TimeoutError("timed out")
        return super().read(min(size, 500))


def test_interrupted_download_leaves_no_partial_file(tmp_path, fake_mirror, monkeypatch):
    mirror, _, checksums = fake_mirror
    monkeypatch.setattr(
        mnist.urllib.request, "urlopen", lambda url, timeout: _DyingResponse(b"x" * 5000)
    )
    cache = tmp_path / "cache"
    with pytest.raises(MNISTDownloadError, match="TimeoutError: timed out"):
        load_mnist(cache_dir=cache, url="https://example.invalid/", checksums=checksums)
    assert list(cache.iterdir()) == []
    # and the next call, with a working mirror, fills the cache properly
    monkeypatch.undo()
    X, _ = load_mnist(cache_dir=cache, url=mirror.as_uri(), checksums=checksums)
    assert X.shape == (5, 784)


def test_one_file_fails_other_is_kept(tmp_path, fake_mirror):
    mirror, _, checksums = fake_mirror
    (mirror / "train-labels-idx1-ubyte.gz").unlink()
    cache = tmp_path / "cache"
    with pytest.raises(MNISTDownloadError) as info:
        load_mnist(cache_dir=cache, url=mirror.as_uri(), checksums=checksums)
    assert "Missing MNIST file(s): train-labels-idx1-ubyte.gz\n" in str(info.value)
    assert [p.name for p in cache.iterdir()] == ["train-images-idx3-ubyte.gz"]


def test_corrupted_cache_is_refused(tmp_path, fake_mirror, monkeypatch):
    mirror, _, checksums = fake_mirror
    cache = tmp_path / "cache"
    load_mnist(cache_dir=cache, url=mirror.as_uri(), checksums=checksums)
    bad = cache / "train-images-idx3-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:-10])
    monkeypatch.setattr(mnist.urllib.request, "urlopen", no_network)
    with pytest.raises(ValueError, match="train-images-idx3-ubyte.gz is corrupted") as info:
        load_mnist(cache_dir=cache, checksums=checksums)
    message = str(info.value)
    assert checksums["train-images-idx3-ubyte.gz"] in message
    assert sha256(bad) in message


def test_cache_dir_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("NNEXPLAIN_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert mnist_cache_dir() == tmp_path / ".cache" / "nnexplain" / "mnist"
    monkeypatch.setenv("NNEXPLAIN_DATA", str(tmp_path / "data"))
    assert mnist_cache_dir() == tmp_path / "data" / "mnist"
    assert mnist_cache_dir(tmp_path / "mine") == tmp_path / "mine"


def test_env_var_used_by_load(monkeypatch, tmp_path, fake_mirror):
    mirror, _, checksums = fake_mirror
    monkeypatch.setenv("NNEXPLAIN_DATA", str(tmp_path / "data"))
    load_mnist(kind="test", url=mirror.as_uri(), checksums=checksums)
    assert (tmp_path / "data" / "mnist" / "t10k-images-idx3-ubyte.gz").is_file()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"kind": "validation"}, ValueError, r"unknown kind 'validation'; valid names are"),
        ({"download": "yes"}, TypeError, "download must be True or False"),
        ({"url": []}, TypeError, "url must be a base URL"),
        ({"url": 3}, TypeError, "url must be a base URL"),
        ({"checksums": "abc"}, TypeError, "checksums must be a mapping"),
        ({"timeout": 0}, ValueError, "timeout must be a finite number > 0"),
    ],
)
def test_load_mnist_bad_arguments(tmp_path, kwargs, error, match):
    with pytest.raises(error, match=match):
        load_mnist(cache_dir=tmp_path, download=kwargs.pop("download", False), **kwargs)


def test_mismatched_split_is_refused(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", np.zeros((3, 28, 28), dtype=np.uint8))
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.zeros(4, dtype=np.uint8))
    with pytest.raises(ValueError, match=r"do not form an MNIST split"):
        load_mnist(kind="test", cache_dir=tmp_path, download=False, checksums={})
