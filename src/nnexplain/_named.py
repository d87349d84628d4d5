"""A mixin for the small named families (activations, initialisers): repr, equality and hash
computed from the hyper-parameters that ``_params`` returns, and ``str`` giving the registry name.
"""

from __future__ import annotations


class Named:
    """``Tanh()``, ``Normal(std=0.01, mean=0.0)``: objects that print and compare by parameters."""

    name: str = ""

    def _params(self) -> dict:
        return {}

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"{type(self).__name__}({params})"

    def __str__(self) -> str:
        return self.name

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self._params() == other._params()

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self._params().items())))
