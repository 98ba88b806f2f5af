"""What a perfect repair of lossy mojibake is, worked out from the bytes.

Shared by the case generator and the tests: decode as a wrong decoder would,
recording which byte ranges it lost; then the expected repair is every
original character whose bytes all survived, with one U+FFFD for each run
of characters that lost a byte.  Standard library only, independent of zhclean.

The wrong decoders (``wrong_decode(data, codec)``):

- any Python codec (``gbk``, ``big5``, ``kz1048``, ``ptcp154``...), whose error
  ranges are recorded as reported (Python's CJK decoders report one byte per
  error: the lead; the next byte is read again);
- ``cp1252-whatwg``: the browsers' windows-1252, undefined bytes as C1 controls;
- ``whatwg-gbk`` (= ``whatwg-gb18030``): the WHATWG gb18030 decoder, which every
  browser uses for the labels gbk, gb2312, gb18030...; ``whatwg-big5``: the WHATWG
  Big5 decoder (Big5-HKSCS based); both follow the standard's algorithms, with
  Python's ``gb18030`` / ``big5hkscs`` for the index and ``whatwg/deltas.json`` for
  the pairs where the standard's index differs (see ``corpus/whatwg/README.md``);
- ``cp936``: Windows code page 936 (``MultiByteToWideChar``): Python's ``gbk``
  plus 0x80 -> U+20AC, 0xFF -> U+F8F5 and the user-defined areas -> private use;
- ``hybrid-latin-1``, ``hybrid-cp1252``, ``hybrid-cp1252-whatwg``: the crawler
  hybrid, UTF-8 wherever a well-formed sequence starts and one byte at a time
  in the fallback codec everywhere else (``hybrid_decode``).

What "lost" means, decoder by decoder: the bytes an error consumed.  Python's
codecs: the range of each ``UnicodeDecodeError`` (one byte for a CJK lead).
WHATWG decoders: a lead with an ASCII byte after it that makes no pair loses
the lead only (the ASCII byte is read again); a lead with a non-ASCII byte that
makes no pair loses both (one U+FFFD for two bytes); a gb18030 four-byte
attempt that breaks off loses its first byte only (the rest is read again),
one that completes on an unassigned pointer loses all four; a lead at the end
of the input loses itself and whatever was pending after it.  The hybrid with
Latin-1 or browsers' windows-1252 loses nothing; with Python's strict
windows-1252 it loses each of the five undefined bytes it meets.
"""
from __future__ import annotations

import codecs
import functools
import json
import pathlib
import threading

_state = threading.local()
# The five bytes Windows-1252 leaves undefined; browsers map them to C1 controls.
_WHATWG_C1 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_DELTAS = pathlib.Path(__file__).resolve().parent / "whatwg" / "deltas.json"
# Windows cp936's user-defined areas, which MultiByteToWideChar maps to private
# use exactly as GB18030 does (AAA1-AFFE -> U+E000.., F8A1-FEFE -> U+E234..,
# A140-A7A0 -> U+E4C6..U+E765); Python's gbk rejects them.
_EUDC = ((0xAA, 0xAF, 0xA1, 0xFE), (0xF8, 0xFE, 0xA1, 0xFE), (0xA1, 0xA7, 0x40, 0xA0))
# Windows cp936 single bytes Python's gbk rejects (0xFF measured on Windows 7).
_CP936_SINGLE = {0x80: "\u20ac", 0xFF: "\uf8f5"}



def encodable(text: str, codec: str) -> bool:
    """Whether ``codec`` can write ``text``."""
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True

def _record(exc: UnicodeDecodeError) -> tuple[str, int]:
    _state.lost.append((exc.start, exc.end))
    return ("\ufffd" if _state.mode == "replace" else ""), exc.end


def _record_cp936(exc: UnicodeDecodeError) -> tuple[str, int]:
    data, start = exc.object, exc.start
    if data[start] in _CP936_SINGLE:
        return _CP936_SINGLE[data[start]], start + 1
    if start + 1 < len(data):
        lead, trail = data[start], data[start + 1]
        if any(lo <= lead <= hi and t_lo <= trail <= t_hi and trail != 0x7F for lo, hi, t_lo, t_hi in _EUDC):
            return bytes([lead, trail]).decode("gb18030"), start + 2
    return _record(exc)


codecs.register_error("corpus.lossy", _record)
codecs.register_error("corpus.lossy-cp936", _record_cp936)


@functools.lru_cache(maxsize=None)
def _deltas() -> dict:
    with _DELTAS.open(encoding="utf-8") as stream:
        return json.load(stream)


