"""Where to cut a re-decoding so that it gains most in plausibility.

A two-byte decoder turns correct text beside mojibake into other characters
without an error, so a re-decoding of a region is scored character by
character against what it replaces, and cut where the gain between the two
cuts is greatest.
"""
from __future__ import annotations

import bisect
import threading
from itertools import accumulate, compress
from operator import sub, truediv
from typing import TYPE_CHECKING

from .charsets import (
    BIG5_HKSCS,
    CHOSEN_BY_NEIGHBOURS,
    CODE_PAGE_ERRORS,
    CODE_PAGES,
    EURO_BYTES,
    GBK_WEB,
    HYBRID,
    LOSS_STAND_INS,
    SINGLE_BYTE,
    encode_gb,
    encode_hkscs,
    encode_table,
    euro_by_utf8,
)
from .hybrid import hybrid_bytes
from .tables import EDGE_MARGIN

if TYPE_CHECKING:
    from ._loops import Loops


# Each character's bytes in a codec that encodes character by character, as
# found: the careful path asks for them character by character, region after
# region (GBK read as Big5, 100 KB of Gutenberg: 840,000 encodings of a few
# thousand characters).  Entries are only ever added, whole, so threads may
# share the dictionaries.  The limit bounds the memory random input can take
# (distinct characters of the Basic Plane and the first supplementary one).
KNOWN_BYTES_LIMIT = 1 << 17
_KNOWN_BYTES: dict[str, dict[str, bytes | None]] = {}
# The last text whose bytes were chosen by their neighbours (the crawlers'
# mixture, the browsers' GBK), with those bytes, per thread: one region is
# asked for them by its whole reading, its UTF-8 share and its piece-by-piece
# reading in turn (88,000 characters of Gutenberg read by the WHATWG gbk:
# three times 3,238 choices of a €).  Forgotten when a repair is done
# (forget_chosen_bytes), so that no text outlives its call.
_CHOSEN = threading.local()
# ... of this many characters or more: a shorter text (a stretch's ends,
# which best_cut re-encodes) is read again when asked again, which costs
# little, and does not take the place of the region kept (88,000 characters
# of the crawlers' mixture were read for the pieces, then three stretches'
# ends, then again for the judge).
CHOSEN_KEPT_FROM = 256
# b"".join keeps a buffer record (80 bytes) for each item it joins: a long
# text's bytes, each character's apart, are joined this many at a time, then
# those (506,142 parts of one to four bytes, a page of news in the crawlers'
# mixture: 20.6 ms joined at once, 2.9 in chunks of 4,096).
JOIN_CHUNK = 4096
# Byte -> 1 where a UTF-8 character starts there (not 0x80-0xBF), else 0.
_STARTS_CHARACTER = bytes(0 if 0x80 <= byte <= 0xBF else 1 for byte in range(256))


def encode(text: str, codec: str, loops: Loops) -> bytes:
    """``text`` in the bytes the wrong decoder ``codec`` read it from."""
    if codec == SINGLE_BYTE:
        return loops.encode_single_byte(text)
    if codec == GBK_WEB and "\ufffd" not in text:
        try:
            return _web_gbk_encoded(text, loops)
        except UnicodeEncodeError:
            pass  # (the error, as the characters' bytes say where)
    if codec in CHOSEN_BY_NEIGHBOURS:
        parts = char_bytes(text, codec, loops)
        if None in parts:
            raise UnicodeEncodeError(codec, text, parts.index(None), parts.index(None) + 1, "no such bytes")
        return joined(parts)  # type: ignore[arg-type]
    if codec == "gb18030":
        return encode_gb(text)
    if codec == BIG5_HKSCS:
        return encode_hkscs(text)
    if codec in CODE_PAGES:
        return text.encode(codec, CODE_PAGE_ERRORS[codec])
    return text.encode(codec)


def joined(parts: list[bytes]) -> bytes:
    """``b"".join(parts)``, JOIN_CHUNK parts at a time."""
    if len(parts) <= JOIN_CHUNK:
        return b"".join(parts)
    return b"".join([b"".join(parts[k : k + JOIN_CHUNK]) for k in range(0, len(parts), JOIN_CHUNK)])


