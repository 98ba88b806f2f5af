"""The pinyin rules transcribed for the case generators, independently of the package.

Two transcriptions, both plain and both written for the generators, never
importing the package's loops:

- ``legacy_strip``: the rules before issue 10 (one syllable in round
  brackets right after a Han character; readings from pypinyin alone).  The
  three original files of ``corpus/pinyin/`` are generated and checked with
  it, so that they stay byte for byte; ``superseded.jsonl`` lists the few of
  their cases whose expectation issue 10 changed.
- ``reference_strip``: the rules as they are (word-level groups, loose and
  labelled brackets, zhuyin look-alikes, bare ruby; readings from pypinyin
  plus the reviewed supplement ``tools/data/pinyin_supplement.tsv``).  It is
  a streaming transcription -- it reads the input once, left to right, and
  decides each item against the output written so far -- where the package
  jumps from trigger to trigger and walks chains back; the two are compared
  on every generated case and, by ``tests/test_pinyin_reference.py``, on
  random text.

pypinyin 0.55.0 (MIT) supplies the readings and zhuyin spellings; it is used
only by the generators and that test, never by the package at run time.
"""
from __future__ import annotations

import pathlib
import re
import unicodedata

from pypinyin import Style
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin.style import convert as convert_style

SUPPLEMENT = pathlib.Path(__file__).resolve().parent.parent / "tools" / "data" / "pinyin_supplement.tsv"

# ---------------------------------------------------------------------------
# The rules before issue 10 (kept verbatim: the three original case files are
# generated and checked with them, so that they stay byte for byte).
# ---------------------------------------------------------------------------

# Han characters an annotation may follow: the CJK Unified Ideographs blocks
# (URO and Extensions A to I), the two Compatibility Ideographs blocks, and
# U+3007 IDEOGRAPHIC NUMBER ZERO (Script=Han, pypinyin reads it ling).
HAN_BLOCKS = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),    # Extension A
    (0x4E00, 0x9FFF),    # Unified Ideographs
    (0xF900, 0xFAFF),    # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EBEF),  # Extensions C, D, E, F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x3134F),  # Extension G
    (0x31350, 0x323AF),  # Extension H
)
PAIRS = {"(": ")", "\uff08": "\uff09"}  # matched widths only
TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave acute macron caron
ZHUYIN_TONES = {"\u02c9", "\u02ca", "\u02c7", "\u02cb", "\u02d9"}  # ˉ ˊ ˇ ˋ ˙


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in HAN_BLOCKS)


def is_zhuyin_letter(ch: str) -> bool:
    return 0x3105 <= ord(ch) <= 0x312F or 0x31A0 <= ord(ch) <= 0x31BF


def pinyin_key(spelled: str) -> tuple[str, bool] | None:
    """``(toneless key, has a tone)`` for a pinyin syllable, else None.

    NFD, lower case, ɑ->a, ɡ->g, ü / u: -> v, tone marks and other combining
    marks dropped (so ê -> e), one tone digit 0-5 allowed at the end.
    """
    if not spelled:
        return None
    tonal = False
    if spelled[-1] in "012345":
        spelled, tonal = spelled[:-1], True
    text = unicodedata.normalize("NFD", spelled).lower().replace("\u0251", "a").replace("\u0261", "g")
    out: list[str] = []
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "u" and text[k + 1 : k + 2] == ":":
            out.append("v")
            k += 2
            continue
        if unicodedata.combining(ch):
            if ch == "\u0308" and out and out[-1] == "u":
                out[-1] = "v"
            elif ch in TONE_MARKS:
                tonal = True
            k += 1
            continue
        out.append(ch)
        k += 1
    key = "".join(out)
    return (key, tonal) if re.fullmatch(r"[a-z]+", key) else None


def zhuyin_key(spelled: str) -> str | None:
    """Zhuyin letters with the tone marks ˉˊˇˋ˙ stripped, else None."""
    if not spelled or not all(is_zhuyin_letter(c) or c in ZHUYIN_TONES for c in spelled):
        return None
    key = "".join(c for c in spelled if c not in ZHUYIN_TONES)
    return key or None


def dict_readings(ch: str) -> list[str]:
    """pypinyin's heteronyms of ``ch``, tone-marked, as stored.

    A compatibility ideograph also takes the readings of the unified
    ideograph it is canonically equivalent to (豈 U+F900 is 豈 U+8C48 after
    NFC, and pypinyin has no entry for U+F900 itself): the project's reading
    table (tools/generate_pinyin_tables.py) does the same.
    """
    value = pinyin_dict.get(ord(ch), "")
    readings = value.split(",") if value else []
    unified = unicodedata.normalize("NFC", ch)
    if len(unified) == 1 and unified != ch and ord(unified) in pinyin_dict:
        readings += [r for r in pinyin_dict[ord(unified)].split(",") if r not in readings]
    return readings


