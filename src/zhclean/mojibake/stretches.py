"""Decoding a region piece by piece with the right codec, around its losses.

The careful path: where the whole region does not decode in one pass
(``bulk``), it is split into pieces the wrong codec can have made, each
piece decoded with the right codec recording where it fails, and every
stretch that decodes is kept with one U+FFFD for each run of lost
characters, then trimmed of correct text at its ends (``trims``).
"""
from __future__ import annotations

import bisect
import unicodedata
from itertools import accumulate, compress
from typing import TYPE_CHECKING, NamedTuple

from .._lazy import LazyPattern
from ..pinyin.tables import MARKED_LETTERS
from .charsets import (
    CP1252_EXTRAS,
    HYBRID,
    SINGLE_BYTE,
    SINGLE_BYTE_CODECS,
    decode_recording,
    decode_strict,
)
from .cuts import char_bytes, encode
from .records import Stretch
from .score import least_evidence_at_least
from .structure import around, breaks, unmistakable_utf8
from .tables import LOST_UTF8_EDGE, foreign_letters
from .trims import (
    cut_before_utf8,
    drop_orphaned_ascii_head,
    drop_worse_tail_after_loss,
    release_marked_tail,
    trim_edges,
    trim_lost_edges,
    trim_unsupported_ends,
)

if TYPE_CHECKING:
    from ._loops import Loops


class _Piece(NamedTuple):
    """A run of region characters that all encode with the wrong codec."""

    start: int  # index in the region of the first character
    data: bytes
    bounds: tuple[int, ...]  # byte offset of each character boundary, len(chars)+1
    gap_before: int  # how many U+FFFD stand just before it (lost characters)
    gap_after: int  # how many just after it


# The bytes of recovered text a drop of bytes needs beside it (a character
# of three bytes; a lone lead byte needs twice as many: see _dropped).
DROPPED_BESIDE = 3

# UTF-8's continuation bytes (for bytes.translate: a piece of them deleted is empty).
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))

# Runs of U+FFFD (gaps) apart from runs of other characters no single-byte
# decoder makes (breaks).
_NOT_SINGLE_BYTE = LazyPattern(f"\ufffd+|[^\x00-\xff\ufffd{CP1252_EXTRAS}]+")


# A character's byte count -> 1 where the wrong decoder cannot have made it.
_UNMADE_TWO_BYTE = bytes(0 if 0 < n <= 2 else 1 for n in range(256))
_UNMADE_HYBRID = bytes(0 if 0 < n <= 4 else 1 for n in range(256))