def char_bytes(text: str, codec: str, loops: Loops) -> list[bytes | None]:
    """Each character's bytes in ``codec`` (None where it has none).  The
    crawlers' mixture and the browsers' GBK choose a character's bytes by
    its neighbours' (see hybrid and _web_gbk); the others one by one."""
    if codec in CHOSEN_BY_NEIGHBOURS:
        last = getattr(_CHOSEN, codec, None)
        # (The same characters, not only the same object: the bytes depend
        # on them alone, and a text repeated holds regions alike, whose
        # judge asks again after their readings were kept by their
        # characters: 10 ms for each of 148,813 characters in the mixture.)
        if last is None or (last[0] is not text and last[0] != text):
            last = (text, hybrid_bytes(text, loops) if codec == HYBRID else _web_gbk(text, loops))
            if len(text) >= CHOSEN_KEPT_FROM:
                setattr(_CHOSEN, codec, last)
        return list(last[1])  # the caller's own list
    known = _KNOWN_BYTES.get(codec)
    if known is None:
        known = _KNOWN_BYTES.setdefault(codec, {})
    try:
        return list(map(known.__getitem__, text))  # a C loop: twice the speed of a comprehension
    except KeyError:
        pass
    # The characters not known yet, each encoded once, then the same C loop
    # (a Python step per character of the text took half of a first call
    # on a MB of the browsers' GBK).
    fresh: dict[str, bytes | None] = {}
    for ch in set(text).difference(known):
        try:
            fresh[ch] = encode(ch, codec, loops)
        except UnicodeEncodeError:
            fresh[ch] = None
    if len(known) + len(fresh) <= KNOWN_BYTES_LIMIT:
        known.update(fresh)
        lookup = known
    else:
        lookup = {**known, **fresh}
    return list(map(lookup.__getitem__, text))


def _web_gbk(text: str, loops: Loops) -> list[bytes | None]:
    """``text`` in GBK as browsers and Windows decode it, where a € is byte
    0x80 or A2 E3 (both decode to it): each one whichever keeps the UTF-8
    around it valid (一 is E4 B8 80; 波、 is E6 B3 A2 E3 80 81).  On a tie,
    A2 E3 where the text shows losses (Python's decoders, which lose every
    0x80, made it), else 0x80.  The loops choose (``euro_choices``), but
    where a neighbour has four bytes: that € is chosen here (``_euro``)."""
    stand_in = LOSS_STAND_INS[GBK_WEB]  # a loss, as bulk decoding writes it
    lossy = "\ufffd" in text or stand_in in text
    parts = char_bytes(text, "gb18030", loops)  # a new list, each character's bytes known once
    lost = text.find("\ufffd")
    while lost != -1:
        parts[lost] = None
        lost = text.find("\ufffd", lost + 1)
    k = text.find("\u20ac")
    if k == -1:
        return parts
    for choice in loops.euro_choices(text, encode_table("gb18030"), lossy, stand_in):
        parts[k] = EURO_BYTES[choice if choice < 2 else _euro(text, parts, k, lossy, stand_in)]
        k = text.find("\u20ac", k + 1)
    return parts


def _web_gbk_encoded(text: str, loops: Loops) -> bytes:
    """``b"".join(_web_gbk(text, loops))`` for a text with no U+FFFD: the
    stretches between €s encoded whole, each € as _web_gbk chooses it (the
    bytes of every character, then joined, took 45% of a call on UTF-8 read
    by the browsers' GBK)."""
    k = text.find("\u20ac")
    if k == -1:
        return encode_gb(text)
    stand_in = LOSS_STAND_INS[GBK_WEB]
    lossy = stand_in in text
    choices = loops.euro_choices(text, encode_table("gb18030"), lossy, stand_in)  # one for each €
    # The stretches between the €s, encoded in one call where the text holds
    # no U+0000: each € written as byte 00, which no other character's bytes
    # hold, and split there (a call for each stretch took 25 ms of a MB of
    # news read by the browsers' GBK, 8,836 €s; one call 2).
    if "\x00" in text:
        between = [encode_gb(stretch) for stretch in text.split("\u20ac")]
    else:
        between = encode_gb(text.replace("\u20ac", "\x00")).split(b"\x00")
    if 2 not in choices:
        # Each € chosen by the loops: the stretches and the €s' bytes in turn
        # (a Python step for each € took 6 ms of the 8,836).
        chunks: list[bytes] = [b""] * (2 * len(choices) + 1)
        chunks[0::2] = between
        chunks[1::2] = [EURO_BYTES[choice] for choice in choices]
        return b"".join(chunks)
    chunks = [between[0]]
    chosen: dict[int, bytes] = {}  # the €s chosen, by position (the last three matter)
    for index, choice in enumerate(choices):
        if choice >= 2:
            low = max(0, k - 3)
            window = char_bytes(text[low : k + 4], "gb18030", loops)
            for j in range(low, k):
                if j in chosen:
                    window[j - low] = chosen[j]
            choice = _euro(text[low : k + 4], window, k - low, lossy, stand_in)
        chosen[k] = EURO_BYTES[choice]
        chunks.append(chosen[k])
        chunks.append(between[index + 1])
        k = text.find("\u20ac", k + 1)
    return b"".join(chunks)


