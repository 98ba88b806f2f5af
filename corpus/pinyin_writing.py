"""Source text and the writing of annotations, for the pinyin case generators.

The gold pages of ``corpus/samples/`` split into lines, sentences and clauses,
and annotations written the way flattened ``<ruby>`` leaves them: a random
reading among each character's pypinyin heteronyms, in one of eight written
forms (``spell``), wrapped, chosen, spaced (``annotate``).  Used by
``generate_pinyin_cases`` and ``pinyin_form_cases``.
"""
from __future__ import annotations

import pathlib
import random
import re
import unicodedata

from corpus.pinyin_reference import ZHUYIN_TONES, bopomofo, dict_readings, is_han

ROOT = pathlib.Path(__file__).resolve().parent
SAMPLES = ROOT / "samples"



def read(path: pathlib.Path) -> str:
    return path.read_bytes().decode("utf-8")


def gold_lines() -> list[tuple[str, int, str]]:
    """(file, 1-based line number, line) for every non-empty gold line."""
    rows = []
    for path in sorted((SAMPLES / "gold").glob("*.txt")):
        for number, line in enumerate(read(path).split("\n"), 1):
            if line.strip():
                rows.append((path.name, number, line))
    return rows


def sentences(lines: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    """(where, sentence) for the sentences of the gold lines with 2+ Han."""
    found = []
    for name, number, line in lines:
        for part in re.split(r"(?<=[。;?!！？；])", line):
            if sum(map(is_han, part)) >= 2:
                found.append((f"{name[:3]}:{number}", part))
    return found


def clauses(lines: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    found = []
    for where, sentence in sentences(lines):
        for part in re.split(r"(?<=[,、:;。?!])", sentence):
            if sum(map(is_han, part)) >= 3 and "(" not in part and "\uff08" not in part:
                found.append((where, part))
    return found



TONE_DIGIT = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
STYLES = ["marks", "nfd", "toneless", "digits", "capital", "upper", "lookalike", "zhuyin"]


def toneless(reading: str) -> str:
    out = []
    for c in unicodedata.normalize("NFD", reading):
        if c == "\u0308":
            out[-1] = "ü"
        elif not unicodedata.combining(c):
            out.append(c)
    return "".join(out)


def tone_digit(reading: str, rng: random.Random) -> str:
    nfd = unicodedata.normalize("NFD", reading)
    return next((TONE_DIGIT[c] for c in nfd if c in TONE_DIGIT), rng.choice("50"))


def spell_u(text: str, rng: random.Random) -> str:
    """ü as written by the flatteners: ü, v or u:."""
    return text.replace("ü", rng.choice(["ü", "v", "u:"]))


def spell(reading: str, style: str, rng: random.Random) -> str:
    """One annotation of ``reading`` (tone-marked, from pypinyin)."""
    if style == "marks":
        return reading
    if style == "nfd":
        return unicodedata.normalize("NFD", reading)
    if style == "toneless":
        return spell_u(toneless(reading), rng)
    if style == "digits":
        return spell_u(toneless(reading), rng) + tone_digit(reading, rng)
    if style == "capital":
        base = rng.choice([reading, spell_u(toneless(reading), rng)])
        return base[:1].upper() + base[1:]
    if style == "upper":
        return rng.choice([reading, spell_u(toneless(reading), rng)]).upper()
    if style == "lookalike":
        nfd = unicodedata.normalize("NFD", reading).replace("a", "\u0251").replace("g", "\u0261")
        return unicodedata.normalize("NFC", nfd)
    if style == "zhuyin":
        z = bopomofo(reading)
        variant = rng.random()
        if z.endswith("\u02d9") and variant < 0.5:
            z = "\u02d9" + z[:-1]  # the neutral-tone dot goes first in print
        elif z[-1] not in ZHUYIN_TONES and variant < 0.3:
            z += "\u02c9"  # the first-tone bar, usually left out
        return z
    raise ValueError(style)


def wrap(group: str, wide: bool) -> str:
    return "\uff08" + group + "\uff09" if wide else "(" + group + ")"


def annotatable(ch: str) -> bool:
    return is_han(ch) and bool(dict_readings(ch))


def choose(text: str, density: str, rng: random.Random) -> list[bool]:
    spots = [k for k, ch in enumerate(text) if annotatable(ch)]
    chosen = [False] * len(text)
    if not spots:
        return chosen
    if density == "one":
        chosen[rng.choice(spots)] = True
    else:
        rate = {"all": 1.0, "half": 0.5, "fifth": 0.2}[density]
        for k in spots:
            chosen[k] = rng.random() < rate
        if not any(chosen):
            chosen[rng.choice(spots)] = True
    # A space of the text's own between two annotated characters cannot be
    # told from the flattener's space (責(zé)任(rèn) 筑(zhù)牢 loses it): never
    # annotate both sides of a text's own space.
    for k in range(2, len(text)):
        if text[k - 1] == " " and chosen[k - 2] and chosen[k]:
            chosen[k] = False
    return chosen


def annotate(text: str, chosen: list[bool], rng: random.Random, style: str, wide: bool = False,
             repeat: int = 1, spaced: bool = False) -> str:
    """``text`` with a run after every chosen character.

    ``spaced``: the flattener puts a space after each annotated character
    that a Han character follows -- between two annotated characters, and at
    the end of such a chain (社(she) 會(hui) 變遷).  Not where the character
    after the space is followed by a space of the text's own and a Han
    character: that space would end a chain too and be taken for the
    flattener's.
    """
    out = []
    chained = False  # this character came after a flattener space
    for k, ch in enumerate(text):
        out.append(ch)
        if not chosen[k]:
            chained = False
            continue
        reading = rng.choice(dict_readings(ch))
        group = wrap(spell(reading, style, rng), wide)
        out.append(group * repeat)
        nxt = text[k + 1] if k + 1 < len(text) else ""
        own_space_after_next = text[k + 2 : k + 3] == " " and k + 3 < len(text) and is_han(text[k + 3])
        if spaced and nxt and is_han(nxt) and (chosen[k + 1] and not own_space_after_next or chained and not chosen[k + 1]):
            out.append(" ")
            chained = True
        else:
            chained = False
    return "".join(out)


def pick_unit(units: list[tuple[str, str]], rng: random.Random, want) -> tuple[str, str, list[int]]:
    """A random unit with at least one position satisfying ``want(text, j)``."""
    while True:
        where, text = units[rng.randrange(len(units))]
        spots = [j for j in range(len(text)) if want(text, j)]
        if spots:
            return where, text, spots
