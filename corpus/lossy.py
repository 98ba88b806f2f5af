"""What a perfect repair of lossy mojibake is, worked out from the bytes.

Shared by the case generator and the tests: decode as a wrong decoder would,
recording which byte ranges it lost; then the expected repair is every
original character whose bytes all survived, with one U+FFFD for each run
of characters that lost a byte.  Standard library only.
"""
from __future__ import annotations

import codecs
import threading

_state = threading.local()
# The five bytes Windows-1252 leaves undefined; browsers map them to C1 controls.
_WHATWG_C1 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def _record(exc: UnicodeDecodeError) -> tuple[str, int]:
    _state.lost.append((exc.start, exc.end))
    return ("\ufffd" if _state.mode == "replace" else ""), exc.end


codecs.register_error("corpus.lossy", _record)


def wrong_decode(data: bytes, codec: str, errors: str = "replace") -> tuple[str, list[tuple[int, int]]]:
    """Decode ``data`` as the wrong decoder ``codec`` would (``cp1252-whatwg``
    for the browsers' Windows-1252); return the text and the byte ranges lost."""
    if codec == "cp1252-whatwg":
        return "".join(chr(b) if b in _WHATWG_C1 else bytes([b]).decode("cp1252") for b in data), []
    _state.lost = []
    _state.mode = errors
    text = data.decode(codec, "corpus.lossy")
    return text, list(_state.lost)


def expected_repair(original: str, right: str, lost: list[tuple[int, int]]) -> str:
    """``original`` with each run of characters that lost a byte as one U+FFFD."""
    out: list[str] = []
    offset = 0
    for ch in original:
        size = len(ch.encode(right))
        if any(start < offset + size and end > offset for start, end in lost):
            if not out or out[-1] != "\ufffd":
                out.append("\ufffd")
        else:
            out.append(ch)
        offset += size
    return "".join(out)