def _pair_table(codec: str, deltas: dict, trails: tuple[range, ...]) -> dict[int, str]:
    table = {}
    for lead in range(0x81, 0xFF):
        for trail_range in trails:
            for trail in trail_range:
                key = lead << 8 | trail
                if f"{key:04X}" in deltas:
                    table[key] = "".join(chr(int(code, 16)) for code in deltas[f"{key:04X}"].split())
                    continue
                try:
                    table[key] = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    pass
    return table


@functools.lru_cache(maxsize=None)
def _gb18030_pairs() -> dict[int, str]:
    """Index gb18030 as a map from the two bytes to the character."""
    deltas = _deltas()["gb18030_vs_python_gb18030"]["two_byte"]
    return _pair_table("gb18030", deltas, (range(0x40, 0x7F), range(0x80, 0xFF)))


@functools.lru_cache(maxsize=None)
def _big5_pairs() -> dict[int, str]:
    """Index Big5 (with the four two-code-point pointers) from the two bytes."""
    deltas = _deltas()["big5_vs_python_big5hkscs"]
    return _pair_table("big5hkscs", deltas, (range(0x40, 0x7F), range(0xA1, 0xFF)))


def _gb18030_four(data: bytes) -> str | None:
    """The index gb18030 ranges code point of four bytes, or None."""
    b1, b2, b3, b4 = data
    pointer = (b1 - 0x81) * 12600 + (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30)
    if 39419 < pointer < 189000 or pointer > 1237575:
        return None
    special = _deltas()["gb18030_vs_python_gb18030"]["four_byte"].get(data.hex().upper())
    if special:
        return chr(int(special, 16))
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:  # the generator checked this cannot happen
        return None


def whatwg_gb18030_decode(data: bytes, errors: str = "replace") -> tuple[str, list[tuple[int, int]]]:
    """The WHATWG gb18030 decoder (also the one for the label ``gbk``)."""
    pairs = _gb18030_pairs()
    out: list[str] = []
    lost: list[tuple[int, int]] = []
    i, n = 0, len(data)

    def error(start: int, end: int) -> None:
        lost.append((start, end))
        if errors == "replace":
            out.append("\ufffd")

    while i < n:
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte == 0x80:
            out.append("\u20ac")
            i += 1
        elif byte == 0xFF:
            error(i, i + 1)
            i += 1
        elif i + 1 >= n:
            error(i, n)
            i = n
        elif 0x30 <= data[i + 1] <= 0x39:
            # Four-byte form: third byte 0x81-0xFE, fourth 0x30-0x39.
            if i + 2 >= n:
                error(i, n)
                i = n
            elif not 0x81 <= data[i + 2] <= 0xFE:
                error(i, i + 1)  # second and third bytes are read again
                i += 1
            elif i + 3 >= n:
                error(i, n)
                i = n
            elif not 0x30 <= data[i + 3] <= 0x39:
                error(i, i + 1)
                i += 1
            else:
                char = _gb18030_four(data[i:i + 4])
                if char is None:
                    error(i, i + 4)
                else:
                    out.append(char)
                i += 4
        else:
            trail = data[i + 1]
            char = pairs.get(byte << 8 | trail)
            if char is not None:
                out.append(char)
                i += 2
            elif trail < 0x80:
                error(i, i + 1)
                i += 1
            else:
                error(i, i + 2)
                i += 2
    return "".join(out), lost


def whatwg_big5_decode(data: bytes, errors: str = "replace") -> tuple[str, list[tuple[int, int]]]:
    """The WHATWG Big5 decoder (Big5-HKSCS based index, every lead 0x81-0xFE)."""
    pairs = _big5_pairs()
    out: list[str] = []
    lost: list[tuple[int, int]] = []
    i, n = 0, len(data)

    def error(start: int, end: int) -> None:
        lost.append((start, end))
        if errors == "replace":
            out.append("\ufffd")

    while i < n:
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte in (0x80, 0xFF):
            error(i, i + 1)
            i += 1
        elif i + 1 >= n:
            error(i, n)
            i = n
        else:
            trail = data[i + 1]
            char = pairs.get(byte << 8 | trail)
            if char is not None:
                out.append(char)
                i += 2
            elif trail < 0x80:
                error(i, i + 1)
                i += 1
            else:
                error(i, i + 2)
                i += 2
    return "".join(out), lost


def _fallback(byte: int, codec: str) -> str | None:
    if codec == "latin-1":
        return chr(byte)
    if codec == "cp1252-whatwg" and byte in _WHATWG_C1:
        return chr(byte)
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return None


