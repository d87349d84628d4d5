"""Write numpy's ziggurat tables into ``docs/javascripts/playground-core.js``.

The playground draws its normal numbers (initial weights, input noise) as numpy's
``Generator.standard_normal`` does: the ziggurat method of Marsaglia and Tsang with the 256-layer
tables of numpy's ``ziggurat_constants.h`` (``ki_double``, ``wi_double``, ``fi_double``). Those
tables are not computed at run time (numpy's were generated once, from constants that are not
recorded next to them, and recomputing them does not give the same bits), so this tool copies
them from the installed numpy extension, checks them by drawing 200,000 normal numbers with a
Python port of numpy's algorithm and comparing them, bit for bit, with
``numpy.random.default_rng(seed).standard_normal``, and rewrites the block between the
``ziggurat tables`` markers of the JS file.

    python tools/ziggurat_tables.py          # rewrite the block
    python tools/ziggurat_tables.py --check  # exit status 1 if the block differs
"""

from __future__ import annotations

import argparse
import math
import re
import struct
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "javascripts" / "playground-core.js"
BEGIN, END = "/* ziggurat tables: begin */", "/* ziggurat tables: end */"
#: ``ki_double[0]`` of numpy's tables, which sit in memory as fi, wi, ki (2 KB each).
KI0 = 0x000EF33D8025EF6A
R = 3.6541528853610087963519472518
INV_R = 0.27366123732975827203338247596


def extract() -> tuple[tuple, tuple, tuple]:
    """``(ki, wi, fi)`` read from numpy's ``_generator`` extension module.

    Returns
    -------
    ki : tuple of int
    wi, fi : tuple of float
    """
    lib = Path(np.random.__file__).parent
    for so in sorted(lib.glob("_generator*")):
        data = so.read_bytes()
        at = data.find(struct.pack("<Q", KI0))
        if at >= 4096:
            ki = struct.unpack("<256Q", data[at : at + 2048])
            wi = struct.unpack("<256d", data[at - 2048 : at])
            fi = struct.unpack("<256d", data[at - 4096 : at - 2048])
            if fi[0] == 1.0 and ki[1] == 0:
                return ki, wi, fi
    raise SystemExit(f"numpy's ziggurat tables were not found in {lib}")


def _standard_normal(bits, ki, wi, fi, n):
    """``n`` normal numbers from a PCG64 bit generator, as numpy's ziggurat draws them."""

    def double():
        return (int(bits.random_raw()) >> 11) * (1.0 / 9007199254740992.0)

    out = []
    while len(out) < n:
        r = int(bits.random_raw())
        idx, r = r & 0xFF, r >> 8
        sign, rabs = r & 1, (r >> 1) & 0x000FFFFFFFFFFFFF
        x = -rabs * wi[idx] if sign else rabs * wi[idx]
        if rabs < ki[idx]:
            out.append(x)
        elif idx == 0:
            while True:
                xx = -INV_R * math.log1p(-double())
                yy = -math.log1p(-double())
                if yy + yy > xx * xx:
                    out.append(-(R + xx) if (rabs >> 8) & 1 else R + xx)
                    break
        elif (fi[idx - 1] - fi[idx]) * double() + fi[idx] < math.exp(-0.5 * x * x):
            out.append(x)
    return np.array(out)


def verify(ki, wi, fi, n=200_000) -> None:
    """Refuse tables that do not reproduce numpy's normal numbers bit for bit."""
    for seed in (0, 11):
        mine = _standard_normal(np.random.PCG64(seed), ki, wi, fi, n)
        theirs = np.random.default_rng(seed).standard_normal(n)
        if not np.array_equal(mine, theirs):
            raise SystemExit(f"the tables do not reproduce numpy's normal numbers (seed {seed})")


def block(ki, wi, fi) -> str:
    """The JS lines between the markers (``repr`` round-trips every float exactly)."""

    def rows(values):
        items = [repr(v) for v in values]
        return "\n".join("    " + ", ".join(items[i : i + 4]) + "," for i in range(0, 256, 4))

    return (
        f"{BEGIN}\n"
        "  // numpy's ziggurat_constants.h (written by tools/ziggurat_tables.py; do not edit)\n"
        f"  var ZIG_KI = [\n{rows(ki)}\n  ];\n"
        f"  var ZIG_WI = [\n{rows(wi)}\n  ];\n"
        f"  var ZIG_FI = [\n{rows(fi)}\n  ];\n"
        f"  {END}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    ki, wi, fi = extract()
    verify(ki, wi, fi)
    text = TARGET.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{TARGET} has no {BEGIN} ... {END} block")
    new = pattern.sub(lambda _: block(ki, wi, fi), text)
    if args.check:
        return int(new != text)
    TARGET.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