def bopomofo(reading: str) -> str:
    return convert_style(reading, Style.BOPOMOFO, strict=True)


_PY_KEYS: dict[str, frozenset[str]] = {}
_ZY_KEYS: dict[str, frozenset[str]] = {}


def reading_keys(ch: str) -> frozenset[str]:
    if ch not in _PY_KEYS:
        _PY_KEYS[ch] = frozenset(pinyin_key(r)[0] for r in dict_readings(ch))
    return _PY_KEYS[ch]


def zhuyin_reading_keys(ch: str) -> frozenset[str]:
    if ch not in _ZY_KEYS:
        _ZY_KEYS[ch] = frozenset(zhuyin_key(bopomofo(r)) for r in dict_readings(ch))
    return _ZY_KEYS[ch]


ALL_READINGS = sorted({r for value in pinyin_dict.values() for r in value.split(",")})
ALL_PINYIN = frozenset(pinyin_key(r)[0] for r in ALL_READINGS)
ALL_ZHUYIN = frozenset(zhuyin_key(bopomofo(r)) for r in ALL_READINGS)


def group_passes(inner: str, ch: str, mode: str) -> bool:
    parsed = pinyin_key(inner)
    if parsed is not None:
        key, tonal = parsed
        if key in reading_keys(ch):
            return True
        # Syllable mode: any syllable, but a bare toneless letter ((a) (e) (m))
        # only when it is a reading: 方案(a) is a list marker in every mode.
        return mode == "syllable" and key in ALL_PINYIN and (tonal or len(key) > 1)
    zkey = zhuyin_key(inner)
    if zkey is not None:
        return zkey in zhuyin_reading_keys(ch) or (mode == "syllable" and zkey in ALL_ZHUYIN)
    return False


def run_end(text: str, pos: int, ch: str, mode: str) -> int:
    """End of the run of passing groups that starts at ``pos``, right after ``ch``."""
    while pos < len(text) and text[pos] in PAIRS:
        close = text.find(PAIRS[text[pos]], pos + 1)
        if close < 0 or not group_passes(text[pos + 1 : close], ch, mode):
            break
        pos = close + 1
    return pos


SPACE_RULES = ("chain", "annotated", "any_han")


def legacy_strip(text: str, mode: str = "reading", space_rule: str = "chain") -> str:
    """The rules before issue 10, transcribed (one syllable in round brackets right after a Han character).

    A Han character followed by a run of groups: every group that passes goes,
    the run stops at the first that does not.  After a removed run, one ASCII
    space followed by a Han character goes too -- but which such spaces?

    - ``"any_han"``: every one (the brief's words).  The gold page 000 line 12
      contradicts it: ``抓持續(xù) 三項`` is ``抓持續 三項`` in the gold.
    - ``"annotated"``: only when the Han character after the space has a
      removed run of its own.  The brief's own example contradicts it:
      ``社(she) 會(hui) 變遷`` must give ``社會變遷``.
    - ``"chain"`` (used for every expectation): when the character after the
      space is annotated too, or when this character was itself reached
      through a dropped space (the end of a chain of spaced annotations).
      The only one of the three that agrees with both.
    """
    out = []
    k = 0
    chained = -1  # index of the Han character just after the last dropped space
    while k < len(text):
        here = k
        ch = text[k]
        out.append(ch)
        k += 1
        if not is_han(ch):
            continue
        end = run_end(text, k, ch, mode)
        if end == k:
            continue
        k = end
        if k + 1 < len(text) and text[k] == " " and is_han(text[k + 1]):
            next_annotated = run_end(text, k + 2, text[k + 1], mode) > k + 2
            if space_rule == "any_han" or next_annotated or (space_rule == "chain" and here == chained):
                k += 1
                chained = k
    return "".join(out)


# ---------------------------------------------------------------------------
# The rules as they are (issue 10): reference_strip.
# ---------------------------------------------------------------------------

