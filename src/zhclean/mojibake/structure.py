"""What the form of a stretch proves, whatever its characters' frequencies.

The frequency model (``score``) knows Chinese; text in other scripts is
unattested there and would read as a "gain" turned into any Chinese at all
(correct Greek re-read as Big5, ``TroisiÃ¨me`` as ``Troisi猫me``).  These
tests decide from structure instead:

* UTF-8 is self-checking.  Characters a single-byte decoder made whose
  bytes form valid multi-byte UTF-8 from end to end are UTF-8 read wrongly,
  in any script (``Î•Î»Î»Î·Î½Î¹ÎºÎ¬`` is ``Ελληνικά``); they are never read as
  GBK or Big5, and some sequences prove it alone (``Ã©``, ``ï¼Œ``).
* Words of an alphabetic script (Greek, Cyrillic, Hebrew, Arabic, Thai,
  Hangul, Latin beyond Latin-1) are real text: no two-byte re-reading may
  consume one.  European words (Latin-1 letters beside ASCII letters:
  ``élèves``) are no GBK read as Latin-1 either: that is made of pairs of
  high bytes, with an ASCII letter only for the rare second byte below 0x80.
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from .charsets import (
    CHOSEN_BY_NEIGHBOURS,
    CODE_PAGES,
    CP1252_EXTRAS,
    SINGLE_BYTE,
    SINGLE_BYTE_CODECS,
    SINGLE_BYTE_MAP,
    encode_gb,
)
from .cuts import char_bytes, encode, joined
from .._lazy import Lazy, LazyPattern
from ..chars import CharTable, first_astral, holds
from ..pinyin.tables import CIRCUMFLEX, DIAERESIS, MARKED_LETTERS, TONE_MARKS, reading_tables
from .tables import (
    CONTINUATION,
    EUROPEAN_SHARE,
    FOREIGN_SCRIPTS,
    FOREIGN_WORD_LEAST,
    LATIN_LETTERS,
    LATIN_PAST_LATIN1,
    LEAD,
    LEAD_OF_TWO,
    OWN_GUILLEMETS,
    OWN_QUOTES,
    PAIR_SECOND_LOW,
    PLAIN_LATIN1,
    PLAUSIBLE,
    class_table,
    scan_table,
    word_pairs,
)

if TYPE_CHECKING:
    from ._loops import Loops

# A GBK <-> Big5 re-reading of Han characters alone, fewer than this, must
# hold a word (two characters side by side that stand together in one:
# tables.word_pairs).  Lists of characters ordered by their codes, strokes or
# radicals re-read as lists of common ones with no word and no punctuation:
# hanziconv's table of Traditional characters came out
# 網維綫緒綜红糊后猾画滑婚摻, zhconv's 糴糶糹糺糾紀紂約紅紆紇紈紉 came out
# 寬寫履嶝幟廢廟廣廠彈影德徵, vertical punctuation ︐︑︒︓︔︕ came out 肌自臣至臼舌.
# Of windows of twelve Han characters of real text, none of the news pages'
# held no word, 0.4% of the Wikipedia text's, 4% of Gutenberg's vernacular
# and 16% of Wikisource's classical text; of windows of twenty, none.  (With
# punctuation counted too, classical text lost repairs: 望層城，丹樓如霞。
# holds no word.)
CHARACTER_LIST_BELOW = 20

__all__ = [
    "kana_made",
    "UTF8_RUN",
    "utf8_run",
    "UTF8_REGION",
    "completions",
    "european_words",
    "foreign_words",
    "leftover_utf8",
    "letter_listing",
    "breaks",
    "forget_breaks",
    "listing_runs",
    "own_characters",
    "stray_single_bytes",
    "unmistakable_utf8",
    "utf8_proofs",
    "utf8_share",
    "utf8_share_of",
    "japanese_kana",
    "between_ascii_letters",
    "latin_letters",
    "mixture_words",
    "spaced_words",
    "box_drawing",
    "tone_numbers",
    "letters_alone",
    "around",
]

# A run of characters a single-byte decoder makes, at the end.
_SINGLE_BYTE_TAIL = LazyPattern(f"[\x00-\xff{CP1252_EXTRAS}]+\\Z")
# The characters a single-byte decoder makes of UTF-8's continuation bytes
# (80-BF), in runs.
_CONTINUATION_CLASS = "[" + "".join(re.escape(chr(cp)) for cp, byte in SINGLE_BYTE_MAP.items() if 0x80 <= byte <= 0xBF) + "]"
_CONTINUATION_CHARACTERS = LazyPattern(_CONTINUATION_CLASS + "+")
_SINGLE_BYTE_CHAR = LazyPattern(f"[\x80-\xff{CP1252_EXTRAS}]")

# Words of alphabetic scripts outside Latin-1 and CJK (tables.FOREIGN_SCRIPTS):
# three letters or more of one script in a row.  (Big5 read as GBK makes a Greek or Cyrillic
# letter now and then, and two side by side: 我 is A7 DA in Big5, и in GBK;
# but of one script, three in a row, it hardly ever does.)
# (Three letters of any of them first, a class scanned for in C; the eight
# scripts looked back at only where they stand.)
_FOREIGN_WORD = LazyPattern(
    f"[{''.join(FOREIGN_SCRIPTS)}]{{{FOREIGN_WORD_LEAST}}}(?<="
    + "|".join(f"[{letters}]{{{FOREIGN_WORD_LEAST}}}" for letters in FOREIGN_SCRIPTS)
    + ")"
)
# The three letters of one script in a row that make a foreign word also
# come by chance from the bytes of long mojibake (ȫȻŸ: the crawlers' GBK
# mixture, once in 19,000 characters of Gutenberg, and the whole page was
# left): a long stretch needs one in this many characters.
FOREIGN_WORD_SPAN = 1000
# How many sequences of UTF-8 read by a single-byte decoder a region must
# hold, and twice its stray characters, for those strays not to bar a lone
# sequence's proof (stray_single_bytes).
STRAYS_OUTWEIGHED = 3
# How far either side of a stretch its text is read for those sequences
# (the scan makes a region of each cluster of them; a sentence or two).
STRAYS_REACH = 200
# How far before and after a stretch mixture_words looks for the word it
# touches: a word is a few letters, and the pattern runs at C speed.
MIXTURE_WORD_REACH = 32
# The share of a stretch's characters past ASCII that such words must hold:
# all of a word glued to a short stretch (ží” of svěží”), a few of a page.
MIXTURE_WORD_SHARE = 0.5
# The breaks (listing_runs and own_characters) of the last region of this
# many characters or more asked for, per thread: a region read as the
# crawlers' mixture or GBK and Big5 read as Latin-1 is read whole (bulk),
# then piece by piece (stretches), and each asks for them (148,813
# characters of the mixture: 6.3 ms each time).  Forgotten when a repair is
# done (forget_breaks), so that no text outlives its call; a shorter region
# costs little to ask again.
BREAKS_KEPT_FROM = 256
_BREAKS = threading.local()
# The words between spaces that spaced_words asks for: two (one is as often
# an English word inside Chinese, with the characters glued to it).
SPACED_WORDS_LEAST = 2
# Kana in Japanese proportions (japanese_kana): the least of them, and their
# share of the non-ASCII characters.  Big5 read as GBK makes kana of the
# Big5 characters whose bytes fall on GBK's kana (A4A1-A4F3, A5A1-A5F6):
# 0.4 of its characters in 1,000 on the Traditional texts here (102 runs
# of three kana or more in 261,792 characters); Japanese is half kana or
# more (every Japanese line of the gettext catalogues that Big5 re-read had
# 4 kana in 6 characters or more).
# How many single Greek or Cyrillic letters make a list of them (letters_alone).
LETTERS_ALONE_LEAST = 2
# The longest run of superscript digits taken for tone numbers (tone_numbers):
# Chao's numbers are one to three digits (⁵, ²¹, ²¹⁴).
TONE_RUN_MOST = 3
# One, with neither neighbour a letter (of any script) or a digit.
_LETTER_ALONE = LazyPattern("(?<![^\\W_])[\u0370-\u03ff\u0400-\u052f](?![^\\W_])")
# Any such letter, alone or not: a search for a class alone is 4-5 times
# as fast as one with the neighbours looked at around each character
# (1.2 -> 0.25 ms on 20,000 characters of Gutenberg), and nearly every
# stretch judged holds fewer than LETTERS_ALONE_LEAST of them, or (Big5
# read as GBK, whose rows A6 and A7 are Greek and Cyrillic) too few to be
# half its characters.
_LETTER = LazyPattern("[\u0370-\u03ff\u0400-\u052f]")
KANA_LEAST = 3
KANA_SHARE = 0.5
_KANA = LazyPattern("[\u3041-\u309f\u30a0-\u30ff]")
_NOT_JAPANESE = LazyPattern("[\u3041\u3043\u3045\u3047\u3049\u0370-\u03ff\u0400-\u04ff]")
# A stretch whose non-ASCII characters are this share or more the letters of
# pinyin words (tónɡ, ɡònɡ'xū'biɑ̀n: GBK writes pinyin's letters, A8 A1-C0)
# is the text's own romanisation, not GBK read as Big5 or as the crawlers'
# mixture: 重(tónɡ) came out 重(t車n阱), 變(ɡònɡ'xū'biɑ̀n)化 came out
# 變(伞貌n伞'x奴'biɑ̀n)化.  A quarter, as for European words: one pinyin word
# inside a page-long stretch of real damage does not bar its repair.
PINYIN_SHARE = 0.25

# The share of a region's high bytes (as a single-byte decoder read them)
# that must belong to well-formed UTF-8 sequences for the region to be UTF-8
# read wrongly: text of any script read as Latin-1 is nearly all of it
# (Bulgarian with one loss: 0.95; Hindi 0.9), GBK or Big5 read as Latin-1 a
# third at most (its pairs look like UTF-8 where a lead byte C2-DF meets a
# second byte A1-BF: 识 is CA B6).
UTF8_REGION = 0.75
_CONTINUATIONS = bytes(range(0x80, 0xC0))
_HIGH_BYTES = bytes(range(0x80, 0x100))
# The bytes that open a sequence: in bytes that decode as UTF-8, each one
# opens exactly one of _SEQUENCE's matches, so counting them counts those.
_LEAD_BYTES = bytes(range(0xC0, 0x100))
# A sequence cut short at the end of a piece, by a loss after it.
_CUT_SHORT = re.compile(b"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2})\\Z")
_SEQUENCE = re.compile(b"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Those of three or four bytes: a lead of one is never inside a sequence of
# two, so they are the same matches as _SEQUENCE's of that length.
_LONG_SEQUENCE = re.compile(b"[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Each byte as its part in _SEQUENCE: a lead of two, three or four bytes, a
# continuation, or neither.  A lead opens a match exactly when the bytes
# after it are its continuations (no match holds a lead inside it), so the
# bytes of all matches are counted by three substring counts, at memory
# speed (findall ran at 10 MB/s on GBK read as Big5: a tenth of the repair).
_SEQUENCE_PARTS = bytes(
    ord("2") if 0xC2 <= b <= 0xDF else ord("3") if 0xE0 <= b <= 0xEF else ord("4") if 0xF0 <= b <= 0xF4
    else ord("c") if 0x80 <= b <= 0xBF else ord(".")
    for b in range(256)
)


def _sequence_bytes(data: bytes) -> int:
    """The bytes of ``data`` inside _SEQUENCE's matches."""
    parts = data.translate(_SEQUENCE_PARTS)
    return 2 * parts.count(b"2c") + 3 * parts.count(b"3cc") + 4 * parts.count(b"4ccc")
