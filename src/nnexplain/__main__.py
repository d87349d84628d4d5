"""``python -m nnexplain``: the same as the ``nnexplain`` command (see :mod:`nnexplain.cli`)."""

from .cli import main

raise SystemExit(main())