OPENERS = {"(": ")", "\uff08": "\uff09", "[": "]", "\u3010": "\u3011"}  # ( （ [ 【
ROUND = "(\uff08"
QUOTES = "\u201d\u300d\u300f\""  # ” 」 』 "
LABELS = ("拼音", "读音", "讀音", "注音", "读", "讀", "pinyin")
COLONS = ":\uff1a"
LOOKALIKES = {"一": "ㄧ", "|": "ㄧ", "丨": "ㄧ"}  # typed for ㄧ in zhuyin
SEPARATORS = " '\u2019"
TONES = {"\u0300", "\u0301", "\u0304", "\u0306", "\u030c"}  # the breve stands in for the caron
MAX_WORD, MAX_GROUP, MAX_SYLLABLE, MAX_TOKEN = 4, 48, 6, 12
# A chemical symbol that is also a reading of its element's character, and the
# pascal: after that character, in Title case with no tone, it is the symbol.
SYMBOL_AFTER = {"锂": "Li", "鋰": "Li", "钠": "Na", "鈉": "Na", "铒": "Er", "鉺": "Er", "镥": "Lu", "鑥": "Lu",
                "铋": "Bi", "鉍": "Bi", "钋": "Po", "釙": "Po", "帕": "Pa"}


def supplement() -> dict[str, list[str]]:
    """The reviewed readings added to pypinyin's (``tools/data/pinyin_supplement.tsv``)."""
    added: dict[str, list[str]] = {}
    for line in SUPPLEMENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            char, reading, _source = line.split("\t")
            added.setdefault(char, []).append(reading)
    return added


SUPPLEMENTED = supplement()


def readings_of(ch: str) -> list[str]:
    """pypinyin's heteronyms of ``ch`` (compatibility ideographs read as their
    unified form) and the supplement's."""
    return dict_readings(ch) + [r for r in SUPPLEMENTED.get(ch, []) if r not in dict_readings(ch)]


def _toneless(reading: str) -> str:
    """``lǜ`` -> ``lv``, ``ê̄`` -> ``e``: what a reading is compared as."""
    nfd = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in nfd if not unicodedata.combining(c))


_KEYS: dict[str, frozenset[str]] = {}
_ZKEYS: dict[str, frozenset[str]] = {}


def keys_of(ch: str) -> frozenset[str]:
    """The toneless readings of ``ch`` (``v`` for ü, ê as e)."""
    if ch not in _KEYS:
        _KEYS[ch] = frozenset(_toneless(r) for r in readings_of(ch))
    return _KEYS[ch]


def zhuyin_keys_of(ch: str) -> frozenset[str]:
    if ch not in _ZKEYS:
        _ZKEYS[ch] = frozenset(bopomofo(r).strip("ˉˊˇˋ˙") for r in readings_of(ch))
    return _ZKEYS[ch]


SYLLABLES = frozenset(
    _toneless(r) for cp, value in pinyin_dict.items() if is_han(chr(cp)) for r in value.split(",")
) | frozenset(_toneless(r) for rs in SUPPLEMENTED.values() for r in rs)
ZHUYIN_SPELLINGS = frozenset(
    bopomofo(r).strip("ˉˊˇˋ˙") for cp, value in pinyin_dict.items() if is_han(chr(cp)) for r in value.split(",")
)


def is_word_char(ch: str) -> bool:
    """Part of a Latin word: letters, digits, - _ ' ’, Latin letters and marks."""
    cp = ord(ch)
    return (ch.isascii() and (ch.isalnum() or ch in "-_'")) or ch == "\u2019" or (
        0xC0 <= cp < 0x370 and ch not in "×÷") or 0x1E00 <= cp <= 0x1EFF


def _letter_ok(ch: str) -> bool:
    """A precomposed letter pinyin may be written with: a base among a e i o u m n
    carrying tone marks, ü, or ê."""
    if ch in "ɑɡ":
        return True
    if ord(ch) >= 0x250 and ch not in "ḾḿẾếỀề":
        return False  # only Latin-1 and Latin Extended-A/B letters, and ḿ ế ề
    nfd = unicodedata.normalize("NFD", ch)
    base, marks = nfd[0].lower(), nfd[1:]
    if base not in "aeioumn" or not marks:
        return False
    return all(m in TONES or (m == "\u0308" and base == "u") or (m == "\u0302" and base == "e") for m in marks)