# A sequence that ends in A0 (a no-break space read after a letter), where
# every sequence is well formed.
_SEQUENCE_TO_NBSP = re.compile(b"[\xc2-\xdf]\xa0|[\xe0-\xef][\x80-\xbf]\xa0|[\xf0-\xf4][\x80-\xbf]{2}\xa0")


# Sequences of UTF-8 of three bytes or four in a row (ASCII between allowed)
# that a single-byte stretch may hold and still be GBK or Big5 read wrongly:
# GBK makes sequences of two now and then (识 is CA B6; Traditional text,
# whose GBK codes often start 81-A0, makes runs of them), of three hardly
# ever, two of them in a row never on the corpus; a stretch that holds them
# is UTF-8 beside the GBK (å¸ƒäº†æ–° then ·¢²¼).
UTF8_RUN = 2
# A stretch this long or longer needs one sequence more in a row: GBK makes
# runs of two by chance, about one in 50,000 characters read as Latin-1
# (Gutenberg and Wikisource in GBK, with _NO_TEXT below), of three never.
UTF8_RUN_LONG = 1000
# What GBK and Big5 bytes make of such sequences by chance, and text in
# UTF-8 hardly ever holds: Canadian syllabics, Ogham, Runic, the Philippine
# scripts, Braille, symbols and squared katakana (ᣬ ⣬ ㌺ ⮻), the rare
# scripts of U+A000-U+ABFF (Yi, Vai, Javanese: ꎻ ꐿ ꦿ), private use, the
# unassigned planes, rare Han characters (㡣 䁣 峹 椸, classes 0-1).
# Counted, they made runs of two in long stretches (Gutenberg in GBK read
# as Latin-1, 200 KB: 20 runs; an 8,700-character stretch of it was taken
# for UTF-8 and left).
_NO_TEXT = LazyPattern(
    "[\u1400-\u177f\u18b0-\u18ff\u2800-\u28ff\u2b00-\u2bff\u3300-\u33ff"
    "\ua000-\uabff\ud800-\uf8ff\U00030000-\U0010ffff]"
)
_HAN = LazyPattern("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_HAN_ONLY = LazyPattern("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


def utf8_run(text: str, loops: Loops) -> int:
    """The most well-formed UTF-8 sequences of three or four bytes in a row
    (ASCII between them allowed) in the bytes of ``text``'s single-byte
    characters, each a character text holds (``_NO_TEXT``: not one)."""
    longest = 0
    classes = class_table()
    holds: dict[bytes, bool] = {}  # each distinct sequence judged once (a page repeats its characters)
    # One encoding of the whole text, each other character standing as byte
    # FF (no UTF-8 byte: no sequence crosses it, and a run of sequences
    # restarts after it).
    data = loops.encode_single_byte(text, 0xFF)
    run = 0
    at = 0
    for found in _LONG_SEQUENCE.finditer(data):
        sequence = found.group()
        ok = holds.get(sequence)
        if ok is None:
            ok = holds[sequence] = _holds_text(sequence, classes)
        if not ok:
            run = 0
            continue
        run = run + 1 if data[at : found.start()].isascii() else 1
        longest = max(longest, run)
        at = found.end()
    return longest


def _holds_text(sequence: bytes, classes: bytes) -> bool:
    """Whether the UTF-8 ``sequence`` is a character text holds (utf8_run)."""
    ch = sequence.decode("utf-8", "replace")
    return not (
        ch == "\ufffd" or _NO_TEXT.match(ch) or (_HAN.match(ch) and (ord(ch) > 0xFFFF or classes[ord(ch)] < PLAUSIBLE))
    )


def utf8_share_of(region: str, codec: str, loops: Loops) -> float:
    """The share of the high bytes of ``region`` written in the two-byte
    ``codec`` (its losses left out) that belong to well-formed UTF-8
    sequences: UTF-8 read as GBK, Big5 or Shift-JIS 0.9 (read as Big5, which
    loses half its bytes, 0.5); other text 0.1-0.33."""
    if codec in CHOSEN_BY_NEIGHBOURS:
        # Bytes chosen by their neighbours: character by character.
        parts = char_bytes(region, codec, loops)
        lost = region.find("\ufffd")
        if lost != -1:
            parts = list(parts)  # the losses left out, found at memory speed
            while lost != -1:
                parts[lost] = None
                lost = region.find("\ufffd", lost + 1)
        data = joined(list(filter(None, parts)))  # type: ignore[arg-type]  # filtered in C
    else:
        # A codec of one character at a time: the same bytes from one call
        # (a list of each character's bytes took most of a 40 ms call).
        region = region.replace("\ufffd", "")
        data = encode_gb(region, "ignore") if codec == "gb18030" else region.encode(codec, "ignore")
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return _sequence_bytes(data) / high if high else 0.0


def utf8_share(region: str, loops: Loops) -> float:
    """The share of the high bytes of ``region``'s single-byte characters that
    belong to well-formed UTF-8 sequences, or to one cut by a loss beside it
    (0 where it has none).

    One encoding of the whole region, each other character standing as an
    ASCII byte (which no sequence crosses); and a look at each loss."""
    data = loops.encode_single_byte(region, 0x00)
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return 0.0
    inside = _sequence_bytes(data)
    lost = region.find("\ufffd")
    while lost != -1:
        # A sequence's end, its start lost: the continuation bytes after the loss.
        after = _CONTINUATION_CHARACTERS.match(region, lost + 1)
        inside += len(after.group()) if after else 0
        # A sequence's start, its end lost: at most three bytes before it.
        before = _SINGLE_BYTE_TAIL.search(region, max(0, lost - 3), lost)
        if before:
            cut = _CUT_SHORT.search(loops.encode_single_byte(before.group()))
            inside += len(cut.group()) if cut else 0
        lost = region.find("\ufffd", lost + 1)
    return inside / high


def unmistakable_utf8(
    before: str, after: str, loops: Loops, codec: str = SINGLE_BYTE, evidenced: bool = False, around: str = "  "
) -> int:
    """Whether ``before`` (characters the single-byte decoder ``codec``
    made, ASCII and losses between) is, by its form alone, UTF-8 read
    wrongly, and ``after`` its reading.

    Every character ``after`` gains must be of a block real text is written
    in (not a control, private use, a phonetic modifier: ``á´´``, acute
    accents used as quotes, would read as ᴴ), and U+FFFD only where
    ``before`` had losses.  Then two or more sequences are proof, unless
    half of them end in a no-break space (``SELKÄ\xa0EDELLÄ``: Finnish
    capitals before no-break spaces); one alone only when a real text
    cannot hold it: after Ã or Â a character no word is followed by
    (``Ã©`` is é; ``Ã’s`` is Ã and an apostrophe), or a C1 control, or
    three or four bytes that read as CJK, punctuation or Latin
    (``ï¼Œ`` is ，, ``â€™`` is ’; ``Brontë…”`` would read as Hangul).  For
    a code page whose C2 and C3 are letters (Ă, Г), one sequence of two
    needs ``evidenced``: the text shows other repairs of that decoder.  After
    Ã or Â, a character real text writes after a letter (a quote, a
    guillemet) is proof only inside a word, an ASCII letter each side
    (``around``: the characters before and after ``before`` in the text):
    HÃ”TEL, AÃ‘OS, aoÃ»t; not an apostrophe (MAÃ’s) or a no-break space
    (MISUTÂ\\xa0AJIKKO, one of ftfy's must-not-change cases).
    Returns how many sequences prove it (0: not proven).
    """
    return utf8_proofs(before, after, loops, codec, around)[evidenced]


def utf8_proofs(
    before: str, after: str, loops: Loops, codec: str = SINGLE_BYTE, around: str = "  "
) -> tuple[int, int]:
    """``unmistakable_utf8`` without ``evidenced`` and with it, the form read
    once for both: where the two differ, the text's other repairs of that
    decoder can change what is believed."""
    if not after or len(after) >= len(before):
        return 0, 0
    if holds(after, _CONTROL) or "\ufffd" in after and "\ufffd" not in before:
        return 0, 0
    if _GAINED.search(after) is None or _uncommon(after):
        return 0, 0
    pieces = before.split("\ufffd")
    # Counted, not listed: a whole page of UTF-8 read as Latin-1 is one
    # region of a hundred thousand sequences.
    sequences = 0
    datas = []
    for k, piece in enumerate(pieces):
        try:
            data = encode(piece, codec, loops)
        except UnicodeEncodeError:
            return 0, 0
        # Beside a loss, the rest of a character cut by it; elsewhere, UTF-8
        # from end to end (Ð  is D0 before a space: no UTF-8 at all).
        if k > 0:
            data = data.lstrip(_CONTINUATIONS)
        if k < len(pieces) - 1:
            data = _CUT_SHORT.sub(b"", data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return 0, 0
        sequences += len(data) - len(data.translate(None, _LEAD_BYTES))
        datas.append(data)
    # Without the evidence, a code page whose bytes 80-BF are letters makes
    # words of them that are UTF-8 by chance: Mongolian Чөлөөт is D7 B4 EB
    # B4 B4 in KZ-1048 (״봴), Uzbek йўқ three bytes of 额 in PTCP154.  One
    # or two sequences of letters cased as words prove nothing there; UTF-8
    # read so mostly puts a capital after a small letter (иЇќ is 话, гЂЏ 』),
    # which no word does.
    unevidenced = not (codec in CODE_PAGES and sequences < 3 and _words_only(before))
    if sequences >= 2:
        # Two sequences that read as no letter (ВІКІ, Ukrainian capitals, in
        # Windows-1251 would read as ²ʲ) prove little; three or more do.
        lettered = sequences >= 3 or any(unicodedata.category(ch) in _LETTERS for ch in _GAINED.findall(after))
        if not lettered:
            return 0, 0
        # Each sequence that ends in a no-break space ends in byte A0: with
        # few A0 bytes the sequences need not be looked at.
        if 2 * sum(data.count(b"\xa0") for data in datas) < sequences:
            return sequences * unevidenced, sequences
        weak = sum(len(_SEQUENCE_TO_NBSP.findall(data)) for data in datas)
        found = sequences if 2 * weak < sequences else 0
        return found * unevidenced, found
    gained = _GAINED.findall(after)
    if sequences != 1 or len(gained) != 1 or not _ONE_ALONE.match(gained[0]):
        return 0, 0
    sequence = next(found.group() for found in map(_SEQUENCE.search, datas) if found)
    letters = 0  # how many sides of a sequence of two are ASCII letters
    ends_a_word = False  # a longer sequence: whether a letter of a word stands before it
    at = _find_single_byte(before, sequence, codec)
    if at >= 0:
        left = before[at - 1] if at else around[0]
        if len(sequence) == 2:
            right = before[at + 2] if at + 2 < len(before) else around[1]
            letters = (left.isascii() and left.isalpha()) + (right.isascii() and right.isalpha())
        else:
            ends_a_word = left <= "\u024f" and left.isalpha()
    weak = sequence[1] in _WEAK_CONTINUATION
    # (Never an apostrophe, a no-break space or a mark of a name, ™ ® ©,
    # whatever stands around.)
    inside_word = letters == 2 and sequence[1] not in _AFTER_A_LETTER
    # Three bytes whose continuations are what real text writes after a
    # letter are no proof either: French writes a no-break space before its
    # closing guillemet, and é\xa0» (E9 A0 BB) is UTF-8's 頻 (« commité »
    # came out « commit頻).
    # (Only with a no-break space among them: è—» is 藻, è”“ 蔓, å…’ 兒.)
    # Nor after a letter of a word, where they are the word's last letter
    # and its closing quotes or dash: Finnish and Swedish close a quotation
    # with ”, and a word of wordfreq's Finnish and French put before a
    # Chinese line's ” (pidetä”” and fragilité””: E4 94 94 and E9 94 94)
    # came out pidet䔔 and fragilit锔.
    strong = not (
        all(byte in _WEAK_CONTINUATION for byte in sequence[1:]) and (0xA0 in sequence[1:] or ends_a_word)
    )
    proven = (len(sequence) >= 3 and strong) or any("\x80" <= ch <= "\x9f" for ch in before)
    # (Latin-1 needs no evidence for these.)
    lead = (
        sequence[0] in (0xC2, 0xC3) and (not weak or inside_word)
        # A capital of Latin-1 before a symbol inside a word (RÄ«ga is ī of
        # Latin Extended) is no text either; touching a word on one side
        # it may be (AHÅ™, one of ftfy's must-not-change cases; Å² is
        # the square ångström).
        or 0xC4 <= sequence[0] <= 0xC9 and inside_word
    )
    return int(proven or lead and codec == SINGLE_BYTE) * unevidenced, int(proven or lead)


# Second bytes that real text writes after a letter even inside a word: an
# apostrophe, a no-break space, the marks of a name (™ ® ©).
_AFTER_A_LETTER = frozenset(b"\x92\xa0\x99\xae\xa9")


def around(text: str, start: int, end: int) -> str:
    """The characters before and after ``text[start:end]`` (a space for none):
    what ``unmistakable_utf8`` reads a lone sequence's neighbours from."""
    return (text[start - 1] if start else " ") + (text[end] if end < len(text) else " ")


def _find_single_byte(text: str, sequence: bytes, codec: str) -> int:
    """Where the characters ``codec`` (Windows-1252 standing for Latin-1 too)
    makes of ``sequence`` stand in ``text`` (-1: nowhere)."""
    readings = ("cp1252", "latin-1") if codec == SINGLE_BYTE else (codec,)
    for reading in readings:
        at = text.find(sequence.decode(reading, "replace"))
        if at >= 0:
            return at
    return -1


def _words_only(text: str) -> bool:
    """Whether ``text``'s characters past ASCII are all letters, in runs of
    letters cased as words are: all small, all capitals, or a capital and
    then small ones (йўқ, ТҮРІ, Чөлөөт; not иЇќ)."""
    if any(ch > "\x7f" and unicodedata.category(ch) not in _LETTERS for ch in text):
        return False
    for run in _LETTER_RUN.findall(text):
        if not (run.islower() or run.isupper() or run[0].isupper() and run[1:].islower()):
            return False
    return True


# A run of letters (of any script: \w less digits and the underscore).
_LETTER_RUN = LazyPattern(r"[^\W\d_]+")


def stray_single_bytes(region: str, start: int, end: int, nearby: str = "") -> bool:
    """Whether ``region`` holds, outside ``[start, end)``, a character a
    single-byte decoder makes that is no part of a UTF-8 sequence: the text
    around was not read with that decoder (``Bremer/Mccoy – DrÃ¥ber``: a
    correct dash beside a lone Ã¥; Kazakh дің beside еңі), so one sequence
    alone proves nothing.  The Latin-1 characters Chinese text uses on its
    own (a no-break space, ·, °) prove nothing either way.  Unless the
    sequences of the text ``nearby`` (the region if not given) are
    STRAYS_OUTWEIGHED or more and twice the region's strays: French with
    its own apostrophes among them (barÃ¨me, l’Ã©valuation, dÃ©placement:
    one of ftfy's cases) had been left whole."""
    forms = _SEQUENCE_FORMS.get()
    strays = sum(1 for m in forms.stray.finditer(region) if not start <= m.start() < end)
    if not strays:
        return False
    sequences = len(forms.sequence.findall(nearby or region))
    return sequences < STRAYS_OUTWEIGHED or sequences < 2 * strays


class _Forms:
    """Patterns over the scan's LEAD, LEAD_OF_TWO and CONTINUATION bits
    (characters U+0080-U+FFFF): what looks like UTF-8 read by a single-byte
    decoder, found by the regular expression engine rather than a loop."""

    def __init__(self) -> None:
        table = scan_table()

        def chars(test) -> str:
            return "".join(re.escape(chr(cp)) for cp in range(0x80, 0x10000) if test(table[cp]))

        any_bit = LEAD | LEAD_OF_TWO | CONTINUATION
        marked = chars(lambda bits: bits & any_bit)
        continuation = chars(lambda bits: bits & CONTINUATION)
        plain = {chr(cp) for cp in PLAIN_LATIN1}
        lead = "".join(ch for ch in chars(lambda bits: bits & LEAD) if ch not in plain)
        follower = "".join(
            ch for ch in chars(lambda bits: bits & any_bit and not bits & LEAD) if ch not in plain
        )
        # A lead with no continuation after it; any other marked character
        # with no marked one before it (a continuation after either is in a
        # sequence).  Not the à whose no-break space became a space, which
        # the finishing of the repair makes à again (signe Ã s'Ã©loigner).
        a_grave = "|".join(f"(?:{pattern.pattern})" for pattern in _A_GRAVE.values())
        self.stray = re.compile(f"(?!{a_grave})[{lead}](?![{continuation}])|(?<![{marked}])[{follower}]")
        # A lead before a continuation; a lead of two before a space.
        self.sequence = re.compile(f"[{chars(lambda bits: bits & LEAD)}][{continuation}]")
        self.lead_of_two_space = re.compile(f"[{chars(lambda bits: bits & LEAD_OF_TWO)}] ")
        # The characters each starts with, for a scan in C first (leftover_utf8).
        self.leads = CharTable(chr(cp) for cp in range(0x80, 0x10000) if table[cp] & LEAD)
        self.leads_of_two = CharTable(chr(cp) for cp in range(0x80, 0x10000) if table[cp] & LEAD_OF_TWO)


_SEQUENCE_FORMS: Lazy[_Forms] = Lazy(_Forms)


# Blocks real text is written in: Latin-1 and Extended, spacing modifiers
# (˛ ˇ), Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari and the Indic
# scripts, Thai, Latin Extended Additional, general punctuation, currency,
# letterlike symbols, arrows, mathematics, technical symbols (⌣), box
# drawing and shapes, CJK and kana, Bopomofo, Hangul and its jamo, the
# enclosed and compatibility CJK forms (㉯ ㎏), the full-width forms, the
# combining marks of pinyin's tones (decomposed: ē as e and U+0304) and of
# underlined and struck-through text ($̶6̶3̶, one of ftfy's cases), not the
# rest (Kyrgyz capitals in KZ-1048 make them: МҮ is U+032F), and the CJK
# ideographs past the Basic Plane (𠄌).  (The jamo of Korean chat, ㅠㅠ ㄱㄱ,
# and ㉯ had kept a page of Korean read as Latin-1 from repair, and 𠄌 and a
# combining macron a line of Hong Kong text: Python's own cp949 and
# big5hkscs test texts, which ftfy repairs.)
_COMMON_RANGES = (
    "\u00a0-\u024f\u02b0-\u030c\u0332-\u0338\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u0591-\u05f4\u0600-\u06ff"
    "\u0900-\u0dff\u0e01-\u0e5b\u1100-\u11ff\u1e00-\u1eff\u2010-\u205e\u20a0-\u20bf\u2100-\u23ff"
    "\u2460-\u27bf\u3000-\u30ff\u3100-\u33ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f"
)
# A character after the repair that no real text is written in (ASCII and
# U+FFFD aside: they gain nothing), and the characters it gains.
_UNCOMMON = LazyPattern(f"[^\x00-\x7f\ufffd{_COMMON_RANGES}]")
# ... those of the Basic Plane, for a scan in C first: ``re`` searched the
# 89,000 characters of a page's repair at 4 ns each (UTF-8 read as
# Latin-1, Gutenberg, 1 MB: 0.36 of 11.6 ms), and the controls as long.
_UNCOMMON_BMP: Lazy[CharTable] = Lazy(lambda: CharTable(_UNCOMMON.findall("".join(map(chr, range(0x10000))))))
_GAINED = LazyPattern("[^\x00-\x7f\ufffd]")
# Controls but tab, newline and carriage return.
_CONTROL = CharTable(ch for ch in map(chr, range(0x80)) if ch < " " and ch not in "\t\n\r" or ch == "\x7f")


def _uncommon(text: str) -> bool:
    """Whether ``text`` holds a character of _UNCOMMON."""
    return holds(text, _UNCOMMON_BMP.get()) or first_astral(text) >= 0 and _UNCOMMON.search(text) is not None


# Letters of a script (CJK, kana and Hangul among them), not modifiers.
_LETTERS = ("Lu", "Ll", "Lt", "Lo")
# What one sequence alone may read as: Latin, punctuation and symbols of
# Western text (’ … € ™), arrows, mathematical and technical signs, the
# symbols and dingbats of chat (→ ≥ ✔ ❤ ♫ ⚽: E2 86-8F and E2 98-9F read by
# Windows-1252 are â† â‡ âˆ â‰ âŠ â‹ âŒ âŽ â˜ â™ âš â› âœ âž âŸ, which no
# language writes), CJK punctuation, kana, Han and the full-width forms.
_ONE_ALONE = LazyPattern(
    "[\u00a0-\u024f\u2010-\u205e\u20a0-\u20bf\u2122\u2190-\u23ff\u2600-\u27bf\u3000-\u30ff\u3400-\u9fff"
    "\uff00-\uffef]"
)
# Second bytes that real text has after a letter: no-break space, curly
# quotes and apostrophes, dashes, ellipsis, bullet, middle dot, guillemets.
_WEAK_CONTINUATION = frozenset(b"\xa0\x91\x92\x93\x94\x96\x97\x85\x95\xb7\xab\xbb")


def foreign_words(text: str) -> bool:
    """Whether ``text`` holds a word of an alphabetic script beyond Latin-1:
    one at least, and in a long text one in every FOREIGN_WORD_SPAN
    characters.  Not one of Windows-1252's own letters alone (Œšƒ, ŸŸœ: GBK
    bytes 8C 9A 83 and 9F 9F 9C read by it, Traditional text makes them)."""
    if _FOREIGN_WORD.search(text) is None:  # nearly every stretch judged: one search, no count
        return False
    found = sum(1 for m in _FOREIGN_WORD.finditer(text) if m.group().strip(CP1252_EXTRAS))
    return found > 0 and found > len(text) // FOREIGN_WORD_SPAN


def letters_alone(text: str) -> bool:
    """Whether ``text`` is, by its non-ASCII characters, a list of single
    letters of the alphabets GBK writes (Greek, Cyrillic), each with no
    letter beside it: a calendar's days (П В С Ч П С), initials (Ш. Б.).
    GBK and Big5 read as each other make such letters of whole characters,
    side by side with others, and a page in either puts no space between
    its characters; re-read, the days of a Belarusian calendar were
    扼 抖 扼 抗 找 折 (Unicode's CLDR, through Babel)."""
    letters = len(_LETTER.findall(text))
    if letters < LETTERS_ALONE_LEAST:
        return False  # too few letters, alone or not
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if 2 * letters < non_ascii:
        return False  # too few of its characters letters, alone or not
    found = _LETTER_ALONE.findall(text)
    if len(found) < LETTERS_ALONE_LEAST:
        return False
    return 2 * len(found) >= non_ascii


def box_drawing(text: str) -> bool:
    """Whether half or more of ``text``'s characters past ASCII, two at
    least, are box drawing, block elements or geometric shapes (U+2500-25FF)
    or enclosed numbers (U+2460-24FF, U+2776-2793): a tree, a table or a bar
    the text draws, a list it numbers (fontTools' ①②③④⑤⑥⑦⑧⑨⑩ came out
    ①②③④琼穷秋丘邱球).  GBK has them (row A9), and a
    page of them read as Big5 came out Chinese: rich's tree guides
    ``├── `` and ``└── `` as 念岸岸 and 弩岸岸, its spinner's ``▁▃▄▅▆▇`` as
    肝肛肚育良芒 (in pip's vendored copy).  Big5 read as GBK makes them now
    and then among its characters, never as most of them."""
    drawing = len(_DRAWING.findall(text))
    return drawing >= 2 and 2 * drawing >= len(text) - len(text.encode("ascii", "ignore"))


def character_list(text: str) -> bool:
    """Whether ``text``, a re-reading, is a list of characters: Han
    characters, two or more and fewer than CHARACTER_LIST_BELOW, with
    nothing but ASCII between them (a dictionary's line: CC-CEDICT's
    牆旮旯 墙旮旯 [qiang2 ga1 la2] came out 鲤深身 嫰深身), no two side by side
    of which stand together in a word."""
    if not 0 < len(text) - len(text.encode("ascii", "ignore")) < CHARACTER_LIST_BELOW:
        return False  # (counted in C: a repair may be a megabyte long)
    runs = _HAN_ONLY.findall(text)
    han = sum(map(len, runs))
    if not 2 <= han < CHARACTER_LIST_BELOW or han + len(text.encode("ascii", "ignore")) != len(text):
        return False
    pairs = word_pairs()
    return not any(second in pairs.get(first, "") for run in runs for first, second in zip(run, run[1:]))


def tone_numbers(text: str, start: int, end: int) -> bool:
    """Whether every character a single-byte decoder makes in
    ``text[start:end]`` is a superscript digit of a run of at most three
    after a letter: Chao's tone numbers of a transcription (成都话 ŋo⁵³,
    tsʰɿ²¹; Naxi na²¹ɕi³³ in the IANA language subtag registry), which
    came out ŋo鈦党 and ts拾煽补 (²¹ is GBK's 补 read as Latin-1).  GBK read
    so puts such digits beside the other characters its bytes make (补充 is
    ²¹³ä), not after a letter of a word alone."""
    # Asked of every stretch read as GBK or Big5: most hold no superscript
    # digit (one scan tells), and mojibake holds other characters too.
    if _LATIN1_SUPERSCRIPT.search(text, start, end) is None or _HIGH_BUT_DIGITS.search(text, start, end):
        return False
    made = [found.start() for found in _LATIN1_SUPERSCRIPT.finditer(text, start, end)]
    low, high = max(0, start - TONE_RUN_MOST), min(len(text), end + TONE_RUN_MOST)
    covered: set[int] = set()
    for found in _TONE_RUN.finditer(text, low, high):
        covered.update(range(found.start(), found.end()))
    return all(k in covered for k in made)


def spaced_words(region: str, start: int, end: int) -> bool:
    """Whether ``region[start:end]`` reads as words of a language written in
    Latin letters to a GBK or Big5 reading: of its characters past ASCII,
    MIXTURE_WORD_SHARE or more (two at least) are letters of words that
    stand between spaces, punctuation or digits (ASCII that is no letter,
    or the edge), hold an ASCII letter and no three characters a
    single-byte decoder makes in a row (Czech kříž has ř, which none
    makes); among SPACED_WORDS_LEAST words with an ASCII letter or more, so
    standing, within MIXTURE_WORD_REACH of it.  Chinese is written without
    spaces, and GBK's and Big5's bytes read as Latin-1 stand beside the
    characters the bytes around them make: a reading's Latin letters sit in
    runs of them, two a character, among its symbols, seldom with ASCII on
    both sides (a list of countries in Kurmanji, Şîlî Kamerûn Çîn, came out
    艦頻卯 Kamer没n 穷n in the mixture's reading; Finnish enintää MÄÄRÄä
    säiettä, M哪R匿 in Latin-1's).  An English word inside Chinese is such
    a word with the characters beside it (我用iPhone拍照, is ÎÒÓÃiPhoneÅÄÕÕ,
    in the mixture), one alone."""
    near = _words_near(region, start, end, _SPACED_WORD)
    held = _held_in_words(start, end, near, _spaced_word)
    if held < 2 or sum(word.encode("ascii", "ignore") != b"" for _, word in near) < SPACED_WORDS_LEAST:
        return False
    piece = region[start:end]
    return held >= MIXTURE_WORD_SHARE * (len(piece) - len(piece.encode("ascii", "ignore")))


def _spaced_word(word: str, inside: str) -> bool:
    return not word.isascii() and word.encode("ascii", "ignore") != b"" and not _THREE_HIGH.search(word)


def _words_near(region: str, start: int, end: int, words: LazyPattern) -> list[tuple[int, str]]:
    """The runs ``words`` finds within MIXTURE_WORD_REACH of
    ``region[start:end]``, each with where it starts in ``region``."""
    # (A slice, not the region from an offset: the look behind would see
    # past the offset, and a run cut there is a word all the same.)
    low = max(0, start - MIXTURE_WORD_REACH)
    return [(low + m.start(), m.group()) for m in words.finditer(region[low : end + MIXTURE_WORD_REACH])]


def _held_in_words(start: int, end: int, near: list[tuple[int, str]], holds: Callable[[str, str], bool]) -> int:
    """How many characters past ASCII of the stretch ``start:end`` are in the
    runs of ``near`` (_words_near) that ``holds`` keeps, given the run and
    its part inside the stretch."""
    held = 0
    for word_start, word in near:
        inside = word[max(0, start - word_start) : end - word_start]
        if inside and holds(word, inside):
            held += len(inside) - len(inside.encode("ascii", "ignore"))
    return held


def japanese_kana(text: str) -> bool:
    """Whether ``text`` is written in kana as Japanese is: KANA_LEAST kana
    or more, and KANA_SHARE or more of its non-ASCII characters.  GBK has
    the kana, and Big5 reads their bytes as its commonest characters
    (ヘッダを読み込め, Japanese for "read the header", is 目永母毛掂心煋戶
    re-read), so kana are the page's own where Japanese is written.  Not
    with a small hiragana vowel (ぁぃぅぇぉ, which Japanese seldom writes:
    Big5's 不 and 之 read as GBK are ぃ and ぇ) or a Greek or Cyrillic letter
    (Big5's rows A6 and A7 read as GBK): classical Chinese in Big5 read as
    GBK is dense with them, and with kana (ρΘ狟ねキら籔そ is 老成朋友平日與公)."""
    kana = len(_KANA.findall(text))
    if kana < KANA_LEAST or _NOT_JAPANESE.search(text):
        return False
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return kana >= KANA_SHARE * non_ascii


def kana_made(before: str, after: str) -> bool:
    """Whether the re-reading ``after`` of ``before`` holds kana that
    ``before`` does not, and is no Japanese (``japanese_kana``): GBK and
    Big5 read as each other make a kana of a Chinese character now and
    then (Big5's 不 read as GBK is ぃ), so a reading with kana strewn among
    its Han characters is that damage, not its repair (jieba's dictionary
    line 蹉跎日月 came out 廖禮らる)."""
    return _KANA.search(after) is not None and _KANA.search(before) is None and not japanese_kana(after)


def mixture_words(region: str, start: int, end: int) -> bool:
    """Whether ``region[start:end]`` holds letters past ASCII of a word that
    the crawlers' mixture cannot have made: a run of Latin letters with a
    letter past Latin-1 (not one of Windows-1252's), which the mixture
    reads from UTF-8 only, and two ASCII letters or more, which GBK's
    common characters never hold (Czech svěží”, Slovak líšiť: ží” had come
    out 啪頂).  Not a word whose ASCII letters only the stretch takes:
    pinyin after GBK read as Latin-1 (·¢²¼\xa0(zhōng is 发布聽(zh and ōng,
    the no-break space read from UTF-8's C2 A0).  And such words must hold
    MIXTURE_WORD_SHARE of the stretch's characters past ASCII: the mixture
    makes one by chance in 700-1,500 characters (ǕrÅd, hÕZȦ), and a page of
    it had been left whole.  GBK's
    rarer characters take ASCII second bytes, and make such a run now and
    then (ǕrÀz); a run of one ASCII letter (Ǖr) they make often."""
    held = _held_in_words(  # the stretch's characters past ASCII in such words
        start, end, _words_near(region, start, end, _MIXTURE_WORD),
        lambda word, inside: len(word.encode("ascii", "ignore")) >= 2 and not inside.isascii()
        and _UTF8_ONLY_LETTER.search(word) is not None,
    )
    if not held:
        return False
    # Weighed against the characters the mixture's single-byte reading
    # makes, not those it read from UTF-8, which are the page's own: Polish
    # pedałów before a full-width bracket and Chinese, ów）略\xa0 in the
    # mixture's reading, came out pedał體）略聽; its word holds one of the
    # stretch's four characters past ASCII, but one of the two the reading
    # made.
    return held >= MIXTURE_WORD_SHARE * len(_HIGH_CHAR.findall(region, start, end))


def latin_letters(region: str, start: int, end: int) -> int:
    """How many Latin letters beyond ASCII ``region[start:end]`` holds: what
    european_words and between_ascii_letters weigh their letters against,
    counted once for both where both are asked (``high``: a page of the
    crawlers' mixture holds 236,812 in 505,511 characters, 26 ms to count)."""
    return len(_LATIN_LETTER.findall(region, start, end))


def between_ascii_letters(region: str, start: int, end: int, high: int | None = None) -> bool:
    """Whether ``region[start:end]`` reads as European words to a GBK
    reading: EUROPEAN_SHARE or more of its Latin letters are small ones
    between small ASCII letters, or after a word's ASCII capital (még,
    çözücü, rzędów, Hãy), or it holds one letter four times in a row
    (ÅÅÅÅ-MM-DD, a year in a date format).  GBK's common characters
    (GB2312's, second bytes A1-FE) never take an ASCII letter for their
    second byte, so a letter between two ASCII ones is two of its rarer
    ones side by side at least (Traditional text written in GBK: 說閑 is
    Õfée, and is left so inside English text); Big5's take one in half its
    characters (µo§G¤F), which european_words allows for.  (The gettext
    catalogues of GNU tools: Turkish çözücü came out 琏z點ü, Hungarian még
    élő m間 閘ő, Vietnamese Hãy đưa H銀 膽瓢a, Swedish ÅÅÅÅ 排排.)"""
    if high is None:
        high = latin_letters(region, start, end)
    if not high:
        return False
    # (Counted with the others, so that one such run by chance in a page of
    # mojibake weighs what its letters do.)
    between = sum(len(m.group()) for m in _SAME_LETTER_FOUR.finditer(region, start, end))
    for m in _SMALL_LATIN_BEFORE_SMALL.finditer(region, start, min(end + 1, len(region))):
        k = m.start()
        if k >= end:
            break  # (the letter after the stretch, searched only as the last one's neighbour)
        left = region[k - 1] if k else ""
        if "a" <= left <= "z" or "A" <= left <= "Z" and not (k > 1 and region[k - 2].isalpha()):
            between += 1
    return between >= EUROPEAN_SHARE * high


def european_words(region: str, start: int, end: int, high: int | None = None) -> bool:
    """Whether ``region[start:end]`` reads as European words: a quarter or
    more of its Latin letters (Latin-1 and Extended) touch two ASCII
    letters in a row (élèves, Troisième, Hırsızı; not the symbols GBK's
    pinyin letters make, ji¨¤ for jià).  A single-byte decoder's reading of Big5 touches
    single ASCII letters only, each the second byte of a pair between two
    high ones (µo§G¤F for 發佈了)."""
    if high is None:
        high = latin_letters(region, start, end)
    if not high:
        return False
    lo = max(0, start - 2)  # the letters they may touch, either side
    piece = region[lo : end + 2]
    # Matches are single characters, so those from start on less those from end on are those inside.
    touching = len(_LATIN_TOUCHING.findall(piece, start - lo)) - len(_LATIN_TOUCHING.findall(piece, end - lo))
    return touching >= EUROPEAN_SHARE * high


# The Latin letters beyond ASCII (tables.LATIN_LETTERS); and one of them
# with two ASCII letters before or after it.
_LATIN_LETTER = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in LATIN_LETTERS) + "]")
# (The letter first, then the look behind or ahead: a pattern that starts
# with a class is scanned for it in C, one that starts with a look-around is
# tried at every position.)
_LATIN_TOUCHING = LazyPattern(
    f"{_LATIN_LETTER.pattern}(?:(?<=[A-Za-z]{{2}}{_LATIN_LETTER.pattern})|(?=[A-Za-z]{{2}}))"
)


