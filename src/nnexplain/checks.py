r"""Claims a gallery page makes, checked while the page is built.

A page records each claim as it computes the number behind it; a claim that does not hold raises
:class:`ClaimError` at once, so a change of the library can never silently falsify a page. Shown as
the last expression of a gallery cell, a :class:`Checks` renders as a block titled **Checked at
build time**, one line per claim: the statement, the measured value and the bound; that block is
the only place the page shows them (nothing is printed while the page is built). In a plain
``python script.py`` run of the page (the script is the ``__main__`` module), each claim is
printed as it is checked instead, ``checked: <line>``, so a downloaded script shows what the page
shows; ``print(checks)`` prints the whole block.

>>> checks = Checks(page="plot_ring.py")
>>> checks.below(0.942, 1.0, "width 2 never separates the ring", fmt=".1%")
0.942
>>> print(checks)
Checked at build time (plot_ring.py, 1 claim)
- width 2 never separates the ring: measured 94.2% (bound < 100.0%)

Numpy only; nothing here draws.
"""

from __future__ import annotations

import html
import numbers
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._validation import describe

__all__ = ["Checks", "ClaimError", "Claim"]

TITLE = "Checked at build time"


class ClaimError(AssertionError):
    """A claim of a page does not hold; the message names the page and the statement.

    Attributes
    ----------
    page : str
        The script that made the claim.
    statement : str
        The claim, as the page words it.
    line : str
        ``"statement: measured <value> (bound <op> <bound>)"``.
    """

    def __init__(self, page: str, statement: str, line: str):
        self.page, self.statement, self.line = page, statement, line
        super().__init__(f"{page}: claim does not hold: {line}")


class Claim(NamedTuple):
    """One checked claim: the statement, the measured value as shown, the bound as shown."""

    statement: str
    measured: str
    bound: str

    @property
    def line(self) -> str:
        return f"{self.statement}: measured {self.measured} ({self.bound})"


def _page_name(filename: str) -> str:
    """The script's path from its ``gallery`` folder on (``gallery/geometry/plot_x.py``), else
    the path as given."""
    path = Path(filename)
    parts = path.parts
    if "gallery" in parts:
        start = len(parts) - 1 - parts[::-1].index("gallery")
        return Path(*parts[start:]).as_posix()
    return path.as_posix()


def _caller_file(depth: int) -> str:
    """The file of the code ``depth`` frames up: the gallery compiles each cell under the
    script's path, and a plain run executes the script itself."""
    filename = sys._getframe(depth + 1).f_code.co_filename
    if filename.startswith("<"):  # an interactive session or exec() of a string
        filename = sys.argv[0] if sys.argv and sys.argv[0] else filename
    return filename