def _pieces(region: str, codec: str, right: str, loops: Loops) -> list[_Piece]:
    """Split ``region`` into encodable pieces, at U+FFFD (gaps) and at characters
    the wrong codec cannot have produced (breaks: for UTF-8 read by a
    two-byte decoder, a word of a script other than Latin too).  A piece of
    ASCII alone between two breaks is left out: it decodes to itself."""
    # (start, end) of each run of characters that cannot be encoded.
    if codec == SINGLE_BYTE:
        bad = [(m.start(), m.end()) for m in _NOT_SINGLE_BYTE.finditer(region)]
        if right != "utf-8":  # letters listed, quotes: no GBK or Big5 pairs (structure)
            bad = _joined(bad, breaks(region, odd=True, mixture=False))
        parts = None
    else:
        parts = char_bytes(region, codec, loops)
        lengths = bytes(map(len, [part or b"" for part in parts]))  # a character's bytes are 1 to 4
        # Nothing a two-byte decoder made: no bytes, or a four-byte GB18030
        # code (the crawlers' mixture reads up to four bytes of UTF-8 as one).
        unmade = _UNMADE_HYBRID if codec == HYBRID else _UNMADE_TWO_BYTE
        bad = []
        for k in compress(range(len(lengths)), lengths.translate(unmade)):
            if bad and bad[-1][1] == k and (region[k] == "\ufffd") == (region[k - 1] == "\ufffd"):
                bad[-1] = (bad[-1][0], k + 1)
            else:
                bad.append((k, k + 1))
        if codec == HYBRID:
            bad = _joined(bad, breaks(region, odd=False, mixture=True))
        elif right == "utf-8" and codec not in SINGLE_BYTE_CODECS:
            # A word of a script other than Latin is the text's own: UTF-8
            # read by a two-byte decoder makes none (tables.foreign_letters;
            # the screen's tests break there too).  荳ｭ逧абв, UTF-8 read
            # as Shift-JIS beside a Russian word, had come out 中的pбв.  (The
            # Cyrillic code pages make words of their letters: their own.)
            bad = _joined(bad, foreign_letters(region))
    pos = 0
    spans = []  # (start, end, gap_before, gap_after) of each piece
    gap_before = 0
    for bad_start, bad_end in bad + [(len(region), len(region))]:
        lost = region[bad_start:bad_end]
        gap = len(lost) if lost and lost.count("\ufffd") == len(lost) else 0
        if bad_start > pos:
            spans.append((pos, bad_start, gap_before, gap))
        gap_before = gap
        pos = bad_end
    pieces = []
    for k, (start, end, gap_before, gap_after) in enumerate(spans):
        chunk = region[start:end]
        # ASCII alone between two breaks decodes to itself with every codec:
        # nothing to repair (Greek text read as Windows-1252 is a piece
        # between every two letters).  Not right before a gap: a piece that
        # ends at a loss makes one stretch with it and the piece after.
        if not (gap_before or gap_after or (k + 1 < len(spans) and spans[k + 1][2])) and chunk.isascii():
            continue
        if parts is None:
            data = encode(chunk, codec, loops)
            bounds = tuple(range(len(chunk) + 1))
        else:
            data = b"".join(parts[start:end])  # type: ignore[arg-type]  # no None between bad runs
            bounds = tuple(accumulate(lengths[start:end], initial=0))
        pieces.append(_Piece(start, data, bounds, gap_before, gap_after))
    return pieces