# A small one of them before a small ASCII letter (még, Hãy: between_ascii_letters
# looks at the letter before it), and one four times in a row, a word of its
# own (ÅÅÅÅ; not ÃÃÃÃÕý, GBK's 妹妹正 read as Latin-1).
_SMALL_LATIN_BEFORE_SMALL = LazyPattern(
    "[" + "".join(re.escape(chr(cp)) for low, high in LATIN_LETTERS for cp in range(low, high + 1) if chr(cp).islower())
    + "](?=[a-z])"
)
# A letter past Latin-1 the crawlers' mixture reads from UTF-8 only (not
# one of Windows-1252's).
_UTF8_ONLY_LETTER = re.compile(
    "[" + "".join(
        re.escape(chr(cp)) for low, high in LATIN_LETTERS for cp in range(max(low, 0x100), high + 1)
        if chr(cp) not in CP1252_EXTRAS
    ) + "]"
)
_SAME_LETTER_FOUR = LazyPattern(f"(?<![^\\W\\d_])({_LATIN_LETTER.pattern})\\1{{3,}}(?![^\\W\\d_])")
# A run of Latin letters that mixture_words counts, whole: two ASCII letters
# or more and such a letter.  Found by the pattern, not each run looked at
# in Python: the mixture makes a run of Latin letters every five characters
# or so (105,483 in 505,511 characters of news), hardly any of them with
# two ASCII letters (107), and a page of it was judged in 0.5 s (now 40 ms,
# the pattern tried at each character).  Each part takes one class or
# another of disjoint ones, so no try backtracks far; and a try starts
# only where a run does (the look behind), not inside it: a run of 200,000
# letters takes 9 ms.
_WORD_CHAR = f"A-Za-z{_LATIN_LETTER.pattern[1:-1]}"
_NOT_UTF8_ONLY = "".join(
    re.escape(chr(cp)) for low, high in LATIN_LETTERS for cp in range(low, high + 1)
    if cp < 0x100 or chr(cp) in CP1252_EXTRAS
)
# A run of Latin letters with ASCII that is no letter, or the edge, on both
# sides (spaced_words; the letter first, then the look behind).
_NOT_ASCII_LETTER = "\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f"
# ... or CJK punctuation, full-width or not (（、」), which no single-byte
# decoder makes and the crawlers' mixture keeps as the page wrote it:
# Vietnamese đa đóng đô” in full-width brackets in a Chinese line came out
# 膽a 膽贸ng 膽魯 in the mixture's reading, its first word glued to （; or a
# no-break space, which web pages put around words (Czech \xa0váže
# převezme came out 聽v釣e převezme).
_SPACED_EDGE = f"{_NOT_ASCII_LETTER}\xa0\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_SPACED_WORD = LazyPattern(f"[{_WORD_CHAR}](?<![^{_SPACED_EDGE}].)[{_WORD_CHAR}]*(?![^{_SPACED_EDGE}])")
_MIXTURE_WORD = LazyPattern(
    f"(?<![{_WORD_CHAR}])"
    f"(?=(?:{_LATIN_LETTER.pattern}*[A-Za-z]){{2}})"
    f"(?=[A-Za-z{_NOT_UTF8_ONLY}]*{_UTF8_ONLY_LETTER.pattern})"
    f"[{_WORD_CHAR}]+"
)


