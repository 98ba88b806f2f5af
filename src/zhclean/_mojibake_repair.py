"""How a suspicious region is repaired: codec pairs, lost bytes, plausibility.

Both mojibake kernels (``_mojibake.pyx`` and ``_mojibake_py.py``) find the
regions worth a look with their own scan, then hand them here.  Regions are
rare in clean text, so this part is Python over C-speed codec calls.

A repair of a region is made only when it is exact and plausible:

* exact: the characters re-encode with the codec that wrongly decoded them,
  and the bytes decode with the right codec.  Where the wrong decoder lost
  bytes (a U+FFFD in the input, or bytes it dropped), every character whose
  bytes all survived is recovered and one U+FFFD stands where characters
  were lost; nothing is invented;
* plausible: the result reads as far more likely text than the input, by
  the character-frequency model in ``_charfreq``, and there is enough of it:
  a repair must span at least three input characters and recover at least
  two non-ASCII ones (``発`` -> ``逃`` alone looks like a gain and is not).
"""
from __future__ import annotations

import bisect
import codecs
import re
import threading
from typing import Callable, NamedTuple

from ._charfreq import class_table
from ._mojibake_types import MojibakeFinding

# --- codecs -----------------------------------------------------------------

SINGLE_BYTE = "windows-1252"  # also covers Latin-1 and the browsers' form

# Characters that a single-byte decoder (Latin-1, Windows-1252 in Python's
# strict form or in the browsers' form, which keeps the five bytes 1252
# leaves undefined as C1 controls) produces from bytes 0x80-0xFF.
CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SINGLE_BYTE_CHARS = frozenset(map(ord, CP1252_EXTRAS)) | frozenset(range(0x80, 0x100))

# For each wrong decoder, the right codecs worth trying.  GB18030 stands for
# GBK and GB2312 too (a superset with the same two-byte codes) and it is how
# browsers and Windows decode "GBK", which turns byte pairs GBK leaves
# unassigned (most of Big5's) into private-use characters.
_RIGHT_CODECS = {
    SINGLE_BYTE: ("utf-8", "gb18030", "big5"),
    "gb18030": ("utf-8", "big5"),
    "big5": ("utf-8", "gb18030"),
    "cp932": ("utf-8",),
}
_CODEC_NAMES = {"gb18030": "gbk", "big5": "big5", "cp932": "shift_jis", "utf-8": "utf-8"}

_errors = threading.local()