def _euro(text: str, parts: list[bytes | None], k: int, pair_first: bool, stand_in: str) -> int:
    """Which of EURO_BYTES the € at ``k`` was, by the UTF-8 it makes with the
    bytes of the three characters each side (``parts``, the €s before it
    chosen already)."""
    before = b"".join(filter(None, parts[max(0, k - 3) : k]))[-6:]  # type: ignore[arg-type]
    after = parts[k + 1 : k + 4]
    # The next three characters' bytes, up to the first loss (bytes after
    # the window may be lost there: an open end).
    cut = after.index(None) if None in after else len(after)
    if stand_in in text[k + 1 : k + 4]:
        cut = min(cut, text.index(stand_in, k + 1) - k - 1)
    following = b"".join(after[:cut])  # type: ignore[arg-type]
    return euro_by_utf8(before, following, cut < len(after), pair_first)


def forget_chosen_bytes() -> None:
    """Drop the texts char_bytes keeps for the next question about them."""
    _CHOSEN.__dict__.clear()


def byte_bounds(text: str, codec: str, loops: Loops) -> list[int]:
    """The byte offset of each character boundary of ``text`` in ``codec``."""
    if codec == SINGLE_BYTE:
        return list(range(len(text) + 1))
    if codec == "utf-8":
        return _utf8_bounds(text.encode("utf-8"))
    parts = char_bytes(text, codec, loops)
    if None in parts:
        k = parts.index(None)
        raise UnicodeEncodeError(codec, text, k, k + 1, "no byte of GBK")
    return list(accumulate(map(len, parts), initial=0))  # type: ignore[arg-type]  # no None


def _utf8_bounds(data: bytes) -> list[int]:
    """The byte offset of each character boundary of UTF-8 ``data``: every
    byte that is not a continuation byte starts a character (one pass of C
    iterators, not a Python step per character)."""
    bounds = list(compress(range(len(data)), data.translate(_STARTS_CHARACTER)))
    bounds.append(len(data))
    return bounds


UNALIGNED = (-1, -1, -1, -1)


def best_cut(
    region: str, wrong: str, text: str, right: str, keep_start: bool, keep_end: bool, loops: Loops
) -> tuple[int, int, int, int] | None:
    """Where to cut a re-decoding so that it gains most in plausibility.

    ``text`` is ``region`` re-encoded with ``wrong`` and decoded with
    ``right``; a two-byte decoder also turns correct text beside mojibake
    into other characters, without an error.  Each character out is scored
    against the characters in whose bytes it stands (據報道 as Big5 gives
    據報耋ㄛ, a loss; 祇穝籇 gives 發佈了新聞, a gain), and the cut is made
    at the character boundaries both sides share that maximise the gain
    between them.  ``keep_start``/``keep_end`` pin an end that joins more
    repaired text.  Returns (in_start, in_end, out_start, out_end) or None
    when nothing gains.
    """
    try:
        encoded, decoded = encode(region, wrong, loops), text.encode(right)
    except UnicodeEncodeError:
        return UNALIGNED
    # A pinned end may sit inside a character whose other bytes went to a
    # loss next to it: those bytes are the region's, not the text's.
    shift = 0
    if encoded != decoded:
        if keep_start and not keep_end and encoded.endswith(decoded):
            shift = len(encoded) - len(decoded)
        elif not (keep_end and not keep_start and encoded.startswith(decoded)):
            return UNALIGNED  # text is not the region re-decoded
    # (The text's UTF-8 is at hand: not encoded again for its boundaries.)
    out_bounds = _utf8_bounds(decoded) if right == "utf-8" else byte_bounds(text, right, loops)
    if shift:
        out_bounds = [bound + shift for bound in out_bounds]
    # A single-byte decoder made one character of each byte: the region's
    # boundaries are every byte offset, and every boundary of the text is one
    # of them.  Listing and indexing them (8 MB of UTF-8 read as Latin-1: 8
    # million offsets, a list, a dictionary and two bisections per character
    # out) had made an 8 MB line 5x slower per byte than a 4 MB one.
    identity = wrong == SINGLE_BYTE and not shift
    in_bounds: list[int] = []
    if not identity:
        in_bounds = byte_bounds(region, wrong, loops)
        if shift:
            in_bounds = [0] + [bound for bound in in_bounds if bound >= shift]
            out_bounds[0] = 0
    in_classes, out_classes = loops.class_bytes(region), loops.class_bytes(text)
    if identity:
        shared, total = _shared_identity(text, out_bounds, in_classes, out_classes)
    else:
        shared, total = _shared_by_bounds(text, out_bounds, in_bounds, in_classes, out_classes)
    if shared[-1][1] != len(text):
        if not (keep_end and encoded.startswith(decoded)):
            return UNALIGNED
        # The pinned end joins a loss, inside an input character: it is a
        # place to cut all the same.
        shared.append((len(region), len(text), total))
    best = _best_span(shared, keep_start, keep_end)
    if best is None or best[0] <= 0:
        return None
    _, start, end = best
    return start[0], end[0], start[1], end[1]