def hybrid_decode(
    data: bytes, fallback: str = "latin-1", boundaries: tuple[int, ...] = (), errors: str = "replace"
) -> tuple[str, list[tuple[int, int]]]:
    """The crawler hybrid: at each byte, a well-formed UTF-8 sequence (of 2-4
    bytes, as Python's strict UTF-8 decoder accepts it) that starts there is
    decoded as UTF-8; any other byte is decoded alone by ``fallback``
    (``latin-1``, ``cp1252`` = Python's, losing its 5 undefined bytes, or
    ``cp1252-whatwg``).  Greedy, left to right.  ``boundaries``: byte offsets
    where the crawler's buffers were cut; no sequence is read across one."""
    out: list[str] = []
    lost: list[tuple[int, int]] = []
    cuts = sorted(boundaries)
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        size = 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 4 if 0xF0 <= byte <= 0xF4 else 0
        limit = next((cut for cut in cuts if cut > i), n)
        if size and i + size <= limit:
            try:
                out.append(data[i:i + size].decode("utf-8"))
                i += size
                continue
            except UnicodeDecodeError:
                pass
        char = _fallback(byte, fallback)
        if char is None:
            lost.append((i, i + 1))
            char = "\ufffd" if errors == "replace" else ""
        out.append(char)
        i += 1
    return "".join(out), lost


def wrong_decode(data: bytes, codec: str, errors: str = "replace") -> tuple[str, list[tuple[int, int]]]:
    """Decode ``data`` as the wrong decoder ``codec`` would (see the module
    docstring for the names); return the text and the byte ranges lost."""
    if codec == "cp1252-whatwg":
        return "".join(chr(b) if b in _WHATWG_C1 else bytes([b]).decode("cp1252") for b in data), []
    if codec in ("whatwg-gbk", "whatwg-gb18030"):
        return whatwg_gb18030_decode(data, errors)
    if codec == "whatwg-big5":
        return whatwg_big5_decode(data, errors)
    if codec.startswith("hybrid-"):
        return hybrid_decode(data, codec[len("hybrid-"):], errors=errors)
    _state.lost = []
    _state.mode = errors
    if codec == "cp936":
        return data.decode("gbk", "corpus.lossy-cp936"), list(_state.lost)
    text = data.decode(codec, "corpus.lossy")
    return text, list(_state.lost)


def survivors(original: str, right: str, lost: list[tuple[int, int]]) -> list[bool]:
    """For each character of ``original`` (encoded in ``right``): did all its bytes survive?"""
    kept = []
    offset = 0
    for ch in original:
        size = len(ch.encode(right))
        kept.append(not any(start < offset + size and end > offset for start, end in lost))
        offset += size
    return kept


def expected_repair(original: str, right: str, lost: list[tuple[int, int]]) -> str:
    """``original`` with each run of characters that lost a byte as one U+FFFD."""
    out: list[str] = []
    for ch, kept in zip(original, survivors(original, right, lost)):
        if kept:
            out.append(ch)
        elif not out or out[-1] != "\ufffd":
            out.append("\ufffd")
    return "".join(out)


def parse_family(family: str) -> tuple[str, str, str]:
    """``"utf-8->gbk(ignore)"`` -> ``("utf-8", "gbk", "ignore")``; one wrong decoder only."""
    errors = "ignore" if family.endswith("(ignore)") else "replace"
    right, _, wrong = family.removesuffix("(ignore)").partition("->")
    if not wrong or "->" in wrong:
        raise ValueError(f"not a one-decoder family: {family!r}")
    return right, wrong, errors


def recoverable_limit(original: str, family: str) -> dict:
    """What the surviving bytes allow when ``original`` goes through ``family``
    (``right->wrong``): ``characters`` (of the original), ``recoverable`` (those
    whose bytes all survived: Python's CJK decoders replace exactly one byte per
    U+FFFD and the WHATWG ones one or two, so every surviving byte's position
    is known and each such character can come back exactly), ``lost_bytes``,
    and ``expected`` (the perfect repair).  The limit of a figure is
    ``recoverable / characters``; a repair is measured against ``recoverable``."""
    right, wrong, errors = parse_family(family)
    data = original.encode(right)
    _, lost = wrong_decode(data, wrong, errors)
    kept = survivors(original, right, lost)
    return {
        "characters": len(original),
        "recoverable": sum(kept),
        "lost_bytes": sum(end - start for start, end in lost),
        "expected": expected_repair(original, right, lost),
    }


def case_limit(case: dict) -> tuple[int, int] | None:
    """(recoverable, characters) of a generated case: its stored ``limit``
    (cases of ``new_families.jsonl``), else recomputed for a whole-text case of a
    one-decoder family; None where it cannot be known (older span cases)."""
    if "limit" in case:
        return case["limit"]["recoverable"], case["limit"]["characters"]
    if case.get("scope") == "whole":
        try:
            limit = recoverable_limit(case["original"], case["family"])
        except (ValueError, LookupError):
            return None
        return limit["recoverable"], limit["characters"]
    return None