def _record_decode_error(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _errors.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("zhclean.record", _record_decode_error)


def _encode(text: str, codec: str) -> bytes:
    if codec == SINGLE_BYTE:
        return encode_single_byte(text)
    return text.encode(codec)


# Each character a single-byte decoder makes, to its byte: U+0080-U+00FF to
# themselves (Latin-1, and the C1 controls browsers keep), CP1252_EXTRAS to
# their Windows-1252 bytes.
_SINGLE_BYTE_MAP = {cp: cp for cp in range(0x100)}
_SINGLE_BYTE_MAP.update({ord(ch): ch.encode("cp1252")[0] for ch in CP1252_EXTRAS})


def encode_single_byte(text: str) -> bytes:
    """The twin of the kernels' ``encode_single_byte``."""
    check_text(text, "encode_single_byte")
    return codecs.charmap_encode(text, "strict", _SINGLE_BYTE_MAP)[0]


# --- the byte stream of a region ----------------------------------------------


class _Piece(NamedTuple):
    """A run of region characters that all encode with the wrong codec."""

    start: int  # index in the region of the first character
    data: bytes
    bounds: tuple[int, ...]  # byte offset of each character boundary, len(chars)+1
    gap_before: int  # how many U+FFFD stand just before it (lost characters)
    gap_after: int  # how many just after it


# Runs of U+FFFD (gaps) apart from runs of other characters no single-byte
# decoder makes (breaks).
_NOT_SINGLE_BYTE = re.compile(f"\ufffd+|[^\x00-\xff\ufffd{CP1252_EXTRAS}]+")


def _pieces(region: str, codec: str) -> list[_Piece]:
    """Split ``region`` into encodable pieces, at U+FFFD (gaps) and at characters
    the wrong codec cannot have produced (breaks)."""
    # (start, end) of each run of characters that cannot be encoded.
    if codec == SINGLE_BYTE:
        bad = [(m.start(), m.end()) for m in _NOT_SINGLE_BYTE.finditer(region)]
        parts = None
    else:
        bad = []
        parts = []
        for k, ch in enumerate(region):
            try:
                part = _encode(ch, codec)
            except UnicodeEncodeError:
                part = b""
            if not part or len(part) > 2:
                # Nothing a two-byte decoder made (a four-byte GB18030 code).
                if bad and bad[-1][1] == k and (ch == "\ufffd") == (region[k - 1] == "\ufffd"):
                    bad[-1] = (bad[-1][0], k + 1)
                else:
                    bad.append((k, k + 1))
            parts.append(part)
    pieces = []
    pos = 0
    gap_before = 0
    for bad_start, bad_end in bad + [(len(region), len(region))]:
        lost = region[bad_start:bad_end]
        gap = len(lost) if lost and lost.count("\ufffd") == len(lost) else 0
        if bad_start > pos:
            chunk = region[pos:bad_start]
            if parts is None:
                data = _encode(chunk, codec)
                bounds = tuple(range(len(chunk) + 1))
            else:
                data = b"".join(parts[pos:bad_start])
                offsets = [0]
                for part in parts[pos:bad_start]:
                    offsets.append(offsets[-1] + len(part))
                bounds = tuple(offsets)
            pieces.append(_Piece(pos, data, bounds, gap_before, gap))
        gap_before = gap
        pos = bad_end
    return pieces


# --- decoding with the right codec --------------------------------------------


class Stretch(NamedTuple):
    start: int  # region indices of the input characters replaced
    end: int
    text: str  # what replaces them
    wrong: str
    right: str


def _unit_start(data: bytes, offset: int, codec: str) -> bool:
    """Whether a character of ``codec`` can start at ``offset`` of ``data``."""
    if codec == "utf-8":
        return offset >= len(data) or not 0x80 <= data[offset] <= 0xBF
    return True  # two-byte codecs: checked by decoding


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_recording(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    _errors.spans = []
    try:
        text = data.decode(codec, "zhclean.record")
        return text, _errors.spans
    finally:
        _errors.spans = []


def _resume_offset(data: bytes, right: str, gap_after: bool) -> int:
    """Where decoding resumes in a piece that follows lost bytes.

    A two-byte decoder that met a bad pair may have lost just the lead byte
    (Python's CJK codecs always do; browsers do when the trail is ASCII), so
    the piece can start with an orphaned trail byte: 發�G了 is Big5 read as
    GBK, where G (0x47) is the second byte of the lost 佈.  Start where the
    bytes decode with fewer errors; on a tie, an ASCII-range byte right after
    a loss is taken for a trail.
    """
    if right == "utf-8" or not data:
        return 0
    best: tuple[tuple[int, int, int], int] | None = None
    for skip in (0, 1):
        text, errors = _decode_recording(data[skip:], right)
        if gap_after:  # a character cut short by the next loss is no evidence
            errors = [e for e in errors if e[1] < len(data) - skip]
        # Fewer errors first, then the likelier characters, then a trail byte.
        rank = (len(errors), -_class_sum(text), -(skip == 1 and 0x40 <= data[0] <= 0x7E))
        if best is None or rank < best[0]:
            best = (rank, skip)
    assert best is not None
    return best[1]


def _class_sum(text: str) -> int:
    table = class_table()
    return sum(table[cp] for cp in map(ord, text) if 0x80 <= cp < 0x10000)


def _stretches(region: str, wrong: str, right: str) -> list[Stretch]:
    """Every maximal stretch of ``region`` that decodes with ``right``.

    Lost characters inside a stretch become one U+FFFD each run of them.
    """
    edge = 3 if right == "utf-8" else 1  # bytes of a lost character a gap may leave
    result: list[Stretch] = []
    tokens: list[list] = []  # [text or None for a loss, input start, input end]

    def close() -> None:
        nonlocal tokens
        # Correct text beside the mojibake can re-decode without an error
        # (always with a two-byte codec; with UTF-8 where bytes were dropped):
        # cut what does not gain off both ends.
        _trim_edges(region, tokens, wrong, right)
        _drop_orphaned_ascii_head(region, tokens, wrong)
        _trim_lost_edges(region, tokens)
        _trim_unsupported_ends(region, tokens)
        if any(token[0] for token in tokens):
            text = "".join("\ufffd" if t[0] is None else t[0] for t in tokens)
            text = collapse_losses(text)
            result.append(Stretch(tokens[0][1], tokens[-1][2], text, wrong, right))
        tokens = []

    def add(text: str | None, start: int, end: int) -> None:
        """Append a recovered text (or a loss, None) standing for input[start:end]."""
        if tokens:
            last = tokens[-1]
            start = max(start, last[2]) if last[0] is None else start
            if last[2] < start:  # input characters between the two
                if last[0] is None:
                    last[2] = start  # a loss absorbs what was not recovered
                elif text is None:
                    start = last[2]
                else:
                    close()
        if text is None:
            if tokens and tokens[-1][0] is None:
                tokens[-1][2] = max(tokens[-1][2], end)
            elif end > start:
                tokens.append([None, start, end])
        elif end > start:
            tokens.append([text, start, end])

    previous_end = -1
    for piece in _pieces(region, wrong):
        if piece.gap_before:
            add(None, piece.start - piece.gap_before, piece.start)
        elif piece.start != previous_end:
            close()  # characters the wrong codec cannot have made stand between
        data = piece.data
        bounds = piece.bounds
        base = piece.start
        previous_end = base + len(bounds) - 1
        skip = _resume_offset(data, right, bool(piece.gap_after)) if piece.gap_before else 0
        decoded, errors = _decode_recording(data[skip:], right)
        errors = [(a + skip, b + skip) for a, b in errors]
        if skip:
            errors.insert(0, (0, skip))
        segments: list[tuple[int, int, bool]] = []
        cursor = 0
        for err_start, err_end in errors:
            if err_start > cursor:
                segments.append((cursor, err_start, True))
            segments.append((err_start, err_end, False))
            cursor = err_end
        if cursor < len(data):
            segments.append((cursor, len(data), True))
        if right == "utf-8" and wrong != SINGLE_BYTE:
            segments = _split_implausible(data, segments)
        # An error is a loss (absorbed into the U+FFFD the wrong decoder left)
        # when it is the remnant of a character cut by that loss.
        lost = [
            not ok
            and (
                (piece.gap_before and seg_end <= edge + skip and _tail_of_lost(data, seg_start, seg_end, right))
                or (piece.gap_after and seg_start >= len(data) - edge and _head_of_lost(data, seg_start, seg_end, right))
                or (right == "utf-8" and _dropped(data, seg_start, seg_end, segments, index, wrong))
            )
            for index, (seg_start, seg_end, ok) in enumerate(segments)
        ]
        for index, (seg_start, seg_end, ok) in enumerate(segments):
            first_char = bisect.bisect_right(bounds, seg_start) - 1
            past_char = bisect.bisect_left(bounds, seg_end)
            if not ok:
                if lost[index]:
                    add(None, base + first_char, base + past_char)
                else:
                    close()
                continue
            # Next to a loss a segment may start or end inside an input
            # character (the rest of it is in the loss); next to text that
            # stays, it must meet it at a character boundary.
            loss_left = bool(tokens) and tokens[-1][0] is None and tokens[-1][2] >= base + first_char
            loss_right = (index + 1 < len(segments) and lost[index + 1]) or (
                index + 1 == len(segments) and piece.gap_after
            )
            a = seg_start
            if not loss_left:
                a = _next_bound(bounds, seg_start)
                while a < seg_end and not _unit_start(data, a, right):
                    a = _next_bound(bounds, a + 1)
            b = seg_end
            text = None
            while b > a:
                if loss_right and b == seg_end:
                    text = _decode_strict(data[a:b], right)
                else:
                    k = bisect.bisect_left(bounds, b)
                    if k < len(bounds) and bounds[k] == b:
                        text = _decode_strict(data[a:b], right)
                if text is not None:
                    break
                b -= 1
            if text is None or a >= b:
                close()
                continue
            a_char = bisect.bisect_right(bounds, a) - 1
            b_char = bisect.bisect_left(bounds, b)
            if a != seg_start and not loss_left:
                close()  # the characters before were not recovered exactly
            add(text, base + a_char, base + b_char)
            if b != seg_end:
                close()
        if piece.gap_after:
            add(None, previous_end, previous_end + piece.gap_after)
    close()
    return result


def _resync_stretches(
    region: str, wrong: str, right: str, pin_start: bool, pin_end: bool, kernel: Kernel
) -> list[Stretch]:
    """GBK and Big5 read as each other with losses: see ``_mojibake_resync``.

    Each U+FFFD there is one lost byte; where they are twice as many as the
    other characters, or the re-reading loses more characters than it
    recovers, the text lost most of its bytes (UTF-8 read as Big5: 銝�鈭箔),
    and a re-reading as GBK or Big5 would only make characters up.
    """
    found = []
    for chunk_start, chunk_end in _chunks(region, RESYNC_CHUNK):
        chunk = region[chunk_start:chunk_end]
        pins = (pin_start and chunk_start == 0, pin_end and chunk_end == len(region))
        for start, end, text in kernel.resync(chunk, wrong, right, EDGE_MARGIN, PLAUSIBLE, *pins):
            found.append((chunk_start + start, chunk_start + end, text))
    stretches = []
    for start, end, text in found:
        text = collapse_losses(text)
        before = region[start:end]
        lost_in, lost_out = before.count("\ufffd"), text.count("\ufffd")
        others_in = kernel.text_stats(before).non_ascii  # U+FFFD apart
        others_out = kernel.text_stats(text).non_ascii
        if lost_in < 2 * others_in and lost_out < others_out:
            stretches.append(Stretch(start, end, text, wrong, right))
    return stretches


# The re-reading keeps a few dozen bytes of state per character: a long
# region goes in chunks, cut after a newline where there is one.
RESYNC_CHUNK = 1 << 14


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    chunks = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1
        if cut <= start:
            cut = start + size
        chunks.append((start, cut))
        start = cut
    chunks.append((start, len(text)))
    return chunks


_LOSS_RUN = re.compile("\ufffd{2,}")


def collapse_losses(text: str) -> str:
    """One U+FFFD for each run of them."""
    check_text(text, "collapse_losses")
    if "\ufffd\ufffd" not in text:
        return text
    return _LOSS_RUN.sub("\ufffd", text)


# Two-byte UTF-8 sequences (U+0080-U+07FF) are also what GBK, Big5 and
# Shift-JIS pairs of correct Chinese look like when read as UTF-8 (为 is
# CE AA, Greek Ϊ in UTF-8).  From text re-encoded with a two-byte codec, a
# character past Latin Extended (IPA, Greek, Cyrillic, Hebrew, Arabic...) is
# taken for such a pair, not for recovered text; so are the three-byte ones
# Chinese text does not hold but correct text beside the damage makes when
# its bytes join the mojibake's (Indic to Greek Extended, Yi, Hangul, private
# use: 中投的 in Big5 after a loss reads as a Hangul syllable).
_IMPLAUSIBLE_FROM_TWO_BYTE = re.compile("[\u0250-\u1fff\ua000-\ud7ff\ue000-\uf8ff]")


def _split_implausible(data: bytes, segments: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    split = []
    for seg_start, seg_end, ok in segments:
        text = data[seg_start:seg_end].decode("utf-8") if ok else ""
        if not ok or not _IMPLAUSIBLE_FROM_TWO_BYTE.search(text):
            split.append((seg_start, seg_end, ok))
            continue
        offset = seg_start
        for ch in text:
            size = len(ch.encode("utf-8"))
            good = not _IMPLAUSIBLE_FROM_TWO_BYTE.match(ch)
            if split and split[-1][2] == good and split[-1][1] == offset:
                split[-1] = (split[-1][0], offset + size, good)
            else:
                split.append((offset, offset + size, good))
            offset += size
    return split


def _trim_unsupported_ends(region: str, tokens: list[list]) -> None:
    """Drop what no recovered character supports from both ends of a stretch:
    ASCII out (what a two-byte codec's trail bytes in correct text beside the
    mojibake turn into: 。 is A1 43 in Big5, and 43 is C), and then losses
    beyond it that are not the wrong decoder's own U+FFFD."""
    for end in (0, -1):
        exposed = False  # a loss is dropped only once ASCII beyond it was
        while tokens:
            text, start, stop = tokens[end]
            if text is None:
                edge = region[start] if end == 0 else region[stop - 1]
                if not exposed or edge == "\ufffd":
                    break
            elif not text.isascii():
                break
            exposed = True
            del tokens[end]


def _drop_orphaned_ascii_head(region: str, tokens: list[list], wrong: str) -> None:
    """A stretch that starts with a loss no U+FFFD marks, then ASCII that is
    the second byte of the lost character, starts inside correct text: the
    character is correct text beside the damage, its first byte taken for
    dropped and its second read alone (！ is 81 49 in Shift-JIS, and 49 is
    I).  Drop the ASCII and the loss; the character stays as it was."""
    losses = 0
    while losses < len(tokens) and tokens[losses][0] is None:
        losses += 1
    if not losses or losses == len(tokens):
        return
    if any("\ufffd" in region[t[1] : t[2]] for t in tokens[:losses]):
        return
    text, start, stop = tokens[losses]
    last_lost = region[tokens[losses - 1][2] - 1]
    try:
        data = _encode(last_lost, wrong)
    except UnicodeEncodeError:
        return
    if not (len(data) == 2 and text[:1] == chr(data[1]) and text[0].isascii()):
        return
    del tokens[:losses]
    if len(text) > 1:
        tokens[0] = [text[1:], start, stop]
    else:
        del tokens[0]


def _trim_lost_edges(region: str, tokens: list[list]) -> None:
    """A loss at the end of a stretch stops at the U+FFFD the wrong decoder
    left: characters after it that were only taken for the rest of the lost
    character, and read as likely text, are correct text beside the damage
    (鐤�。关 is 疫 lost, then 。关 as they were)."""
    table = class_table()
    # At the start, a loss the wrong decoder did not mark (taken for dropped
    # bytes) gives up likely characters too: 情防 before the mojibake.  One
    # that holds a U+FFFD keeps what it took (鏈� is 月 lost; 鏈 is real).
    if tokens and tokens[0][0] is None and "\ufffd" not in region[tokens[0][1] : tokens[0][2]]:
        token = tokens[0]
        while token[1] < token[2] and _class_of(table, region[token[1]]) >= PLAUSIBLE:
            token[1] += 1
        if token[1] >= token[2]:
            del tokens[0]
    if tokens and tokens[-1][0] is None:
        token = tokens[-1]
        while token[1] < token[2]:
            ch = region[token[2] - 1]
            if ch == "\ufffd" or _class_of(table, ch) < PLAUSIBLE:
                break
            token[2] -= 1
        if token[1] >= token[2]:
            del tokens[-1]


def _tail_of_lost(data: bytes, start: int, end: int, right: str) -> bool:
    """Whether bytes right after a loss are the rest of a lost character: in
    UTF-8, continuation bytes only (a correct character there would start
    with a lead byte)."""
    return right != "utf-8" or all(0x80 <= byte <= 0xBF for byte in data[start:end])


def _head_of_lost(data: bytes, start: int, end: int, right: str) -> bool:
    """Whether bytes right before a loss begin a lost character: in UTF-8, a
    lead byte and fewer continuation bytes than it needs, up to the loss."""
    if right != "utf-8":
        return True
    head = data[start:end]
    return end == len(data) and 0xC2 <= head[0] <= 0xF4 and all(0x80 <= b <= 0xBF for b in head[1:])


def _trim_edges(region: str, tokens: list[list], wrong: str, right: str) -> None:
    """Cut correct text a two-byte decoder re-decoded without error off both
    ends of a stretch (see ``_best_cut``)."""
    for end in (0, -1):
        if not tokens or tokens[end][0] is None:
            continue
        text, in_start, in_end = tokens[end]
        alone = len(tokens) == 1
        cut = _best_cut(
            region[in_start:in_end], wrong, text, right,
            keep_start=end == -1 and not alone, keep_end=end == 0 and not alone,
        )
        if cut == _UNALIGNED:
            continue
        if cut is None:
            del tokens[end]
            continue
        cut_in_start, cut_in_end, out_start, out_end = cut
        tokens[end] = [text[out_start:out_end], in_start + cut_in_start, in_start + cut_in_end]


def _dropped(data: bytes, start: int, end: int, segments: list, index: int, wrong: str) -> bool:
    """Whether a UTF-8 error is where a wrong decoder silently dropped bytes.

    A decoder run with errors="ignore" leaves no U+FFFD, only a cut sequence:
    a lead byte with some but not all of its continuation bytes (å‘ from
    E5 8F 91 less its 8F), or continuation bytes whose lead went.  A lone
    lead byte is no such evidence in single-byte mojibake (é in café is
    one).  It must stand beside recovered text.
    """
    cut = data[start:end]
    lead = cut[0]
    continuation = all(0x80 <= byte <= 0xBF for byte in cut[1:])
    truncated = 0xC2 <= lead <= 0xF4 and len(cut) >= 2 and continuation
    orphaned = 0x80 <= lead <= 0xBF and continuation and len(cut) <= 3
    # A lead byte alone, all its continuation bytes gone (第 is E7 AC AC):
    # from a two-byte codec's bytes, as good a sign as the others.
    lone = 0xC2 <= lead <= 0xF4 and len(cut) == 1 and wrong != SINGLE_BYTE
    if not (truncated or orphaned or lone):
        return False
    # A lone lead byte needs two whole characters recovered on either side.
    least = 6 if lone else 3
    beside = [
        0 <= k < len(segments) and segments[k][2] and segments[k][1] - segments[k][0] >= least
        for k in (index - 1, index + 1)
    ]
    # Orphaned continuation bytes are also what correct text beside the
    # mojibake looks like (，is A3 AC in GBK): only between recovered text.
    return all(beside) if orphaned or lone else any(beside)


def _next_bound(bounds: tuple[int, ...], offset: int) -> int:
    """The first character boundary at or after ``offset``."""
    k = bisect.bisect_left(bounds, offset)
    return bounds[k] if k < len(bounds) else bounds[-1] + 1


# For each wrong codec, a character it encodes to bytes no UTF-8 text can
# hold (0xF8-0xFF): standing in for a lost character (U+FFFD), it makes the
# UTF-8 decoder report a loss exactly there.
_LOSS_STAND_INS = {SINGLE_BYTE: "\xff", "gb18030": "\ue28b", "big5": "\u77d8", "cp932": "\ue697"}


def _bulk(
    region: str, wrong: str, right: str, losses_in: int, kernel: Kernel, known: _Known
) -> list[Stretch] | None:
    """The whole region decoded in one pass, or None when that is not exact.

    Whole texts and long spans of mojibake are the common case of real
    damage; decoding them in one C-speed pass is exact when every loss the
    right decoder finds stands where the wrong one already lost something:
    then there are no more runs of U+FFFD out than went in.  Anything else
    goes to the piece-by-piece ``_stretches``.
    """
    if losses_in and right != "utf-8":
        return None  # two-byte codecs may resume after a loss out of step
    damaged = _damaged_to_the_edges(region)
    if wrong != SINGLE_BYTE and right == "utf-8" and not damaged:
        # Correct Chinese beside the damage re-encodes with a two-byte codec
        # too, and its bytes pass for UTF-8 now and then (。 in Big5 is A1 43:
        # a loss and a "C"): the edges need the piece-by-piece trimming.
        return None
    if losses_in:
        region = region.replace("\ufffd", _LOSS_STAND_INS[wrong])
    try:
        data = kernel.encode_single_byte(region) if wrong == SINGLE_BYTE else _encode(region, wrong)
    except UnicodeEncodeError:
        return None
    text = kernel.collapse_losses(data.decode(right, "replace"))
    after = kernel.text_stats(text)
    # U+FFFD written as UTF-8 (EF BF BD) is a character, not a loss of this
    # layer: double-encoded text carries the first layer's losses that way.
    if after.losses > losses_in + (data.count(b"\xef\xbf\xbd") if right == "utf-8" else 0):
        return None
    # A loss at an end, where the input has a likely character, is correct
    # text beside the mojibake that did not decode: the region is wider than
    # the damage.
    table = class_table()
    for out_end, in_end in ((text[:1], region[:1]), (text[-1:], region[-1:])):
        if out_end == "\ufffd" != in_end and _class_of(table, in_end) >= PLAUSIBLE and not damaged:
            return None
    if right != "utf-8" and not damaged:
        # A two-byte decoder also turns correct text beside the mojibake into
        # other characters, without an error: keep the part that gains.
        return _gaining_part(region, wrong, text, right)
    known[id(text)] = (text, after)
    return [Stretch(0, len(region), text, wrong, right)]


def _damaged_to_the_edges(region: str) -> bool:
    """Whether the characters that say anything (not ASCII, not U+FFFD) at
    both ends of ``region`` read as unlikely ones, four at a time: mojibake
    from end to end, as a whole text read with the wrong codec is, not a
    span inside correct text.  (One alone can mislead: 鏈 is real, and
    common.)"""
    table = class_table()

    def first_four(chars) -> list[int]:
        found = []
        for ch in chars:
            if ch > "\x7f" and ch != "\ufffd":
                found.append(_class_of(table, ch))
                if len(found) == 4:
                    break
        return found

    head, tail = first_four(region), first_four(reversed(region))
    return bool(head) and sum(head) < PLAUSIBLE * len(head) and sum(tail) < PLAUSIBLE * len(tail)


def _byte_bounds(text: str, codec: str) -> list[int]:
    bounds = [0]
    if codec == SINGLE_BYTE:
        return list(range(len(text) + 1))
    for ch in text:
        bounds.append(bounds[-1] + len(_encode(ch, codec)))
    return bounds


_UNALIGNED = (-1, -1, -1, -1)


def _gaining_part(region: str, wrong: str, text: str, right: str) -> list[Stretch]:
    """The part of a whole-region re-decoding that gains in plausibility."""
    cut = _best_cut(region, wrong, text, right, keep_start=False, keep_end=False)
    if cut is None or cut == _UNALIGNED:
        return []
    in_start, in_end, out_start, out_end = cut
    return [Stretch(in_start, in_end, text[out_start:out_end], wrong, right)]


def _best_cut(
    region: str, wrong: str, text: str, right: str, keep_start: bool, keep_end: bool
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
        encoded, decoded = _encode(region, wrong), text.encode(right)
    except UnicodeEncodeError:
        return _UNALIGNED
    # A pinned end may sit inside a character whose other bytes went to a
    # loss next to it: those bytes are the region's, not the text's.
    shift = 0
    if encoded != decoded:
        if keep_start and not keep_end and encoded.endswith(decoded):
            shift = len(encoded) - len(decoded)
        elif not (keep_end and not keep_start and encoded.startswith(decoded)):
            return _UNALIGNED  # text is not the region re-decoded
    table = class_table()
    in_bounds = _byte_bounds(region, wrong)
    out_bounds = [bound + shift for bound in _byte_bounds(text, right)]
    if shift:
        in_bounds = [0] + [bound for bound in in_bounds if bound >= shift]
        out_bounds[0] = 0
    in_at = {offset: k for k, offset in enumerate(in_bounds)}
    # Cumulative gain at each boundary both sides share.
    shared: list[tuple[int, int, float]] = [(0, 0, 0.0)]  # (in index, out index, gain so far)
    total = 0.0
    for k, ch in enumerate(text):
        first = bisect.bisect_right(in_bounds, out_bounds[k]) - 1
        past = bisect.bisect_left(in_bounds, out_bounds[k + 1])
        # Against the mean of the characters it was made of: mojibake mixes
        # common punctuation in (闻 read as Windows-1252 is é—»).
        before = sum(_class_of(table, region[x]) for x in range(first, past)) / (past - first)
        # A character must gain clearly to be worth taking: 障 -> 毁 is a
        # common character for another, not a repair.
        total += _class_of(table, ch) - before - (EDGE_MARGIN if ch > "\x7f" else 0)
        if out_bounds[k + 1] in in_at:
            shared.append((in_at[out_bounds[k + 1]], k + 1, total))
    if shared[-1][1] != len(text):
        if not (keep_end and encoded.startswith(decoded)):
            return _UNALIGNED
        # The pinned end joins a loss, inside an input character: it is a
        # place to cut all the same.
        shared.append((len(region), len(text), total))
    last = len(shared) - 1
    best = None
    lowest = 0  # index of the lowest cumulative gain among the allowed starts
    for e in range(1, last + 1):
        if not keep_start and shared[e - 1][2] <= shared[lowest][2]:
            lowest = e - 1
        if keep_end and e != last:
            continue
        gain = shared[e][2] - shared[lowest][2]
        if best is None or gain > best[0]:
            best = (gain, shared[lowest], shared[e])
    if best is None or best[0] <= 0:
        return None
    _, start, end = best
    return start[0], end[0], start[1], end[1]


def _class_of(table: bytes, ch: str) -> int:
    cp = ord(ch)
    return table[cp] if 0x80 <= cp < 0x10000 else 0


# --- plausibility ---------------------------------------------------------------


class TextStats(NamedTuple):
    non_ascii: int  # characters outside ASCII, U+FFFD excepted
    class_sum: int  # sum of their frequency classes
    controls: int  # C0 (but tab and newlines) and C1 controls
    losses: int  # runs of U+FFFD
    single_byte: int  # characters a single-byte decoder makes (U+0080-U+00FF, CP1252_EXTRAS)
    wide: int  # other characters, U+FFFD excepted


class Kernel(NamedTuple):
    """The per-character loops a kernel module supplies to the shared repair."""

    find_regions: Callable[[str], list[tuple[int, int]]]
    text_stats: Callable[[str], TextStats]
    collapse_losses: Callable[[str], str]  # one U+FFFD for each run of them
    # The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    # these characters; UnicodeEncodeError for any other character.
    encode_single_byte: Callable[[str], bytes]
    # GBK and Big5 read as each other with losses, re-read in step
    # (``_mojibake_resync``): (region, wrong, right, margin, switch,
    # pin_start, pin_end) -> [(start, end, text)].
    resync: Callable[[str, str, str, int, int, bool, bool], list[tuple[int, int, str]]]


def plausible_gain(before: TextStats, after: TextStats) -> bool:
    """Whether ``after`` reads as far more likely text than ``before``."""
    if after.non_ascii < 2 or after.controls > before.controls:
        return False
    if after.losses - before.losses > after.non_ascii:
        return False  # more newly lost than recovered: no evidence of a repair
    mean_after = after.class_sum / after.non_ascii
    mean_before = before.class_sum / before.non_ascii if before.non_ascii else 0.0
    return _reads_well(after) and mean_after - mean_before >= 3.0


# --- the whole repair -----------------------------------------------------------


_Known = dict[int, tuple[str, TextStats]]


class Repair(NamedTuple):
    start: int
    end: int
    text: str
    encoding: str  # the codec the text really was in
    decoded_as: str  # the codec it was wrongly decoded with


def _codec_pairs(stats: TextStats) -> list[tuple[str, str]]:
    """(wrong, right) codec pairs that could have made the characters counted,
    UTF-8 first: it is the likeliest and its repairs are the surest.  Among
    the wrong codecs, the kind that made most of the characters first (a
    Latin-1 character or two in GBK-read UTF-8 are no reason to try it as
    Windows-1252 before GBK)."""
    wrong = []
    if stats.single_byte:
        wrong.append(SINGLE_BYTE)
    if stats.wide:
        wrong.extend(("gb18030", "big5", "cp932"))
        if stats.wide > stats.single_byte and wrong[0] == SINGLE_BYTE:
            wrong.append(wrong.pop(0))
    pairs = [(w, r) for w in wrong for r in _RIGHT_CODECS[w]]
    pairs.sort(key=lambda pair: pair[1] != "utf-8")
    return pairs


def repair_regions(
    text: str,
    regions: list[tuple[int, int]],
    kernel: Kernel,
    depth: int = 0,
) -> list[Repair]:
    """The repairs to make in ``text``, given the regions a scan found."""
    repairs: list[Repair] = []
    regions = _join_across_losses(text, regions)
    reach_end = 0  # where the previous region's reach stopped
    for index, (region_start, region_end) in enumerate(regions):
        region = text[region_start:region_end]
        # GBK and Big5 read as each other with losses are re-read over a
        # wider reach: the scan misses much of such text (it reads as real,
        # common characters: 中 in Big5 is い in GBK), and the re-reading
        # keeps whatever does not gain.
        reach_start = max(reach_end, region_start - LOSS_REACH)
        reach_end = min(
            regions[index + 1][0] if index + 1 < len(regions) else len(text), region_end + LOSS_REACH
        )
        reach = text[reach_start:reach_end]
        candidates: list[tuple[float, Repair]] = []
        region_stats = kernel.text_stats(region)
        # Statistics already computed, by id() of the text; the text is kept
        # with them, so that its id cannot be another's after it is freed.
        known: _Known = {id(region): (region, region_stats)}
        pairs = _codec_pairs(region_stats)
        if _out_of_step(region, region_stats):
            # GBK and Big5 read as each other first: when they settle it, the
            # rest is not worth a try.
            pairs.sort(key=lambda pair: SINGLE_BYTE in pair or "utf-8" in pair)
        for wrong, right in pairs:
            bulk = _bulk(region, wrong, right, region_stats.losses, kernel, known)
            if bulk is None:
                if region_stats.losses and wrong != SINGLE_BYTE and right != "utf-8":
                    # A whole text damaged to both ends is re-read from end to
                    # end, but where it starts or ends with a loss, which may
                    # be where the reading has to fall into step.
                    whole = reach_start == 0 and reach_end == len(text) and _damaged_to_the_edges(reach)
                    pins = (whole and reach[:1] != "\ufffd", whole and reach[-1:] != "\ufffd")
                    stretches = _resync_stretches(reach, wrong, right, *pins, kernel)
                    found = _judge(reach, reach_start, stretches, kernel, depth, known)
                    candidates.extend(found)
                    if sum(r.end - r.start for _, r in found) >= 0.8 * len(region):
                        break  # read back in step, nearly all of it: settled
                    continue
                bulk = _stretches(region, wrong, right)
            found = _judge(region, region_start, bulk, kernel, depth, known)
            candidates.extend(found)
            if right == "utf-8" and sum(r.end - r.start for _, r in found) >= 0.8 * len(region):
                break  # the region is UTF-8 that reads well, nearly all of it: settled
        # Heaviest first (UTF-8 repairs, self-checking, count half again);
        # keep those that do not overlap one kept already.
        candidates.sort(key=lambda c: (-c[0] * (1.5 if c[1].encoding == "utf-8" else 1.0), c[1].start))
        taken: list[Repair] = []
        for _, repair in candidates:
            if all(repair.end <= t.start or repair.start >= t.end for t in taken):
                taken.append(repair)
        repairs.extend(taken)
    repairs.sort(key=lambda r: r.start)
    return repairs


# A U+FFFD and then ASCII from @ to ~: the second byte of a GBK or Big5
# character whose first byte a two-byte decoder gave up (see find_regions).
_ORPHANED_TRAIL = re.compile("\ufffd[\x40-\x7e]")


def _out_of_step(region: str, stats: TextStats) -> bool:
    """Whether ``region`` looks like GBK and Big5 read as each other with
    losses: a quarter or more of its losses left an orphaned second byte
    (UTF-8 read as GBK hardly ever does: its second bytes are not ASCII)."""
    if stats.losses < 2 or not stats.wide:
        return False
    return 4 * len(_ORPHANED_TRAIL.findall(region)) >= stats.losses


# Regions closer than this, with a loss between them, are one region.
LOSS_BRIDGE = 24
# How far past a region with losses GBK and Big5 read as each other is sought.
LOSS_REACH = 96


def _join_across_losses(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join regions that a short stretch beside or holding a U+FFFD separates.

    Lossy mojibake is often scattered with characters that read as common
    (two-byte codecs read as each other give real characters, and a loss
    puts the reading out of step), so the scan finds it in pieces; but the
    bytes after a loss are only read right with the loss itself in view.
    """
    joined: list[tuple[int, int]] = []
    for start, end in regions:
        if (
            joined
            and start - joined[-1][1] <= LOSS_BRIDGE
            and "\ufffd" in text[joined[-1][0] : end]
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _judge(
    region: str,
    offset: int,
    stretches: list[Stretch],
    kernel: Kernel,
    depth: int,
    known: _Known,
) -> list[tuple[float, Repair]]:
    """The stretches worth making into repairs, each with its weight."""
    judged: list[tuple[float, Repair]] = []

    def stats(text: str) -> TextStats:
        found = known.get(id(text))
        if found is not None and found[0] is text:
            return found[1]
        return kernel.text_stats(text)

    for stretch in stretches:
        before = region[stretch.start : stretch.end]
        if stretch.wrong == SINGLE_BYTE:
            evidence = len(before) - before.count("\ufffd")
        else:
            evidence = stats(before).non_ascii  # U+FFFD apart
        if evidence < _least_evidence(stretch, before):
            continue
        after = stretch.text
        if after == before:
            continue
        layers = 1
        gain_after = stats(after)
        if (
            stretch.wrong == SINGLE_BYTE
            and stretch.right == "utf-8"
            and depth < 2
            and not _reads_well(gain_after)
        ):
            # Double encoding: the first layer off may be mojibake again.
            again = fix_with(after, kernel, depth + 1)
            if again is not after:
                after = again
                layers = 2
                gain_after = stats(after)
        if not plausible_gain(stats(before), gain_after):
            continue
        if stretch.right != "utf-8" and stretch.wrong != SINGLE_BYTE and not _reads_very_well(gain_after):
            continue  # GBK <-> Big5: no structure checked, so only clearly good text
        wrong = "windows-1252" if stretch.wrong == SINGLE_BYTE else _CODEC_NAMES[stretch.wrong]
        judged.append(
            (
                gain_after.class_sum,
                Repair(
                    offset + stretch.start,
                    offset + stretch.end,
                    after,
                    _CODEC_NAMES[stretch.right],
                    " then ".join([wrong] * layers),
                ),
            )
        )
    return judged


def _least_evidence(stretch: Stretch, before: str) -> int:
    """How many characters (non-ASCII ones, for multi-byte wrong decoders) a
    repair must span to be believed.

    UTF-8 is self-checking: a re-decoding that holds is evidence from three
    characters on (never one or two: 発 -> 逃 looks like a gain).  GBK and
    Big5 accept almost any byte pair, so one read as the other always
    "decodes": without structure to check, only a longer run is evidence
    (classical text is full of rare characters that re-decode as common
    ones: 觴爵醪 -> 乱里馬).  Unless the losses show the structure: two
    second bytes orphaned by a loss (亦推お�G�u亥 is 亦推云... read as GBK)
    are what only a two-byte decoder out of step leaves.
    """
    if stretch.right == "utf-8" or stretch.wrong == SINGLE_BYTE:
        return 3
    return LEAST_TWO_BYTE_EVIDENCE if len(_ORPHANED_TRAIL.findall(before)) >= 2 else 6


PLAUSIBLE = 7  # the mean class of text that reads well
LEAST_TWO_BYTE_EVIDENCE = 4  # with two orphaned second bytes in view
EDGE_MARGIN = 1  # how much a character out must gain over those it replaces


def _reads_very_well(stats: TextStats) -> bool:
    """The bar for a re-decoding nothing structural vouches for: text made of
    GBK's UTF-8 mojibake (浣 娴 瑙, real if uncommon characters) reads as
    middling; real text reads better than that."""
    return stats.non_ascii > 0 and stats.class_sum >= (PLAUSIBLE + 2) * stats.non_ascii


def _reads_well(stats: TextStats) -> bool:
    return stats.non_ascii > 0 and stats.class_sum >= PLAUSIBLE * stats.non_ascii


def apply(text: str, repairs: list[Repair]) -> str:
    if not repairs:
        return text
    pieces = []
    cursor = 0
    for repair in repairs:
        pieces.append(text[cursor : repair.start])
        pieces.append(repair.text)
        cursor = repair.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# Repairs can uncover more: two kinds of mojibake side by side compete for
# one region, and the loser is found again once the winner is repaired.
MAX_PASSES = 4


def fix_with(text: str, kernel: Kernel, depth: int = 0) -> str:
    """``fix_mojibake`` with a kernel's loops: repair until nothing is left."""
    for _ in range(MAX_PASSES if depth == 0 else 1):
        regions = kernel.find_regions(text)
        if not regions:
            break
        repaired = apply(text, repair_regions(text, regions, kernel, depth))
        if repaired is text:
            break
        text = repaired
    return text


def check_text(text: object, name: str) -> None:
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() expects str, not {type(text).__name__}; "
            "to repair bytes, decode them first (data.decode('utf-8', 'replace') keeps every "
            "character that survives)"
        )


def report(text: str, kernel: Kernel) -> list[MojibakeFinding]:
    """``mojibake_report`` with a kernel's loops."""
    check_text(text, "mojibake_report")
    findings = [
        MojibakeFinding("repaired", r.start, r.end, text[r.start : r.end], r.text, r.encoding, r.decoded_as)
        for r in repair_regions(text, kernel.find_regions(text), kernel)
    ]
    for start, end, kind in find_losses(text):
        findings.append(MojibakeFinding("loss", start, end, text[start:end], None, None, LOSS_KINDS[kind]))
    findings.sort(key=lambda f: (f.start, f.kind))
    return findings


# --- loss that cannot be undone -------------------------------------------------

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_LOSS_MARKERS = re.compile(
    "(?P<kunjinkao>(?:锟斤拷)+)"  # U+FFFD U+FFFD as UTF-8, read as GBK
    "|(?P<tang>烫{3,})"  # 0xCC filler (MSVC uninitialised stack) read as GBK
    "|(?P<tun>屯{3,})"  # 0xCD filler (MSVC uninitialised heap) read as GBK
    "|(?P<replacement>\ufffd+)"  # a decoder's replacement characters
    f"|(?P<question>(?<=[{_CJK}])\\?{{2,}}|\\?{{2,}}(?=[{_CJK}]))"  # an encoder's '?' for what it could not write
)
LOSS_KINDS = {
    "kunjinkao": "U+FFFD encoded as UTF-8 and read as GBK (锟斤拷)",
    "tang": "uninitialised memory (0xCC) shown as GBK (烫)",
    "tun": "uninitialised memory (0xCD) shown as GBK (屯)",
    "replacement": "characters a decoder replaced with U+FFFD",
    "question": "characters an encoder replaced with '?'",
}


def find_losses(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in _LOSS_MARKERS.finditer(text)]