def spelled_letters(body: str, bare: bool) -> list[dict] | None:
    """``body`` as pinyin letters, or None.  Each letter: its key letter, whether
    it carries a tone, is upper case, ends a syllable with a tone digit, begins
    a chunk (after a separator), carries a tone written below U+0370."""
    letters: list[dict] = []
    new_chunk = True
    previous = ""
    for ch in body:
        if ch.isascii() and ch.isalpha() or ch in "ɑɡ" or (not ch.isascii() and not unicodedata.combining(ch)
                                                          and ch not in SEPARATORS and _letter_ok(ch)):
            nfd = unicodedata.normalize("NFD", ch)
            upper = nfd[0] != nfd[0].lower()
            if bare and upper:
                return None
            base = {"ɑ": "a", "ɡ": "g"}.get(nfd[0], nfd[0].lower())
            letters.append({"key": base, "tone": False, "upper": upper, "digit": False, "first": new_chunk,
                            "marked": False})
            for mark in nfd[1:]:
                if mark in TONES:
                    letters[-1]["tone"] = True
                    letters[-1]["marked"] = ord(ch) < 0x370
                elif mark == "\u0308":
                    letters[-1]["key"] = "v"
            new_chunk = False
        elif unicodedata.combining(ch) and 0x300 <= ord(ch) <= 0x36F:
            if new_chunk or not letters or letters[-1]["digit"]:
                return None
            if ch in TONES:
                letters[-1]["tone"] = letters[-1]["marked"] = True
            elif ch == "\u0308" and letters[-1]["key"] == "u":
                letters[-1]["key"] = "v"
            elif ch != "\u0302":
                return None
        elif ch == ":" and not bare and not new_chunk and previous in ("u", "U") and letters[-1]["key"] == "u":
            letters[-1]["key"] = "v"
        elif ch in "012345" and not bare and not new_chunk and letters and not letters[-1]["digit"]:
            letters[-1]["digit"] = True
        elif ch in SEPARATORS and not bare and not new_chunk:
            new_chunk = True
        else:
            return None
        previous = ch
    return letters if letters and not new_chunk else None


def _key_and_tone(letters: list[dict]) -> tuple[str, bool] | None:
    """One syllable's letters: (toneless key, has a tone), or None."""
    if not letters or len(letters) > MAX_SYLLABLE:
        return None
    if any(letter["first"] for letter in letters[1:]) or any(letter["digit"] for letter in letters[:-1]):
        return None
    key = "".join(letter["key"] for letter in letters)
    if re.match("[jqxy]v", key):
        key = key[0] + "u" + key[2:]
    return key, any(letter["tone"] for letter in letters) or letters[-1]["digit"]


def _reads(ch: str, key: str, tonal: bool, by_reading: bool) -> bool:
    return key in keys_of(ch) or (not by_reading and key in SYLLABLES and (tonal or len(key) > 1))


def _splits(letters: list[dict], chars: str, by_reading: bool) -> bool:
    """Whether the letters split into one syllable per character of ``chars``, each reading it."""
    if not chars:
        return not letters
    for size in range(1, min(MAX_SYLLABLE, len(letters)) + 1):
        head, rest = letters[:size], letters[size:]
        if rest and not rest[0]["first"] and rest[0]["key"] in "aoe":
            continue  # run together, a syllable starting with a, o or e needs a separator
        parsed = _key_and_tone(head)
        if parsed and _reads(chars[0], *parsed, by_reading) and _splits(rest, chars[1:], by_reading):
            return True
    return False


def group_annotates(content: str, opener: str, spaced: bool, word: str, by_reading: bool) -> bool:
    """Whether a group's content annotates the end of ``word`` (the output up to its owner)."""
    inner = content.strip(" ")
    labelled = False
    for label in LABELS:
        if inner[: len(label)].lower() == label and inner[len(label) : len(label) + 1] in tuple(COLONS):
            inner, labelled = inner[len(label) + 1 :].strip(" "), True
            break
    loose = spaced or opener not in ROUND or content != content.strip(" ")
    if not inner:
        return False
    if inner[0] in LOOKALIKES or is_zhuyin_letter(inner[0]) or inner[0] in "ˉˊˇˋ˙":
        pieces = inner.split(" ")
        spelled = []
        for piece in pieces:
            if piece[:1] and piece[0] in "ˉˊˇˋ˙":
                piece = piece[1:]
            elif piece[-1:] and piece[-1] in "ˉˊˇˋ˙":
                piece = piece[:-1]
            piece = "".join(LOOKALIKES.get(c, c) for c in piece)
            if not 1 <= len(piece) <= 4 or not all(is_zhuyin_letter(c) for c in piece) or piece not in ZHUYIN_SPELLINGS:
                return False
            spelled.append(piece)
        if not any(is_zhuyin_letter(c) for c in inner) or len(spelled) > MAX_WORD or len(word) < len(spelled):
            return False
        chars = word[len(word) - len(spelled):]
        if not all(map(is_han, chars)):
            return False
        return not by_reading or all(z in zhuyin_keys_of(c) for z, c in zip(spelled, chars))
    letters = spelled_letters(inner, bare=False)
    if letters is None:
        return False
    toned = any(letter["tone"] or letter["digit"] for letter in letters)
    if not labelled and not toned and word and SYMBOL_AFTER.get(word[-1]) == inner:
        return False  # 钠(Na): the element's symbol
    for n in range(1, min(MAX_WORD, len(word)) + 1):
        chars = word[len(word) - n:]
        if not all(map(is_han, chars)):
            return False
        if n == 1 and loose and not labelled and not toned:
            continue  # 書 (shu), 書[shu]: a loose form needs more evidence
        if n > 1 and not labelled and letters[0]["upper"]:
            return False  # 北京(Beijing) is a name
        if _splits(letters, chars, by_reading):
            return True
    return False