# Each character out is scored against the mean class of the characters in
# whose bytes it stands, less EDGE_MARGIN if it is not ASCII (a character
# must gain clearly to be worth taking: 障 -> 毁 is a common character for
# another, not a repair); mojibake mixes common punctuation in (闻 read as
# Windows-1252 is é—»), hence the mean.  The gain so far is listed at each
# boundary both sides share: (in index, out index, gain so far).
Shared = list[tuple[int, int, float]]


def _shared_identity(
    text: str, out_bounds: list[int], in_classes: bytes, out_classes: bytes
) -> tuple[Shared, float]:
    """The shared boundaries where the wrong decoder made one character of
    each byte: every boundary of the text, each gain from C iterators (a
    Python step per character had been most of UTF-8 read as Windows-1252);
    and the gain at the end."""
    prefix = list(accumulate(in_classes, initial=0))
    ends = out_bounds[1:]
    sums = map(sub, map(prefix.__getitem__, ends), map(prefix.__getitem__, out_bounds))
    means = map(truediv, sums, map(sub, ends, out_bounds))
    margins = [EDGE_MARGIN if ch > "\x7f" else 0 for ch in text]
    totals = accumulate(map(sub, map(sub, out_classes, means), margins))
    shared: Shared = [(0, 0, 0.0), *zip(ends, range(1, len(text) + 1), totals)]
    return shared, shared[-1][2]


def _shared_by_bounds(
    text: str, out_bounds: list[int], in_bounds: list[int], in_classes: bytes, out_classes: bytes
) -> tuple[Shared, float]:
    """The shared boundaries of two decoders that made characters of several
    bytes, and the gain at the end.  (``in_bounds`` rise strictly: the
    first at or after a character's end is its input boundary if any is.)"""
    shared: Shared = [(0, 0, 0.0)]
    total = 0.0
    count = len(in_bounds)
    for k, ch in enumerate(text):
        first = bisect.bisect_right(in_bounds, out_bounds[k]) - 1
        end = out_bounds[k + 1]
        past = bisect.bisect_left(in_bounds, end)
        before = sum(in_classes[first:past]) / (past - first)
        total += out_classes[k] - before - (EDGE_MARGIN if ch > "\x7f" else 0)
        if past < count and in_bounds[past] == end:
            shared.append((past, k + 1, total))
    return shared, total


def _best_span(
    shared: Shared, keep_start: bool, keep_end: bool
) -> tuple[float, tuple[int, int, float], tuple[int, int, float]] | None:
    """The span between two shared boundaries that gains most (the first
    such end, and the last lowest start before it); None if there is none.
    A pinned start is the first boundary, a pinned end the last."""
    last = len(shared) - 1
    if last < 1:
        return None
    if last == 1:
        # One span, whatever is pinned (most calls: a stretch of a character
        # or two shares no boundary inside): its gain, as below.
        return shared[1][2] - shared[0][2], shared[0], shared[1]
    totals = [gain for _, _, gain in shared]
    lowest = [totals[0]] * last if keep_start else list(accumulate(totals[:-1], min))  # before each end
    ends = [last] if keep_end else range(1, last + 1)
    gains = [totals[e] - lowest[e - 1] for e in ends]
    top = max(gains)
    e = ends[gains.index(top)]
    if keep_start:
        start = 0
    else:
        low = lowest[e - 1]
        start = e - 1 - totals[e - 1 :: -1].index(low)  # the last one as low before the end
    return top, shared[start], shared[e]