def _runs_as_main(filename: str) -> bool:
    """Whether ``filename`` is the script running as ``__main__`` (``python script.py``).

    ``sys.argv[0]`` does not tell: mkdocs-gallery sets it to the script it runs, too, but runs
    the script's cells in a ``__main__`` module of its own that has no ``__file__``; so does a
    notebook.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if not isinstance(main_file, str) or not main_file or filename.startswith("<"):
        return False
    try:
        return Path(filename).resolve() == Path(main_file).resolve()
    except OSError:
        return False


def _check_value(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number, not a bool; got {describe(value)}")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {describe(value)}")
    return float(value)


def _check_bound(value, name: str) -> float:
    value = _check_value(value, name)
    if np.isnan(value):
        raise ValueError(f"{name} must not be NaN; got {value}")
    return value


def _format(value, fmt: str | None) -> str:
    if isinstance(value, np.ndarray):
        value = value[()]
    if fmt is None:
        if isinstance(value, numbers.Integral):
            return str(int(value))
        return format(float(value), ".4g")
    if isinstance(value, numbers.Integral):
        value = int(value)
        try:
            return format(value, fmt)
        except ValueError:  # "d" is no float format, ".1%" is no int format: try the float
            pass
    try:
        return format(float(value), fmt)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"fmt {fmt!r} is not a format spec for numbers ({exc})") from None


class Checks:
    r"""The claims of one page, each checked when it is recorded.

    Every method compares a measured value with a bound, records the line
    ``"statement: measured <value> (bound <op> <bound>)"`` and returns the measured value, so a
    check can sit inline (``acc = checks.at_least(accuracy(...), 0.99, "...")``). A claim that does
    not hold raises :class:`ClaimError` naming the page and the statement.

    Parameters
    ----------
    page : str, optional
        The page's name in messages. By default, the file of the code that creates the
        ``Checks``: in the gallery and in a plain ``python script.py`` run, the script
        (shown from its ``gallery/`` folder on).

    Notes
    -----
    As the last expression of a gallery cell, a ``Checks`` shows as an admonition titled
    **Checked at build time** (its ``_repr_html_``); its ``repr`` and ``str`` are the same lines as
    plain text. ``fmt`` is a format spec applied to the measured value and the bound alike
    (``".1%"`` shows 0.942 as ``94.2%``); without it integers show whole and other numbers with 4
    significant digits. NaN never satisfies a bound.

    Examples
    --------
    >>> checks = Checks(page="plot_demo.py")
    >>> checks.at_least(0.997, 0.995, "width 3 separates the ring", fmt=".1%")
    0.997
    >>> checks.close(0.2483, 0.25, "the sigmoid's slope at 0 is 1/4", tol=0.01)
    0.2483
    >>> checks.true(True, "every seed agrees", shown="10 of 10 seeds")
    True
    >>> len(checks)
    3
    """

    def __init__(self, page: str | None = None):
        #: Print each claim as it is checked: only when the page runs as ``python script.py``
        #: (in the gallery and in notebooks the block is shown instead, once).
        self.echo = _runs_as_main(sys._getframe(1).f_code.co_filename)
        if page is None:
            page = _page_name(_caller_file(1))
        elif not isinstance(page, str) or not page:
            raise TypeError(f"page must be a non-empty str or None; got {describe(page)}")
        self.page = page
        self._claims: list[Claim] = []

    # -- the comparisons ------------------------------------------------------------------------
    def below(self, x, bound, statement: str, *, fmt: str | None = None):
        """Check ``x < bound``; return ``x``."""
        return self._compare(x, bound, statement, fmt, "<", lambda a, b: a < b)

    def above(self, x, bound, statement: str, *, fmt: str | None = None):
        """Check ``x > bound``; return ``x``."""
        return self._compare(x, bound, statement, fmt, ">", lambda a, b: a > b)

    def at_most(self, x, bound, statement: str, *, fmt: str | None = None):
        """Check ``x <= bound``; return ``x``."""
        return self._compare(x, bound, statement, fmt, "<=", lambda a, b: a <= b)

    def at_least(self, x, bound, statement: str, *, fmt: str | None = None):
        """Check ``x >= bound``; return ``x``."""
        return self._compare(x, bound, statement, fmt, ">=", lambda a, b: a >= b)

    def between(self, x, low, high, statement: str, *, fmt: str | None = None):
        """Check ``low <= x <= high``; return ``x``."""
        value = _check_value(x, "x")
        lo, hi = _check_bound(low, "low"), _check_bound(high, "high")
        if lo > hi:
            raise ValueError(f"low must be <= high; got low={low}, high={high}")
        bound = f"bound {_format(low, fmt)} <= x <= {_format(high, fmt)}"
        self._record(statement, _format(x, fmt), bound, lo <= value <= hi)
        return x

    def close(self, x, target, statement: str, *, tol, fmt: str | None = None):
        """Check ``|x - target| <= tol``; return ``x``."""
        value = _check_value(x, "x")
        aim = _check_bound(target, "target")
        width = _check_bound(tol, "tol")
        if not np.isfinite(width) or width < 0:
            raise ValueError(f"tol must be a finite number >= 0; got {tol}")
        bound = f"bound {_format(target, fmt)} ± {_format(tol, fmt)}"
        self._record(statement, _format(x, fmt), bound, abs(value - aim) <= width)
        return x

    def true(self, condition, statement: str, *, shown: str | None = None):
        """Check that ``condition`` (a bool) is true; return it.

        ``shown`` is the evidence to print as the measured value (``"10 of 10 seeds"``); without
        it the line says ``yes`` or ``no``.
        """
        if not isinstance(condition, (bool, np.bool_)):
            raise TypeError(
                f"condition must be a bool (write the comparison out); got {describe(condition)}"
            )
        if shown is not None and not isinstance(shown, str):
            raise TypeError(f"shown must be a str or None; got {describe(shown)}")
        measured = shown if shown is not None else ("yes" if condition else "no")
        self._record(statement, measured, "bound: true", bool(condition))
        return condition

    # -- bookkeeping ----------------------------------------------------------------------------
    def _compare(self, x, bound, statement, fmt, op, holds):
        value = _check_value(x, "x")
        limit = _check_bound(bound, "bound")
        shown_bound = f"bound {op} {_format(bound, fmt)}"
        self._record(statement, _format(x, fmt), shown_bound, holds(value, limit))
        return x

    def _record(self, statement, measured: str, bound: str, holds: bool) -> None:
        if not isinstance(statement, str) or not statement.strip():
            raise TypeError(f"statement must be a non-empty str; got {describe(statement)}")
        claim = Claim(statement.strip(), measured, bound)
        if not holds:  # NaN compares false everywhere, so it lands here too
            raise ClaimError(self.page, claim.statement, claim.line)
        self._claims.append(claim)
        if self.echo:
            print(f"checked: {claim.line}")

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims recorded so far, in order."""
        return tuple(self._claims)

    def __len__(self) -> int:
        return len(self._claims)

    def _heading(self) -> str:
        n = len(self._claims)
        return f"{TITLE} ({self.page}, {n} claim{'' if n == 1 else 's'})"

    def __str__(self) -> str:
        lines = [self._heading()]
        lines += [f"- {claim.line}" for claim in self._claims] or ["(no claims recorded)"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """A Material admonition titled "Checked at build time", one list item per claim."""
        items = "".join(
            f'<li><span class="nnx-check-statement">{html.escape(c.statement)}</span>: '
            f"measured <strong>{html.escape(c.measured)}</strong> "
            f'<span class="nnx-check-bound">({html.escape(c.bound)})</span></li>'
            for c in self._claims
        )
        body = f"<ul>{items}</ul>" if items else "<p>No claims recorded.</p>"
        return (
            f'<div class="admonition success nnx-checks">'
            f'<p class="admonition-title">{TITLE}</p>{body}</div>'
        )