# The characters a single-byte decoder makes of high bytes (80-FF), and runs of them.
_HIGH_CHARS = "".join(sorted(chr(cp) for cp, byte in SINGLE_BYTE_MAP.items() if byte >= 0x80))
_HIGH = f"\\x80-\\xff{CP1252_EXTRAS}"
_HIGH_RUN = LazyPattern(f"[{_HIGH}]+")
_HIGH_CHAR = LazyPattern(f"[{_HIGH}]")
# Enclosed numbers (① ⑩ ❶ ➀), box drawing, block elements and geometric
# shapes (box_drawing).
_DRAWING = LazyPattern("[\u2460-\u24ff\u2500-\u25ff\u2776-\u2793]")
# Superscript digits (¹ ² ³ of Latin-1, ⁰ ⁴-⁹), in runs of at most
# TONE_RUN_MOST after a letter of any script (tone_numbers).
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079"
_TONE_RUN = LazyPattern(
    f"(?<=[^\\W\\d_])[{_SUPERSCRIPT_DIGITS}]{{1,{TONE_RUN_MOST}}}(?![{_SUPERSCRIPT_DIGITS}])"
)
# Those a single-byte decoder makes, and the other characters it makes.
_LATIN1_SUPERSCRIPT = LazyPattern("[\u00b9\u00b2\u00b3]")
_HIGH_BUT_DIGITS = LazyPattern(f"[\\x80-\\xb1\\xb4-\\xb8\\xba-\\xff{CP1252_EXTRAS}]")
# Three of them in a row, as no word of spaced_words holds: GBK or Big5
# read by a single-byte decoder makes two a character.
_THREE_HIGH = LazyPattern(f"[{_HIGH}]{{3}}")
# A run of so many characters or fewer that GBK or Big5 cannot read whole
# (see letter_listing) is no damage of theirs: ÂÊÎÔÛ read as GBK left its Û.
LISTING_ODD_MOST = 5
# A run with so many characters or more, nearly every one the code point
# after the one before it, is a table of them: ¡¢£¤¥¦§¨©ª«¬®¯°± read as Big5
# made ﹜ㄓ它夾帚型悖停眾; real GBK or Big5 bytes hardly ever rise by one.
LISTING_RISING_LEAST = 4
# Letters then the same in the other case, so many of each or more, list an
# alphabet (ÁÉÍÓÖÚÜáéíóöúü): GBK's pairs read so never repeat their bytes
# with the case bit flipped three times over.
CASE_HALVES_LEAST = 3
# No listing is longer (Latin-1 and Windows-1252 have 123 high characters).
LISTING_LONGEST = 160
# The listings found by a pattern, as breaks between the pieces a reading
# takes (a Python step for each run of a page of the crawlers' mixture,
# 53,000 of them in 300 KB, made it 3 times slower): a capital and its small
# letter alone; a run of an odd number of characters, up to
# LISTING_ODD_MOST, before no ASCII byte that could be a second one.  A
# rising run is asked of each stretch judged (letter_listing), which looks
# at runs until one is no listing: a pattern of the 120 rising pairs took
# 27 ms a 300 KB page.
_CASE_PAIR = LazyPattern(
    "(?:" + "|".join(ch + ch.lower() for ch in _HIGH_CHARS if ch.lower() != ch and ch.lower() in _HIGH_CHARS) + ")"
    f"(?<![{_HIGH}]..)(?![{_HIGH}])"
)
_ODD_RUN = LazyPattern(
    f"[{_HIGH}](?<![{_HIGH}].)(?:[{_HIGH}]{{2}}){{0,{(LISTING_ODD_MOST - 1) // 2}}}(?![{_HIGH}\\x30-\\x7e])"
)


