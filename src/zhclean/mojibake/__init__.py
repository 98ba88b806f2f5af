"""Mojibake: Chinese text decoded with the wrong codec, repaired from its bytes.

The public facade of the capability.  ``fix_mojibake`` and
``mojibake_report`` check their argument and hand the text, with the loops
module (``_loops.LOOPS``: compiled, or the pure-Python twin), to the repair
(``repair``, which calls ``big5``, ``bulk``, ``stretches``, ``reread`` and
``score``).
Calls go down only: the loops import nothing but tables (``tables``,
``charsets``, ``records``).
"""
from __future__ import annotations

from .._args import require_str
from .._batch import Joined, matching, overlapping
from .._edits import Edit
from . import _loops
from .repair import fix, passes
from .report import MojibakeFinding, find_losses, report
from .runs import SIGNS

__all__ = ["MojibakeFinding", "fix_mojibake", "mojibake_report"]


def fix_mojibake(text: str) -> str:
    """Repair Chinese text that was decoded with the wrong codec.

    Whole texts and spans inside correct text are repaired when the repair
    is exact (the characters re-encode with the wrong codec and decode with
    the right one) and plausible (the result reads as far more likely text).
    Where the wrong decoder lost bytes, every character whose bytes survived
    comes back and one U+FFFD stands where characters were lost.  Returns
    ``text`` itself when there is nothing to repair.

    >>> fix_mojibake("鍙戝竷浜嗘柊闂")
    '发布了新�'
    >>> fix_mojibake("·¢²¼ÁËÐÂÎÅ")
    '发布了新闻'
    >>> fix_mojibake("马丁·路德·金, 25°C±2, café")
    '马丁·路德·金, 25°C±2, café'
    """
    require_str(text, "fix_mojibake")
    return fix(text, _loops.LOOPS)


def mojibake_report(text: str) -> list[MojibakeFinding]:
    """What ``fix_mojibake`` would repair in ``text``, and what loss it cannot undo.

    One ``MojibakeFinding`` per repair and per loss marker (``锟斤拷``,
    ``烫烫烫``, runs of U+FFFD or of ``?`` beside Chinese), in order of
    position; positions index ``text``.

    >>> [(f.kind, f.text, f.replacement) for f in mojibake_report("据报道：鍙戝竷浜嗘柊闂伙紝锟斤拷")]
    [('repaired', '鍙戝竷浜嗘柊闂伙紝', '发布了新闻，'), ('loss', '锟斤拷', None)]
    """
    require_str(text, "mojibake_report")
    return report(text, _loops.LOOPS)


def repair_edits(text: str) -> list[list[Edit]]:
    """For the package's pipeline: the edits ``fix_mojibake`` makes, pass by
    pass, each pass's in the text that pass was given."""
    return [[(r.start, r.end, r.text) for r in repairs] for repairs in passes(text, _loops.LOOPS)[1]]


def count_losses(text: str) -> int:
    """For the package's pipeline: how many stretches of ``text`` show a loss
    no repair can undo (runs of U+FFFD, 锟斤拷, 烫烫烫, runs of ``?``)."""
    return len(find_losses(text))


def changing(joined: Joined) -> list[int]:
    """For ``Cleaner.clean_batch``: the texts ``fix_mojibake`` may change,
    of a batch joined by line breaks (``_batch.join``).  A text changes
    only where the scan finds a region in it or a short run's sign (see
    ``repair._first_screen``); a region of one text is one of the joined
    text too (the scan's suspects depend on their neighbours, and a line
    break is no neighbour of any), perhaps reaching into the next."""
    found = set(overlapping(_loops.LOOPS.find_regions(joined[0]), joined))
    found.update(matching(SIGNS, joined))
    return sorted(found)