def bare_token(text: str, start: int, han: str, by_reading: bool) -> tuple[int, bool, bool] | None:
    """A bare syllable of ``han`` starting at ``start``: (end, a reading, tone-marked), or None."""
    end = start
    while end < len(text) and is_word_char(text[end]):
        end += 1
    if end == start or end - start > MAX_TOKEN or (start > 0 and is_word_char(text[start - 1])):
        return None
    after = text[end : end + 2]
    if after[:1] and after[0] in OPENERS or after[:1] == " " and after[1:] and (
            is_word_char(after[1]) or after[1] in OPENERS):
        return None  # 拼音是pīn yīn: not one of several Latin words, nor before a bracket
    letters = spelled_letters(text[start:end], bare=True)
    parsed = letters and _key_and_tone(letters)
    if not parsed or not _reads(han, *parsed, by_reading):
        return None
    return end, parsed[0] in keys_of(han), any(letter["marked"] for letter in letters)


def bare_chain(text: str, pos: int, han: str, by_reading: bool) -> list[tuple[int, bool, bool]]:
    """The chain of bare syllables starting with ``han``'s at ``pos``."""
    chain = []
    while True:
        start = pos + 1 if text[pos : pos + 1] == " " else pos
        token = bare_token(text, start, han, by_reading)
        if token is None:
            return chain
        chain.append(token)
        pos = token[0] + (text[token[0] : token[0] + 1] == " ")
        if pos >= len(text) or not is_han(text[pos]):
            return chain
        han, pos = text[pos], pos + 1


def _item(text: str, pos: int, word: str, by_reading: bool, chain_until: int) -> tuple[int, int] | None:
    """The item annotating the end of ``word`` (the output so far) at ``pos``:
    (its end, where the removed chain it belongs to ends), or None."""
    owner = word[-1]
    start = pos + 1 if text[pos : pos + 1] == " " else pos
    if text[start : start + 1] in OPENERS:
        close = text.find(OPENERS[text[start]], start + 1, start + 2 + MAX_GROUP)
        context = word[:-1] if owner in QUOTES else word
        if close >= 0 and group_annotates(text[start + 1 : close], text[start], start > pos, context[-MAX_WORD:],
                                          by_reading):
            return close + 1, chain_until
        return None
    if not is_han(owner):
        return None
    if start < chain_until:
        token = bare_token(text, start, owner, by_reading)
        return (token[0], chain_until) if token else None
    chain = bare_chain(text, pos, owner, by_reading)
    if any(marked and reading for _, reading, marked in chain):
        return chain[0][0], chain[-1][0]
    return None


def reference_strip(text: str, mode: str = "reading") -> str:
    """The rules, read once left to right against the output written so far.

    After an owner (a Han character, or a closing quote after one) come
    items -- bracket groups, then a bare syllable -- each after at most one
    space, while they annotate it; they go.  After removed items, one space
    before a Han character goes when that character has items of its own or
    when the owner was reached through such a space.
    """
    by_reading = mode == "reading"
    out: list[str] = []
    i = 0
    annotated = chained = False
    chain_until = -1
    while i < len(text):
        if out and (is_han(out[-1]) or out[-1] in QUOTES):
            found = _item(text, i, "".join(out[-MAX_WORD - 1 :]), by_reading, chain_until)
            if found is not None:
                i, chain_until = found
                annotated = True
                continue
        if (annotated and text[i] == " " and i + 1 < len(text) and is_han(text[i + 1]) and (
                chained or _item(text, i + 2, "".join(out[-MAX_WORD:]) + text[i + 1], by_reading, chain_until))):
            out.append(text[i + 1])
            i += 2
            annotated, chained = False, True
            continue
        out.append(text[i])
        i += 1
        annotated = chained = False
    return "".join(out)
