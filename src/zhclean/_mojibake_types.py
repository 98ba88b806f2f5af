"""What the mojibake report says about a text."""
from __future__ import annotations

from typing import NamedTuple, Optional


class MojibakeFinding(NamedTuple):
    """One repair ``fix_mojibake`` makes, or one loss it cannot undo.

    ``kind`` is ``"repaired"`` (``replacement`` is what ``text`` becomes;
    ``encoding`` is the codec the bytes were really in, ``decoded_as`` the one
    they were wrongly decoded with) or ``"loss"`` (``decoded_as`` describes
    the loss; ``replacement`` and ``encoding`` are None).  ``start`` and
    ``end`` index the input text.
    """

    kind: str
    start: int
    end: int
    text: str
    replacement: Optional[str]
    encoding: Optional[str]
    decoded_as: Optional[str]