def _joined(bad: list[tuple[int, int]], more: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs ``bad`` and ``more`` (each sorted), as sorted, disjoint runs:
    those that overlap as one (runs that touch stay apart: a gap of lost
    characters is a run of its own)."""
    if not more:
        return bad
    joined: list[tuple[int, int]] = []
    for start, end in sorted(bad + more):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _unit_start(data: bytes, offset: int, codec: str) -> bool:
    """Whether a character of ``codec`` can start at ``offset`` of ``data``."""
    if codec == "utf-8":
        return offset >= len(data) or not 0x80 <= data[offset] <= 0xBF
    return True  # two-byte codecs: checked by decoding


def _resumed(data: bytes, right: str, gap_after: bool, loops: Loops) -> tuple[int, str, list[tuple[int, int]]]:
    """Where decoding resumes in a piece that follows lost bytes, and
    ``decode_recording`` of the bytes from there (the ranking decoded them
    already: the piece's reading is the same call).

    A two-byte decoder that met a bad pair may have lost just the lead byte
    (Python's CJK codecs always do; browsers do when the trail is ASCII), so
    the piece can start with an orphaned trail byte: 發�G了 is Big5 read as
    GBK, where G (0x47) is the second byte of the lost 佈.  Start where the
    bytes decode with fewer errors; on a tie, an ASCII-range byte right after
    a loss is taken for a trail.
    """
    if right == "utf-8" or not data:
        return (0, *decode_recording(data, right))
    readings = []
    for skip in (0, 1):
        text, errors = decode_recording(data[skip:], right)
        # A character cut short by the next loss is no evidence.
        counted = [e for e in errors if e[1] < len(data) - skip] if gap_after else errors
        readings.append((len(counted), skip, text, errors))
    (errors_in, _, text_in, _), (errors_out, _, text_out, _) = readings
    # Fewer errors first, then the likelier characters, then a trail byte.
    # (The characters are weighed only where the errors tie: a piece of
    # the crawlers' mixture after each of its losses, 1,252 pieces of a
    # 148,813-character region, had weighed both readings, 9 of 13 ms.)
    if errors_in != errors_out:
        skip = 0 if errors_in < errors_out else 1
    else:
        # (score.class_sum's sum, from the loops' one pass in C.)
        weight_in, weight_out = loops.text_stats(text_in).class_sum, loops.text_stats(text_out).class_sum
        if weight_in != weight_out:
            skip = 0 if weight_in > weight_out else 1
        else:
            skip = 1 if 0x40 <= data[0] <= 0x7E else 0
    return readings[skip][1:]


def stretches(region: str, wrong: str, right: str, loops: Loops) -> list[Stretch]:
    """Every maximal stretch of ``region`` that decodes with ``right``.

    Lost characters inside a stretch become one U+FFFD each run of them.
    """
    edge = LOST_UTF8_EDGE if right == "utf-8" else 1  # bytes of a lost character a gap may leave
    # The fewest characters of its input (not ASCII, not lost) a stretch needs
    # for the judge; none for the single-byte decoders, whose repairs the
    # judge may believe for their form alone.
    least = 0 if wrong in SINGLE_BYTE_CODECS else least_evidence_at_least(wrong, right)
    result: list[Stretch] = []
    tokens: list[list] = []  # [text or None for a loss, input start, input end]
    # What the trims made of each distinct stretch (its input characters and
    # its tokens, placed from its start): the text kept and where it stands,
    # or None.  Read from a two-byte codec, the trims look at nothing but the
    # stretch's own input (from a single-byte decoder, its form and the
    # characters around it: not kept).  '鍙戝竷的是了' * 41,667 is 13,889
    # stretches 鍙戝竷, each trimmed alike: 0.68 of 1.18 s.
    trimmed: dict[tuple[str, tuple[tuple[str | None, int, int], ...]], tuple[str | None, int, int]] = {}
    keep_trimmed = wrong not in SINGLE_BYTE_CODECS

    def close() -> None:
        nonlocal tokens
        if not tokens:
            return  # most calls: between two errors, nothing was kept
        if not any(token[0] for token in tokens):
            tokens = []  # only losses, or nothing: no trim can make it text
            return
        first = tokens[0][1]
        if keep_trimmed:
            key = (region[first : tokens[-1][2]], tuple((t[0], t[1] - first, t[2] - first) for t in tokens))
            found = trimmed.get(key)
            if found is not None:
                if found[0] is not None:
                    result.append(Stretch(first + found[1], first + found[2], found[0], wrong, right))
                tokens = []
                return
            trimmed[key] = (None, 0, 0)  # (until the trims leave text)
        if least and loops.text_stats(region[first : tokens[-1][2]]).non_ascii < least:
            # Too short for the judge whatever the trims cut (they only cut).
            tokens = []
            return
        # Correct text beside the mojibake can re-decode without an error
        # (always with a two-byte codec; with UTF-8 where bytes were dropped):
        # cut what does not gain off both ends.  Not UTF-8 read by a
        # single-byte decoder whose form alone proves it: the frequency
        # model would cut text of scripts it knows nothing of (cafÃ© is café).
        if not (wrong in SINGLE_BYTE_CODECS and right == "utf-8" and _proven_by_form(region, tokens, wrong, loops)):
            trim_edges(region, tokens, wrong, right, loops)
        drop_orphaned_ascii_head(region, tokens, wrong, loops)
        cut_before_utf8(region, tokens, wrong, right, loops)
        drop_worse_tail_after_loss(region, tokens, wrong)
        trim_lost_edges(region, tokens)
        trim_unsupported_ends(region, tokens)
        release_marked_tail(region, tokens, wrong, right, loops)
        if any(token[0] for token in tokens):
            text = "".join("\ufffd" if t[0] is None else t[0] for t in tokens)
            text = loops.collapse_losses(text)
            result.append(Stretch(tokens[0][1], tokens[-1][2], text, wrong, right))
            if keep_trimmed:
                trimmed[key] = (text, tokens[0][1] - first, tokens[-1][2] - first)
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
    utf8 = right == "utf-8"
    # Each distinct piece's segments and which of its errors are losses, by
    # its bytes and whether gaps stand before and after it: a text repeats
    # its damage (alternating, 83,000 characters of one region, 4,653 pieces
    # read in 0.25 MB, most of them many times over: 0.5 of its 1.3 s).
    analysed: dict[tuple[bytes, bool, bool], tuple[list[tuple[int, int, bool]], list[bool]]] = {}
    for base, data, bounds, gap_before, gap_after in _pieces(region, wrong, right, loops):
        if base - gap_before != previous_end:
            # Characters the wrong codec cannot have made stand between: the
            # text's own, never taken into a loss after them (蟄ｦ们�谿ｵ, UTF-8
            # read as Shift-JIS with 们 between it and a loss, had lost 们).
            close()
        if gap_before:
            add(None, base - gap_before, base)
        previous_end = base + len(bounds) - 1
        # A piece's segments and losses depend on its bytes and the gaps
        # beside it alone: worked out once for each distinct piece (see
        # ``analysed``).
        key = (data, bool(gap_before), bool(gap_after))
        found = analysed.get(key)
        if found is None:
            if gap_before:
                skip, decoded, errors = _resumed(data, right, bool(gap_after), loops)
            else:
                skip = 0
                decoded, errors = decode_recording(data, right)
            if skip:
                errors = [(0, skip)] + [(a + skip, b + skip) for a, b in errors]
            segments: list[tuple[int, int, bool]] = []
            cursor = 0
            for err_start, err_end in errors:
                if err_start > cursor:
                    segments.append((cursor, err_start, True))
                segments.append((err_start, err_end, False))
                cursor = err_end
            if cursor < len(data):
                segments.append((cursor, len(data), True))
            # (The segments that decode are what ``decoded`` holds between its
            # errors' U+FFFD: where it holds nothing implausible, none of them
            # needs splitting.)
            if utf8 and wrong not in SINGLE_BYTE_CODECS and _IMPLAUSIBLE_FROM_TWO_BYTE.search(decoded):
                segments = _split_implausible(data, segments)
            if utf8 and wrong in SINGLE_BYTE_CODECS:
                segments = _question_marks_lost(data, segments)
            # An error is a loss (absorbed into the U+FFFD the wrong decoder left)
            # when it is the remnant of a character cut by that loss.
            lost = _losses(data, segments, skip, edge, bool(gap_before), bool(gap_after), wrong, right)
            found = analysed[key] = (segments, lost)
        segments, lost = found
        for index, (seg_start, seg_end, ok) in enumerate(segments):
            if not ok:
                if lost[index]:
                    add(None, base + bisect.bisect_right(bounds, seg_start) - 1, base + bisect.bisect_left(bounds, seg_end))
                elif tokens:  # (close() of no tokens does nothing: most errors)
                    close()
                continue
            first_char = bisect.bisect_right(bounds, seg_start) - 1
            # Next to a loss a segment may start or end inside an input
            # character (the rest of it is in the loss); next to text that
            # stays, it must meet it at a character boundary.
            loss_left = bool(tokens) and tokens[-1][0] is None and tokens[-1][2] >= base + first_char
            loss_right = (index + 1 < len(segments) and lost[index + 1]) or (index + 1 == len(segments) and gap_after)
            a = seg_start
            if not loss_left:
                a = _next_bound(bounds, seg_start)
                while a < seg_end and not _unit_start(data, a, right):
                    a = _next_bound(bounds, a + 1)
            b = seg_end
            text = None
            while b > a:
                if loss_right and b == seg_end:
                    text = decode_strict(data[a:b], right)
                else:
                    k = bisect.bisect_left(bounds, b)
                    if k < len(bounds) and bounds[k] == b:
                        text = decode_strict(data[a:b], right)
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
        if gap_after:
            add(None, previous_end, previous_end + gap_after)
    close()
    return result


# Two-byte UTF-8 sequences (U+0080-U+07FF) are also what GBK, Big5 and
# Shift-JIS pairs of correct Chinese look like when read as UTF-8 (为 is
# CE AA, Greek Ϊ in UTF-8).  From text re-encoded with a two-byte codec, a
# character past Latin-1 that is not a small marked letter of pinyin
# (``pinyin.tables.MARKED_LETTERS``: ā ǎ ǜ ǹ ă...; Latin Extended, IPA,
# Greek, Cyrillic, Hebrew, Arabic...) is taken for such a pair, not for
# recovered text (省起 in Shift-JIS after a loss, 8F C8 8B 4E, reads as a
# lost byte, ȋ and N; 弄 in GBK after one, a lost byte and Ū); so are the
# three-byte ones Chinese text does not hold but correct text beside the
# damage makes when its bytes join the mojibake's (Indic to Greek Extended,
# Yi, Hangul, private use: 中投的 in Big5 after a loss reads as a Hangul
# syllable).
_PINYIN_SMALL = frozenset(
    chr(cp) for cp in MARKED_LETTERS
    if cp >= 0x100 and chr(cp).islower() and len(unicodedata.normalize("NFD", chr(cp))) > 1
)


def _past_latin1_but_pinyin() -> str:
    """U+0100-U+1FFF without ``_PINYIN_SMALL``, as the ranges between them
    (a class of 8,000 single characters cost 4-8 ms of every import)."""
    ranges, low = [], 0x100
    for cp in sorted(map(ord, _PINYIN_SMALL)) + [0x2000]:
        if low < cp:
            ranges.append(f"{chr(low)}-{chr(cp - 1)}")
        low = cp + 1
    return "".join(ranges)


_IMPLAUSIBLE_FROM_TWO_BYTE = LazyPattern(f"[{_past_latin1_but_pinyin()}\ua000-\ud7ff\ue000-\uf8ff]")


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


def _proven_by_form(region: str, tokens: list[list], wrong: str, loops: Loops) -> bool:
    """Whether the stretch the tokens make, none of them a loss, is UTF-8
    read by a single-byte decoder by its form alone."""
    if not tokens or any(token[0] is None for token in tokens):
        return False
    start, end = tokens[0][1], tokens[-1][2]
    before = region[start:end]
    after = "".join("\ufffd" if t[0] is None else t[0] for t in tokens)
    # (Where spaces are stripped, they stand between the stretch and its neighbours.)
    beside = around(region, start, end) if before == before.strip() else "  "
    return unmistakable_utf8(before.strip(), after.strip(), loops, wrong, around=beside) > 0


def _question_marks_lost(data: bytes, segments: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """A sequence cut short and then a question mark: the encoder that wrote
    the text wrote ? for the bytes it could not (â€? is a curly quote whose
    last byte became ?); the ? belongs to the loss."""
    merged: list[tuple[int, int, bool]] = []
    carry = 0
    for seg_start, seg_end, ok in segments:
        seg_start += carry
        carry = 0
        if seg_start >= seg_end:
            continue
        if (
            not ok
            and data[seg_end : seg_end + 1] == b"?"
            and 0xE0 <= data[seg_start] <= 0xF4
            and all(0x80 <= byte <= 0xBF for byte in data[seg_start + 1 : seg_end])
        ):
            seg_end += 1
            carry = 1
        merged.append((seg_start, seg_end, ok))
    return merged


def _losses(
    data: bytes, segments: list[tuple[int, int, bool]], skip: int, edge: int, gap_before: bool, gap_after: bool,
    wrong: str, right: str,
) -> list[bool]:
    """For each segment of a piece's ``data``, whether it is an error that is
    a loss: the rest of a character cut by the gap before the piece (within
    ``edge`` bytes of where decoding resumed, ``skip``), the head of one cut
    by the gap after it (within ``edge`` bytes of its end), or in UTF-8 where
    the wrong decoder dropped bytes (``_dropped``).  Only the errors that can
    be are looked at: those within reach of a gap, and those beside a
    segment of recovered text of DROPPED_BESIDE bytes or more, which every
    drop asks for (most errors stand among errors: correct text beside the
    mojibake, re-encoded)."""
    lost = [False] * len(segments)
    if gap_before:
        for index, (start, end, ok) in enumerate(segments):  # (the segments follow each other)
            if end > edge + skip:
                break
            lost[index] = not ok and _tail_of_lost(data, start, end, right)
    if gap_after:
        for index in range(len(segments) - 1, -1, -1):
            start, end, ok = segments[index]
            if start < len(data) - edge:
                break
            lost[index] = lost[index] or (not ok and _head_of_lost(data, start, end, right))
    if right == "utf-8":
        beside = [index for index, (start, end, ok) in enumerate(segments) if ok and end - start >= DROPPED_BESIDE]
        for index in beside:
            for k in (index - 1, index + 1):
                if 0 <= k < len(segments) and not segments[k][2] and not lost[k]:
                    lost[k] = _dropped(data, segments[k][0], segments[k][1], segments, k, wrong)
    return lost


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


def _dropped(data: bytes, start: int, end: int, segments: list, index: int, wrong: str) -> bool:
    """Whether a UTF-8 error is where a wrong decoder silently dropped bytes.

    A decoder run with errors="ignore" leaves no U+FFFD, only a cut sequence:
    a lead byte with some but not all of its continuation bytes (å‘ from
    E5 8F 91 less its 8F), or continuation bytes whose lead went.  A lone
    lead byte is no such evidence in single-byte mojibake (é in café is
    one).  It must stand beside recovered text.
    """
    lead = data[start]
    size = end - start
    # The bytes after the first all continuation bytes (deleted, none is left).
    continuation = not data[start + 1 : end].translate(None, _CONTINUATION_BYTES)
    truncated = 0xC2 <= lead <= 0xF4 and size >= 2 and continuation
    # Continuation bytes whose lead went: no single-byte decoder drops a lead
    # byte (C2-F4 are all defined), so there they are characters of their own
    # (l’Ã©galité: the ’ is 92 between two recovered stretches).
    orphaned = 0x80 <= lead <= 0xBF and continuation and size <= 3 and wrong not in SINGLE_BYTE_CODECS
    # A lead byte alone, all its continuation bytes gone (第 is E7 AC AC):
    # from a two-byte codec's bytes, as good a sign as the others.
    lone = 0xC2 <= lead <= 0xF4 and size == 1 and wrong not in SINGLE_BYTE_CODECS
    if not (truncated or orphaned or lone):
        return False
    # A lone lead byte needs two whole characters recovered on either side.
    least = 2 * DROPPED_BESIDE if lone else DROPPED_BESIDE
    left = index > 0 and segments[index - 1][2] and segments[index - 1][1] - segments[index - 1][0] >= least
    right = index + 1 < len(segments) and segments[index + 1][2] and segments[index + 1][1] - segments[index + 1][0] >= least
    # Orphaned continuation bytes are also what correct text beside the
    # mojibake looks like (，is A3 AC in GBK): only between recovered text.
    return bool(left and right) if orphaned or lone else bool(left or right)


def _next_bound(bounds: tuple[int, ...], offset: int) -> int:
    """The first character boundary at or after ``offset``."""
    k = bisect.bisect_left(bounds, offset)
    return bounds[k] if k < len(bounds) else bounds[-1] + 1