def letter_listing(region: str, start: int, end: int, odd: bool = True) -> bool:
    """Whether every run of high characters that ``region[start:end]`` takes
    in (each whole, as the region has it) lists letters or symbols, as
    European text does, rather than holding a two-byte codec's pairs read
    one byte at a time by a single-byte decoder (Àà Áá read as GBK made
    类 玲, Ää Öö 匿 嘱) or by the crawlers' mixture:

    * a capital and its small letter alone, beside another such run (Àà Áá,
      Åå, Ææ): GBK's pairs whose second byte is the first's plus 0x20 (类
      奇 天) stand alone now and then (µÚ1Ìì for 第1天), side by side hardly
      ever;
    * LISTING_RISING_LEAST characters or more, three steps in four of them
      to the code point after (¡¢£¤);
    * letters, then the same letters in the other case, CASE_HALVES_LEAST
      of each at least: an alphabet's (chardet's Hungarian model lists
      ÁÉÍÓÖÚÜáéíóöúü, which read as GBK came out 辽陀众茚轫óöúü);
    * with ``odd`` (a single-byte decoder's reading, not the mixture's, where
      one character of U+0080-U+00FF may be two bytes read as UTF-8): up to
      LISTING_ODD_MOST characters, an odd number, with no ASCII byte after
      the run that could be a last second byte (40-7E; 30-39 in GB18030's
      four-byte codes) and no loss beside it: the two-byte codecs cannot
      read it whole (ÂÊÎÔÛ)."""
    pairs: list[bool] = []  # for each run taken in, whether it is a case pair
    for run in _HIGH_RUN.finditer(region, _run_start(region, start)):
        if run.start() >= end:
            break
        pairs.append(_case_pair(region, *run.span()))
        listed = pairs[-1] or _rising(run.group()) or _case_halves(run.group())
        if not (listed or (odd and _odd_run(region, *run.span()))):
            return False  # the first run that lists nothing: most stretches, at their first
    return bool(pairs) and all(
        not pair or (k > 0 and pairs[k - 1]) or (k + 1 < len(pairs) and pairs[k + 1]) for k, pair in enumerate(pairs)
    )


