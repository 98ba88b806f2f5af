"""Bytes to text: the input's codec, ``--encoding auto``, byte order marks, and
decoding errors placed at their byte offset.

Detection (``auto``) reads the first ``SNIFF_BYTES`` of an input:

1. a byte order mark says UTF-8, UTF-16 or UTF-32 (and is not text);
2. otherwise UTF-8 when those bytes are valid UTF-8 (ASCII included):
   Chinese in GBK or Big5 is practically never valid UTF-8 beyond a few
   characters, so this is the one strong test;
3. otherwise GB18030 (a superset of GBK and GB2312) or Big5 (``cp950``):
   the one that decodes, and when both do, the one whose characters are more
   common by the frequency classes the mojibake repair reads text with (Big5
   read as GBK, and GBK read as Big5, are made of rare characters).

Its limits: UTF-16 and UTF-32 without a byte order mark are not detected;
a short text (a few characters) in GBK or Big5 can be taken for the other;
a file whose first 64 KiB are plain ASCII is UTF-8, and a GBK byte after
that is then an error (at its offset) rather than a change of mind; other
codecs (Shift-JIS, EUC-KR, Latin-1) are not candidates.  Name the codec
with ``-e`` whenever it is known.
"""
from __future__ import annotations

import codecs
from typing import Literal, Optional, Union, overload

from .errors import InputError

__all__ = ["DecodeFailure", "Decoder", "failure_message", "resolve", "SNIFF_BYTES"]

# How much of an input auto detection reads before deciding: enough for a
# few thousand characters of evidence, little enough to cost nothing.
SNIFF_BYTES = 64 * 1024
# Byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Codecs whose own decoder reads (and drops) a byte order mark.
_BOM_CODECS = ("utf-16", "utf-32")
# The two-byte candidates of auto detection.
_CANDIDATES = ("gb18030", "cp950")


def resolve(encoding: str) -> str:
    """The canonical name of a text codec, or ``"auto"``; ValueError otherwise."""
    if encoding.lower() == "auto":
        return "auto"
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{encoding!r} is not a text encoding")
    return "utf-8" if info.name == "utf-8-sig" else info.name


class DecodeFailure(InputError):
    """Bytes that do not decode; ``text`` is what decoded before them."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


def failure_message(name: str, encoding: str, at: int, reason: str) -> str:
    """What is said of bytes that do not decode at byte offset ``at`` of an input."""
    return f"{name}: not valid {encoding} at byte {at} ({reason})"


def _valid_prefix(head: bytes, codec: str, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(head, final)
    except UnicodeDecodeError:
        return False
    return True


def _commonness(text: str) -> float:
    """The mean frequency class of ``text``'s non-ASCII BMP characters."""
    from ..mojibake.tables import class_table

    table = class_table()
    classes = [table[cp] for cp in map(ord, text) if 0x80 <= cp < 0x10000]
    return sum(classes) / len(classes) if classes else 0.0


def detect(head: bytes, final: bool) -> Optional[str]:
    """The codec of an input that starts with ``head`` (None: cannot tell)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if _valid_prefix(head, "utf-8", final):
        return "utf-8"
    scored = []
    for codec in _CANDIDATES:
        try:
            text = codecs.getincrementaldecoder(codec)("strict").decode(head, final)
        except UnicodeDecodeError:
            continue
        scored.append((_commonness(text), codec))
    return max(scored)[1] if scored else None


class Decoder:
    """Incremental decoding of one input, with its codec, BOM and offsets.

    ``decode(data, final)`` returns the text of the bytes so far (holding
    back an incomplete character, and, for ``auto``, the first
    ``SNIFF_BYTES`` until it has decided); with ``raw`` (UTF-8 only), the
    bytes themselves, undecoded, from after a byte order mark.
    ``lossless`` tells whether the UTF-8 output of the text could be the
    very bytes read: no BOM, and UTF-8 or ASCII only.
    """

    def __init__(self, encoding: str, name: str) -> None:
        self.encoding = encoding  # "auto" until decided
        self.name = name
        self.bom = False
        self.skipped = 0  # bytes at the start that are not text (a byte order mark read by this class)
        self._decoder: Optional[codecs.IncrementalDecoder] = None
        self._head = b""  # held until the codec and the BOM are known
        self._fed = 0  # bytes given to self._decoder, from the start of the input
        self._ascii_only = True
        self._text_started = False  # whether text has come out yet (a U+FEFF first is a byte order mark)

    @property
    def lossless(self) -> bool:
        return not self.bom and (self.encoding == "utf-8" or self._ascii_only)

    @overload
    def decode(self, data: bytes, final: bool = ..., raw: Literal[False] = ...) -> str: ...
    @overload
    def decode(self, data: bytes, final: bool, raw: Literal[True]) -> bytes: ...
    @overload
    def decode(self, data: bytes, final: bool = ..., raw: bool = ...) -> Union[str, bytes]: ...

    def decode(self, data: bytes, final: bool = False, raw: bool = False) -> Union[str, bytes]:
        if self._decoder is None:
            self._head += data
            wanted = SNIFF_BYTES if self.encoding == "auto" else 4
            if len(self._head) < wanted and not final:
                return b"" if raw else ""
            data, self._head = self._head, b""
            self._start(data, final)
            if self.encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
                self._fed = self.skipped = len(codecs.BOM_UTF8)
        if raw:
            assert self.encoding == "utf-8", "only UTF-8 is cut into runs of lines undecoded"
            return data
        if self._ascii_only and self.encoding != "utf-8" and not data.isascii():
            self._ascii_only = False
        return self._started(self._feed(data, final))

    def _started(self, text: str) -> str:
        """``text``, the next the input gives, less a byte order mark the
        codec decoded as a character where it is the first (UTF-16LE named
        with its order, GB18030's 84 31 95 33): the output has none,
        whatever the steps (--no-invisible kept it)."""
        if self._text_started or not text:
            return text
        self._text_started = True
        if text.startswith("\ufeff"):
            self.bom = True
            return text[1:]
        return text

    def _start(self, head: bytes, final: bool) -> None:
        if self.encoding == "auto":
            codec = detect(head, final)
            if codec is None:
                raise InputError(
                    f"{self.name}: cannot tell the encoding (not UTF-8, GB18030, Big5, or UTF-16/32 with a "
                    "byte order mark); name it with -e"
                )
            self.encoding = codec
        if self.encoding == "utf-8":
            self.bom = head.startswith(codecs.BOM_UTF8)
        elif self.encoding in _BOM_CODECS:
            self.bom = any(head.startswith(bom) for bom, codec in _BOMS if codec == self.encoding)
        if "a\n".encode(self.encoding) != b"a\n":
            self._ascii_only = False  # not ASCII-compatible: never the same bytes
        self._decoder = codecs.getincrementaldecoder(self.encoding)("strict")

    def _feed(self, data: bytes, final: bool) -> str:
        decoder = self._decoder
        assert decoder is not None
        state = decoder.getstate()
        pending = len(state[0])
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as error:
            # error.start counts from the bytes the decoder held back.
            at = self._fed - pending + error.start
            decoder.setstate(state)
            try:
                before = decoder.decode(data[: max(0, error.start - pending)])
            except UnicodeDecodeError:
                before = ""
            before = self._started(before)
            raise DecodeFailure(failure_message(self.name, self.encoding, at, error.reason), before) from None
        self._fed += len(data)
        return text
