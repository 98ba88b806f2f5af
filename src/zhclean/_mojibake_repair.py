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

# Python's strict cp1252 cannot decode these bytes; browsers keep them as C1
# controls.  Either way, re-encoding maps the control back to its byte.
_C1 = {cp: bytes([cp]) for cp in range(0x80, 0xA0)}


def _single_byte_encode_error(exc: UnicodeEncodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start : exc.end]:
        cp = ord(ch)
        if 0x80 <= cp <= 0x9F:
            out.append(cp)
        else:
            raise exc
    return bytes(out), exc.end


codecs.register_error("zhclean.c1", _single_byte_encode_error)

_errors = threading.local()


def _record_decode_error(exc: UnicodeDecodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _errors.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("zhclean.record", _record_decode_error)


def _encode(text: str, codec: str) -> bytes:
    if codec == SINGLE_BYTE:
        return text.encode("cp1252", "zhclean.c1")
    return text.encode(codec)


# --- the byte stream of a region ----------------------------------------------


class _Piece(NamedTuple):
    """A run of region characters that all encode with the wrong codec."""

    start: int  # index in the region of the first character
    data: bytes
    bounds: tuple[int, ...]  # byte offset of each character boundary, len(chars)+1
    gap_before: int  # how many U+FFFD stand just before it (lost characters)
    gap_after: int  # how many just after it


_NOT_SINGLE_BYTE = re.compile(f"[^\x00-\xff{CP1252_EXTRAS}]+")


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
                if bad and bad[-1][1] == k:
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
    best = None
    for skip in (0, 1):
        text, errors = _decode_recording(data[skip:], right)
        if gap_after:  # a character cut short by the next loss is no evidence
            errors = [e for e in errors if e[1] < len(data) - skip]
        # Fewer errors first, then the likelier characters, then a trail byte.
        rank = (len(errors), -_class_sum(text), -(skip == 1 and 0x40 <= data[0] <= 0x7E))
        if best is None or rank < best[0]:
            best = (rank, skip)
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
        if any(token[0] for token in tokens):
            text = "".join("\ufffd" if t[0] is None else t[0] for t in tokens)
            text = _LOSS_RUN.sub("\ufffd", text)
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
        # An error is a loss (absorbed into the U+FFFD the wrong decoder left)
        # when it is the remnant of a character cut by that loss.
        lost = [
            not ok
            and (
                (piece.gap_before and seg_end <= edge + skip)
                or (piece.gap_after and seg_start >= len(data) - edge)
            )
            for seg_start, seg_end, ok in segments
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


_LOSS_RUN = re.compile("\ufffd+")


def _next_bound(bounds: tuple[int, ...], offset: int) -> int:
    """The first character boundary at or after ``offset``."""
    k = bisect.bisect_left(bounds, offset)
    return bounds[k] if k < len(bounds) else bounds[-1] + 1


# --- plausibility ---------------------------------------------------------------


class TextStats(NamedTuple):
    non_ascii: int  # characters outside ASCII, U+FFFD excepted
    class_sum: int  # sum of their frequency classes
    controls: int  # C0 (but tab and newlines) and C1 controls
    losses: int  # U+FFFD


def plausible_gain(before: TextStats, after: TextStats) -> bool:
    """Whether ``after`` reads as far more likely text than ``before``."""
    if after.non_ascii < 2 or after.controls > before.controls:
        return False
    if after.losses > after.non_ascii:
        return False  # more lost than recovered: no evidence of a repair
    mean_after = after.class_sum / after.non_ascii
    mean_before = before.class_sum / before.non_ascii if before.non_ascii else 0.0
    return mean_after >= 7.0 and mean_after - mean_before >= 3.0


# --- the whole repair -----------------------------------------------------------


class Repair(NamedTuple):
    start: int
    end: int
    text: str
    encoding: str  # the codec the text really was in
    decoded_as: str  # the codec it was wrongly decoded with


def _wrong_codecs(region: str) -> list[str]:
    wrong = []
    if any(ord(ch) in _SINGLE_BYTE_CHARS for ch in region):
        wrong.append(SINGLE_BYTE)
    if any(ord(ch) >= 0x100 and ch != "\ufffd" and ord(ch) not in _SINGLE_BYTE_CHARS for ch in region):
        wrong.extend(("gb18030", "big5", "cp932"))
    return wrong


def repair_regions(
    text: str,
    regions: list[tuple[int, int]],
    stats: Callable[[str], TextStats],
    depth: int = 0,
) -> list[Repair]:
    """The repairs to make in ``text``, given the regions a scan found."""
    repairs: list[Repair] = []
    for region_start, region_end in regions:
        region = text[region_start:region_end]
        candidates = []
        for wrong in _wrong_codecs(region):
            for right in _RIGHT_CODECS[wrong]:
                for stretch in _stretches(region, wrong, right):
                    if stretch.end - stretch.start < 3:
                        continue
                    before = region[stretch.start : stretch.end]
                    after = stretch.text
                    layers = [_CODEC_NAMES[right]]
                    if wrong == SINGLE_BYTE and right == "utf-8" and depth < 2:
                        # Double encoding: the first layer off may be mojibake again.
                        again = fix_with(after, stats, depth + 1)
                        if again is not after:
                            after = again
                            layers.append("utf-8")
                    gain_before, gain_after = stats(before), stats(after)
                    if not plausible_gain(gain_before, gain_after):
                        continue
                    mean = gain_after.class_sum / gain_after.non_ascii
                    candidates.append(
                        (
                            mean * gain_after.non_ascii,
                            Repair(
                                region_start + stretch.start,
                                region_start + stretch.end,
                                after,
                                _CODEC_NAMES[right],
                                " then ".join(["windows-1252" if wrong == SINGLE_BYTE else _CODEC_NAMES[wrong]] * len(layers)),
                            ),
                        )
                    )
        # Best first; keep those that do not overlap one kept already.
        candidates.sort(key=lambda c: (-c[0], c[1].start))
        taken: list[Repair] = []
        for _, repair in candidates:
            if all(repair.end <= t.start or repair.start >= t.end for t in taken):
                taken.append(repair)
        repairs.extend(taken)
    repairs.sort(key=lambda r: r.start)
    return repairs


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


# Each kernel module registers its scan for its statistics function, so
# that a second layer of double encoding is found with the same scan.
_scanners: dict[Callable, Callable] = {}


def fix_with(text: str, stats: Callable[[str], TextStats], depth: int = 0) -> str:
    scan = _scanners[stats]
    regions = scan(text)
    if not regions:
        return text
    return apply(text, repair_regions(text, regions, stats, depth))


def check_text(text: object, name: str) -> None:
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() expects str, not {type(text).__name__}; "
            "to repair bytes, decode them first (data.decode('utf-8', 'replace') keeps every "
            "character that survives)"
        )


def report(text: str, stats: Callable[[str], TextStats]) -> list[MojibakeFinding]:
    """The findings of ``mojibake_report``, with a kernel's scan and statistics."""
    check_text(text, "mojibake_report")
    scan = _scanners[stats]
    findings = [
        MojibakeFinding("repaired", r.start, r.end, text[r.start : r.end], r.text, r.encoding, r.decoded_as)
        for r in repair_regions(text, scan(text), stats)
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