def breaks(region: str, odd: bool, mixture: bool) -> list[tuple[int, int]]:
    """``listing_runs(region, odd) + own_characters(region, mixture)``: where
    a single-byte decoder's or the mixture's reading breaks into pieces
    (see BREAKS_KEPT_FROM)."""
    last = getattr(_BREAKS, "last", None)
    if last is not None and last[0] is region and last[1] == (odd, mixture):
        return list(last[2])  # the caller's own list
    found = listing_runs(region, odd) + own_characters(region, mixture)
    if len(region) >= BREAKS_KEPT_FROM:
        _BREAKS.last = (region, (odd, mixture), found)
    return list(found)


def forget_breaks() -> None:
    """Drop the region breaks() keeps for the next question about it."""
    _BREAKS.__dict__.clear()


def listing_runs(region: str, odd: bool = True) -> list[tuple[int, int]]:
    """The case pairs beside another and (``odd``) the short odd runs of
    ``region`` (see letter_listing): no two-byte codec's pairs, where a
    single-byte decoder or the mixture read them (breaks between pieces).
    Sorted."""
    found = []
    pairs = [m.span() for m in _CASE_PAIR.finditer(region)]
    for k, (a, b) in enumerate(pairs):
        # Beside another: no high character between this pair and that one.
        if (k > 0 and _HIGH_RUN.search(region, pairs[k - 1][1], a) is None) or (
            k + 1 < len(pairs) and _HIGH_RUN.search(region, b, pairs[k + 1][0]) is None
        ):
            found.append((a, b))
    if odd:
        found.extend(m.span() for m in _ODD_RUN.finditer(region) if _odd_run(region, *m.span()))
    return sorted(found)


