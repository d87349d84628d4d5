"""One module per kind of explorable variant: :mod:`.points`, :mod:`.histograms`,
:mod:`.images`.

Each holds a dataclass deriving from :class:`nnexplain.explorable.stages.Stages` that checks the
arrays it is built from, encodes them into a variant's file and decodes them back; the player
draws each kind with one script of its own. A new kind is a new module here, registered in
:data:`nnexplain.explorable.KINDS`.
"""