def _odd_run(region: str, start: int, end: int) -> bool:
    """Whether the run ``region[start:end]`` is a short odd run (_ODD_RUN)
    with no loss beside it."""
    found = _ODD_RUN.match(region, start)
    return found is not None and found.end() == end and "\ufffd" not in region[max(0, start - 1) : end + 1]


def _case_pair(region: str, start: int, end: int) -> bool:
    return end - start == 2 and region[start] != region[start + 1] == region[start].lower()


def _case_halves(run: str) -> bool:
    """Whether ``run`` is letters then the same letters in the other case."""
    half = len(run) // 2
    if half < CASE_HALVES_LEAST or len(run) % 2:
        return False
    first, second = run[:half], run[half:]
    return first != second and second in (first.lower(), first.upper())


def _rising(run: str) -> bool:
    """Whether ``run`` is LISTING_RISING_LEAST characters or more (up to
    LISTING_LONGEST), three steps in four to the code point after."""
    if not LISTING_RISING_LEAST <= len(run) <= LISTING_LONGEST:
        return False
    return 4 * sum(ord(b) - ord(a) == 1 for a, b in zip(run, run[1:])) >= 3 * (len(run) - 1)


def _run_start(region: str, start: int) -> int:
    """Where the run of high characters holding ``region[start]`` starts (or
    LISTING_LONGEST + 1 characters back: a run too long for a listing)."""
    stop = max(0, start - LISTING_LONGEST - 1)
    while start > stop and _HIGH_RUN.match(region, start - 1, start):
        start -= 1
    return start


# The text's own characters inside the readings of GBK or Big5 bytes that a
# single-byte decoder or the crawlers' mixture made: with ASCII on both sides
# (or an end) and, on one side, an ASCII letter with ASCII beyond it (or an
# end), a curly quote or apostrophe (‘quote’, don’t), and, in the mixture
# only, a letter or mark past Latin-1, which it makes of two or more bytes
# read as UTF-8 (pinyin's mā, xī'ān, Turkish İstanbul).
# ·¢²¼ÁËÐÂÎÅ，妈妈(mā ma) came out 发布了新闻，妈妈(m膩 ma).  GBK's own
# bytes make such characters too, but among the characters the rest of
# their text makes: Traditional text in GBK is full of pairs with an ASCII
# second byte (綽態 is BE 62 91 42, ¾b‘B: the letters beside ‘ are second
# bytes, each after a high one); ģ for 模 (C4 A3) stands before ¿é for 块.
def _beside_ascii(characters: str) -> re.Pattern[str]:
    # (The class first, then the look-arounds: a pattern that starts with a
    # class is scanned for it in C.)
    return re.compile(
        f"[{characters}](?<![^\x00-\x7f][{characters}])(?![^\x00-\x7f])"
        f"(?:(?<=(?<![^\x00-\x7f])[A-Za-z][{characters}])|(?=[A-Za-z](?![^\x00-\x7f])))"
    )


_OWN_QUOTE = _beside_ascii(OWN_QUOTES)
# ASCII that is no second byte of GBK or Big5.
_BELOW_SECOND = f"\\x00-\\x{PAIR_SECOND_LOW - 1:02x}"
# A guillemet before an ASCII word, after ASCII that is no second byte or
# the edge; or after one, before such ASCII or the edge (tables.OWN_GUILLEMETS).
_OPENING, _CLOSING = OWN_GUILLEMETS[0], OWN_GUILLEMETS[1]
_OWN_GUILLEMET = LazyPattern(
    f"{_OPENING}(?<![^{_BELOW_SECOND}]{_OPENING})(?=[A-Za-z](?![^\x00-\x7f]))"
    f"|{_CLOSING}(?<=(?<![^\x00-\x7f])[A-Za-z]{_CLOSING})(?![^{_BELOW_SECOND}])"
)
# UTF-8 read byte by byte, one sequence of two or three bytes between ASCII
# letters of a word (NÃ¦ss, SÃ£o, LÃ¼beck): the text's own mojibake of a
# European word, ftfy's kind.  GBK's bytes make such a pair too (猫 is C3
# A8), but a Chinese character between two ASCII letters is rare; read as
# GBK with the correct word beside it, Pål, NÃ¦ss came out P錶, N忙ss.  The
# letters stand beside ASCII (or the edge) on their other side: Big5's
# bytes put a second byte 40-7E after every other high one (¡uè»²z is 「頠理).
# No-break spaces with ASCII (or the edge) before their run and, after it,
# ASCII that is no second byte (below 40) or the edge: a page's &nbsp;, not
# GBK or Big5 read byte by byte (A0 is a byte of neither but a second byte
# of GBK's extension, after a high one, or the first of its A0 row: A0 A0
# is 牋, a letter in classical text, 孫綽與庾亮牋曰; A0 49 is 營);
# 的防控工作,&nbsp;&nbsp; came out 的防控工作,牋.
_OWN_SPACES = LazyPattern("\xa0(?<![^\x00-\x7f]\xa0)\xa0*(?![^\x00-\x3f])")
# (The letter before first, a class scanned for in C: GBK read as Latin-1
# is nearly all leads, and a pattern that started with them tried its
# look-behinds at nearly every character; the sequence is the group.)
_SEQUENCE_CHARS = f"(?:[\\xc2-\\xdf]{_CONTINUATION_CLASS}|[\\xe0-\\xef]{_CONTINUATION_CLASS}{{2}})"
_UTF8_IN_A_WORD = LazyPattern(
    f"[A-Za-z](?:(?<![^\\x00-\\x7f][A-Za-z])({_SEQUENCE_CHARS})(?=[A-Za-z](?![^\\x00-\\x7f]))"
    # Or ending a word of two ASCII letters or more, before ASCII that is no
    # letter (cafÃ© beside GBK read as Latin-1 came out caf茅).
    f"|(?<=[A-Za-z]{{2}})({_SEQUENCE_CHARS})(?![^{_NOT_ASCII_LETTER}]))"
)
_OWN_LETTER = _beside_ascii(f"^\x00-\xff{CP1252_EXTRAS}\ufffd")
# And a run of Latin letters past Latin-1 stands so as a word holds them
# (Turkish dışı, whose ışı the mixture reads as GBK's 谋艧谋: a page of
# Turkish went to Python for it).
_PAST_LATIN1 = f"[{LATIN_PAST_LATIN1}](?<![{CP1252_EXTRAS}])"
_OWN_LETTERS = LazyPattern(
    f"{_PAST_LATIN1}(?<=(?<![^\x00-\x7f])[A-Za-z].){_PAST_LATIN1}+(?![^\x00-\x7f])"
    f"|{_PAST_LATIN1}(?<![^\x00-\x7f].){_PAST_LATIN1}+(?=[A-Za-z](?![^\x00-\x7f]))"
)


def own_characters(region: str, mixture: bool) -> list[tuple[int, int]]:
    """The characters of ``region`` that are the text's own, not bytes of GBK
    or Big5 read by a single-byte decoder (or, ``mixture``, by the crawlers'
    mixture): see _OWN_QUOTE, _OWN_GUILLEMET, _UTF8_IN_A_WORD, _OWN_SPACES,
    _OWN_LETTER and _OWN_LETTERS.
    Each is a break between the pieces a reading takes."""
    found = [m.span() for m in _OWN_QUOTE.finditer(region)]
    found += [m.span() for m in _OWN_GUILLEMET.finditer(region)]
    found += [m.span(1) if m.start(1) >= 0 else m.span(2) for m in _UTF8_IN_A_WORD.finditer(region)]
    found += [m.span() for m in _OWN_SPACES.finditer(region)]
    if mixture:
        found += [m.span() for m in _OWN_LETTER.finditer(region)]
        found += [m.span() for m in _OWN_LETTERS.finditer(region)]
    return sorted(found)


# A run of letters that may be a pinyin word: ASCII letters, the letters with
# pinyin's tone marks (precomposed or combining), ɑ and ɡ, and apostrophes.
# What each letter spells is the pinyin capability's own table.
_PINYIN_MARKED = "\u00e0-\u00fc\u0101-\u01dc\u0251\u0261\u0300-\u030c"
_PINYIN_LETTER = f"A-Za-z{_PINYIN_MARKED}'"
# A whole word with a non-ASCII letter: a word's first letter (no letter
# before it), marked or followed by ASCII letters (possessively) and a
# marked one, then the rest; linear, as a word without one fails at its
# first letter only, and found by a scan in C for a letter (the pattern
# starts with the class).
_MARKED_WORD = LazyPattern(
    f"[{_PINYIN_LETTER}](?<![{_PINYIN_LETTER}][{_PINYIN_LETTER}])"
    f"(?:(?<=[{_PINYIN_MARKED}])|[A-Za-z']*+[{_PINYIN_MARKED}])[{_PINYIN_LETTER}]*+"
)


def pinyin_words(region: str, start: int, end: int) -> bool:
    """Whether PINYIN_SHARE or more of the non-ASCII characters of
    ``region[start:end]`` belong to pinyin words: lower case (a capital
    first letter allowed), with an ASCII letter and a tone mark, ɑ or ɡ,
    each part between apostrophes a run of syllables of the readings
    table (tónɡ, Běijīng, ɡònɡ'xū)."""
    # The words (runs of their letters, cut one character beyond the span)
    # that hold a non-ASCII letter: only those count, and a text GBK or Big5
    # made holds many words of ASCII letters alone (83,000 in a MB of Big5
    # read as GBK, 252 of them distinct, 'A' 20,000 times).  Found by one
    # scan, each distinct word asked once; a word's letters outside the span
    # (one character either side) do not count.
    lo, hi = max(0, start - 1), min(len(region), end + 1)
    piece = region[lo:hi]
    words = _MARKED_WORD.findall(piece)
    pinyin = {word for word in set(words) if _is_pinyin(word)}
    if not pinyin:
        return False
    inside = 0
    for word in _MARKED_WORD.finditer(piece):
        if word.group() in pinyin:
            inside += _non_ascii(region[max(lo + word.start(), start) : min(lo + word.end(), end)])
    return inside > 0 and inside >= PINYIN_SHARE * _non_ascii(region[start:end])


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


# Words repeat: 23,900 asked in 250 KB of Gutenberg's GBK read as the
# crawlers' mixture, most of them many times.
@functools.lru_cache(maxsize=1 << 14)
def _is_pinyin(word: str) -> bool:
    if word.isascii() or (word[1:] and not word[1:].islower()):
        return False
    # An ASCII letter as written (é alone is one letter of any language).
    if not any("a" <= ch <= "z" for ch in word.lower()):
        return False
    letters = []
    toned = False
    for ch in unicodedata.normalize("NFD", word.lower()):
        cp = ord(ch)
        if "a" <= ch <= "z" or ch == "'":
            letters.append(ch)
        elif cp in TONE_MARKS:
            toned = True
        elif cp == DIAERESIS and letters[-1:] == ["u"]:
            letters[-1] = "v"
        elif cp == CIRCUMFLEX and letters[-1:] == ["e"]:
            pass
        elif cp in MARKED_LETTERS:  # ɑ, ɡ: no decomposition
            letters.append(MARKED_LETTERS[cp][0])
            toned = True
        else:
            return False
    if not toned:
        return False
    syllables = reading_tables().syllables
    return all(part and _syllables(part, syllables) for part in "".join(letters).split("'"))


def _syllables(letters: str, syllables: frozenset[str]) -> bool:
    """Whether ``letters`` (ASCII, ü as v) is one syllable or more in a row."""
    can_end = [True] + [False] * len(letters)
    for k in range(1, len(letters) + 1):
        can_end[k] = any(can_end[j] and letters[j:k] in syllables for j in range(max(0, k - 6), k))
    return can_end[-1]


# --- finishing a text repaired as UTF-8 read by a single-byte decoder ----------
# C1 controls never stand in text: where a text was UTF-8 read by a
# single-byte decoder, one left alone is a Windows-1252 byte read as Latin-1
# (modifiche\x94 is modifiche”).  The five bytes Windows-1252 leaves
# undefined stay.
_C1 = LazyPattern("[\x80-\x9f]")
# Searched for in C first: a text repaired whole seldom holds one, and the
# search of the class took 0.7 ms of its 187,000 characters, the scan 0.05
# (UTF-8 read as Latin-1, Gutenberg, 1 MB: three calls).
_C1_CHARS = CharTable("".join(map(chr, range(0x80, 0xA0))))
_C1_AS_CP1252 = {
    cp: bytes([cp]).decode("cp1252") for cp in range(0x80, 0xA0) if cp not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
# à is C3 A0: where the A0 (a no-break space) became a space, the character
# C3 made, alone before a space and a word, is "à " (jusqu'Ã nos jours; in
# Windows-1251, Г l’ouest).  French only: other letters made so (Å  for Š,
# Ð  for Р) cannot be told from the space that followed them.
# (The character first, then the look-behind: a pattern that starts with a
# literal is searched for it in C, where one that starts with a look-behind
# is tried at every character, 2.2 ms of the 187,000 of a text repaired
# whole, three calls to a megabyte of UTF-8 read as Latin-1.)
_A_GRAVE = {
    codec: re.compile(
        f"{re.escape(bytes([0xC3]).decode(codec))}"
        f"(?<![A-Za-z\u00c0-\u00ff\u0400-\u04ff]{re.escape(bytes([0xC3]).decode(codec))}) (?=[a-z\u00e0-\u00ff])"
    )
    for codec in SINGLE_BYTE_CODECS
}


def completions(text: str, codec: str) -> list[tuple[int, int, str, str, str]]:
    """The edits that finish a text repaired as UTF-8 read by the
    single-byte decoder ``codec``, each with the codec it was in and the one
    it was read with: lone C1 controls to Windows-1252 (Latin-1 read where
    Windows-1252 was meant), ``Ã `` to ``à ``."""
    edits = []
    if codec == SINGLE_BYTE:
        edits += [
            (m.start(), m.end(), _C1_AS_CP1252[ord(m.group())], "windows-1252", "latin-1")
            for m in (_C1.finditer(text) if holds(text, _C1_CHARS) else ())
            if ord(m.group()) in _C1_AS_CP1252
        ]
    for m in _A_GRAVE[codec].finditer(text):
        # Portuguese contracts à with aquele, aquela, aquilo into one word,
        # and with as into às (atenção às crianças); an s alone before a
        # space is no French word (à s'éloigner keeps its space).
        joined = text.startswith(("quel", "quil"), m.end()) or text.startswith("s ", m.end())
        edits.append((m.start(), m.end() if joined else m.start() + 1, "\u00e0", "utf-8", codec))
    edits.sort()
    return edits


# UTF-8 read by a single-byte decoder, left in a repaired text: a lead
# character before a continuation (Ã©, â€), or a lead before a space that
# was a no-break space (Å veices), or a loss followed by the ? an encoder
# wrote for the last byte (â€? became �?).
_LEFTOVER = LazyPattern(f"[\u00c2-\u00f4][\x80-\xbf{CP1252_EXTRAS}]")
_LEFTOVER_SPACE = LazyPattern("[\u00c2-\u00df] (?=[^\\s])")
_LOSS_QUESTION = "\ufffd?"
# The characters the first two start with.  leftover_utf8 asks a text
# repaired whole, and each of its searches looks for the characters it
# starts with first, in C; the three forms were one expression, tried at
# every character (one megabyte of news read as Latin-1, repaired: the
# searches took 5.3 ms of each call, two calls, finding nothing; the scans
# 0.2).  No match of one form can overlap one of another.
_LEFTOVER_LEADS = CharTable(chr(cp) for cp in range(0xC2, 0xF5))


def leftover_utf8(repaired: str, original: str) -> bool:
    """Whether ``repaired`` still holds UTF-8 read by a single-byte decoder
    that ``original`` had (a repair left part of it: Ã©, Р\x98 in
    Windows-1251; or made by it, a layer of double encoding left), or a loss
    before a question mark that the repair made."""
    if holds(repaired, _LEFTOVER_LEADS):
        for pattern in (_LEFTOVER, _LEFTOVER_SPACE):
            if any(m.group() in original for m in pattern.finditer(repaired)):
                return True
    if _LOSS_QUESTION in repaired and repaired.count(_LOSS_QUESTION) > original.count(_LOSS_QUESTION):
        return True
    forms = _SEQUENCE_FORMS.get()
    if holds(repaired, forms.leads) and forms.sequence.search(repaired):
        return True
    # hĂ i: a no-break space that became a space (the repaired text's, then
    # whether the original has one of them: the repaired text seldom has any)
    if not holds(repaired, forms.leads_of_two):
        return False
    after = {m.group() for m in forms.lead_of_two_space.finditer(repaired)}
    return bool(after) and any(m.group() in after for m in forms.lead_of_two_space.finditer(original))
