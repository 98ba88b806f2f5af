"""Unification (``to="auto"``): a mixed document made consistent in its majority script.

``units`` says what changes: sentences and clauses of the other script,
converted whole, and runs (with the lone minority characters of their
clause).  A run is converted with OpenCC's phrase conversion of a window
reaching ``units.EXTEND`` characters past it, within its clause:

- inside the run, from its first minority character to its last, every
  character takes OpenCC's conversion of the window (``属于公有领域`` ->
  ``屬於公有領域``: the ``于`` between two Simplified characters is the
  Simplified one);
- outside it, in the window's extensions, a character changes only when it
  belongs to the run's word: a dictionary phrase that holds it and a
  character of the run (``这里`` -> ``這裡``), or OpenCC converts it
  differently with the run than without it (``干净`` before a run:
  ``乾淨``); a character OpenCC would change anyway (``平台`` -> ``平臺``,
  ``台灣`` -> ``臺灣``, the surname ``于`` -> ``於``) is already valid, and
  stays as the page has it;
- nothing else in the document is touched;
- nor a character the text mentions as a form, not uses (``mentions``:
  ``繁体字“發”和“髮”都简化为“发”``).

The Traditional target keeps the page's regional standard: among the
Traditional-only characters that the three standards write differently
(``爲``/``為``, ``裏``/``裡``, ``說``/``説``), the standard the page breaks
least often is chosen (OpenCC's own standard s2t, Taiwan s2tw, Hong Kong
s2hk; ties in that order of preference: Taiwan, Hong Kong, OpenCC).
"""
from __future__ import annotations

from typing import NamedTuple

from ..chars import CharMap, count_each, count_of, holds
from . import _loops
from .converters import convert_pieces, convert_spans
from .edits import Edit, replace
from .mentions import mentions, outside
from .scan import Census, astral_counts, census, guess_rare, has_both, kana_outnumbered, outnumbers
from .tables import REGIONS, TABLES, ScriptTables
from .units import Span, Units, Window, minority_units

# Which OpenCC configuration writes each Traditional standard, and the order
# of preference when a page breaks two of them equally often (most pages
# whose forms say nothing are Taiwanese).  Taiwan's forms are s2t's output
# through TWVariants' single characters (tables.taiwan_forms): what s2tw
# writes but for the 17 names of TWVariantsPhrases (張棟樑), in a third of
# its time (s2tw segments the text twice: 7.9 ms against 22 ms on the
# zhwiki text).
REGION_CONFIGS = {"TW": "s2t", "HK": "s2hk", "STD": "s2t"}
SIMPLIFIED_CONFIG = "t2s"
# A text is Japanese when it holds kana and at most this many
# script-telling characters per kana.  Every Japanese line of corpus/multilingual
# has 3 kana per telling character or more, the kanji-heavy headline
# 東京の国内線は時間通りに届く 4 per 7; 世說新語's Wikisource export lists
# one contributor in kana (ゆいしあす): 5 kana for 47,867 telling characters.
# A text with fewer kana is Chinese, and its sentences with kana stay as
# they are (a quoted Japanese title keeps its 国内).
TELLING_PER_KANA = 10
# Japanese in kanji alone (``愛知学院大学``: ``_kanji_japanese``) holds at
# least this many characters of its minority script: every such name, term
# and address of the Japanese data hunted holds two (``学 学``, ``国 会``,
# ``区 号``), while a Chinese wiki heading with one lone variant,
# ``主条目：中文書面語`` (``条``), is Chinese.
KANJI_JAPANESE_LEAST = 2


def is_japanese(kana: int, traditional: int, simplified: int) -> bool:
    return kana > 0 and traditional + simplified <= TELLING_PER_KANA * kana


def traditional_standard(text: str, tables: ScriptTables) -> str:
    """The Traditional standard ("TW", "HK", "STD") the page follows best."""
    breaks = dict(zip(REGIONS, count_each(text, tables.region_breaks)))  # one scan for the three
    return min(REGION_CONFIGS, key=lambda region: breaks[region])  # first in preference order on ties


def auto_edits(text: str) -> list[Edit]:
    """The edits that unify ``text``, each from the first character it
    changes to the last; none for pure, neutral or Japanese text."""
    plan = _plan(text)
    if plan is None:
        return []
    tables, units, config, forms, held = plan
    edits = _whole_edits(text, units.whole, config, forms)
    edits += _kept(text, _window_edits(text, units.windows, units.minority, config, forms, tables), held)
    edits.sort()
    return edits


def unified(text: str) -> str:
    """``text`` unified (what ``convert`` returns, ``auto_edits`` made): the
    sentences and clauses converted whole put in by the splice (``_loops``)
    straight from OpenCC's output, with the windows' edits, in one string (as edits, split apart, sorted and
    joined, they took 5.7 of the Cleaner's 38 ms on the zhwiki text).
    ``text`` itself when nothing is to convert."""
    plan = _plan(text)
    if plan is None:
        return text
    tables, units, config, forms, held = plan
    converted = convert_spans(config, text, units.whole, forms)
    edits = _kept(text, _window_edits(text, units.windows, units.minority, config, forms, tables, minimal=False), held)
    return _loops.LOOPS.spliced(text, units.whole, converted, edits)


def _plan(text: str) -> tuple[ScriptTables, Units, str, CharMap | None, list[Span]] | None:
    """What unifying ``text`` converts, and with which configuration and
    forms, and the mentions no edit may reach into (``units.whole`` is
    without them already); None for pure, neutral or Japanese text.

    Cheapest tests first: nearly every text holds one script only (two
    searches tell), and most of the rest hold lone variants of the rarer
    class (one scan of that class, which also finds kana, tells).
    """
    if text.isascii():  # no script-telling character is ASCII (a flag of the string: constant time)
        return None
    tables = TABLES.get()
    if not has_both(text, tables):
        return None
    units = decide(text, tables).units
    if units is None:
        return None
    if units.minority == "T":
        config, forms = SIMPLIFIED_CONFIG, None
    else:
        standard = traditional_standard(text, tables)
        config = REGION_CONFIGS[standard]
        forms = tables.taiwan_forms if standard == "TW" else None
    held = mentions(text, units.whole, units.windows)
    if held:
        units = units._replace(whole=outside(units.whole, held))
    return tables, units, config, forms, held


class Decision(NamedTuple):
    japanese: bool
    minority: str | None  # "S" or "T"; None: no majority (or Japanese)
    units: Units | None  # what unification converts; None: nothing


def decide(text: str, tables: ScriptTables, found: Census | None = None) -> Decision:
    """Whether ``text`` is Japanese, which script is its minority, and what
    unifying it converts (``text`` holds characters of both scripts;
    ``found``: the census of its rarer class, if taken).

    The majority is the script with more *strong* characters (weak ones,
    ``tables.weak``, are what a page of either script may write): 世說新語's
    遐字彦林，河内人。祖濤 is Traditional with two old forms, not Simplified
    with one Traditional character.  Equal strong counts: all characters
    count; equal again: no majority.
    """
    if found is None:
        found = census(text, guess_rare(text, tables), total=False)
    rare = found.side
    common = "S" if rare == "T" else "T"
    if found.kana and _japanese(text, tables, found.kana):
        return Decision(True, None, None)
    if outnumbers(text, common, found.strong):
        minority, of_minority = rare, found
    else:
        if found.total is None:
            found = census(text, rare)  # with its total, for a tie
        other = census(text, common)  # the guess was wrong, or a tie
        mine, theirs = (found.strong, found.total), (other.strong, other.total)
        if mine == theirs:
            return Decision(False, None, None)
        minority, of_minority = (rare, found) if mine < theirs else (common, other)
    kana = found.kana
    if kana is None:
        weak = tables.weak[minority]
        if of_minority.lone is not None and not of_minority.runs and all(text[at] in weak for at in of_minority.lone):
            return Decision(False, minority, None)  # nothing to convert, kana or not
        kana = count_of(text, tables.kana_set)
        if kana and _japanese(text, tables, kana):
            return Decision(True, None, None)
    if not kana and _kanji_japanese(text, tables, minority):
        return Decision(True, None, None)
    units = minority_units(text, minority, of_minority.runs, of_minority.lone, tables, kana > 0)
    return Decision(False, minority, units)


def _japanese(text: str, tables: ScriptTables, kana: int) -> bool:
    """``is_japanese`` for a text with ``kana`` kana, counting its telling
    characters only as far as it takes."""
    return not kana_outnumbered(text, tables, TELLING_PER_KANA * kana)


def _kanji_japanese(text: str, tables: ScriptTables, minority: str) -> bool:
    """Whether ``text`` (with no kana, holding characters of both scripts)
    is Japanese written in kanji alone: every telling character one that
    Japanese writes (none of ``tables.not_japanese_set``, no astral one),
    and KANJI_JAPANESE_LEAST of the ``minority`` side at least.

    University and company names, addresses, terms and titles
    (``愛知学院大学``, ``国会議員``, ``浮動小数点例外``) write the Japanese
    new forms ``学 国 会 医 数`` (Simplified-only in OpenCC's tables) beside
    the common kanji Japanese kept (``愛 東 員 議``, Traditional-only): the
    67 such strings of mimesis' and faker's Japanese data and the Japanese
    gettext catalogues of a Debian system had been unified (``愛知學院大學``);
    2 still are (``尚絅``: a rare kanji; ``獨協``: the old form).  A Chinese
    text mixing the scripts nearly always holds a character Japanese does
    not write (``們 說 學 这 个``): of 6,498 windows of 6-300 characters of
    the zhwiki text that unification changed, 3 now stay as they are, none
    of 100 characters or more.
    """
    return (
        not holds(text, tables.not_japanese_set)
        and not any(astral_counts(text, tables).values())
        and count_of(text, tables.side_set[minority]) >= KANJI_JAPANESE_LEAST
    )


def _whole_edits(text: str, spans: list[Span], config: str, forms: CharMap | None) -> list[Edit]:
    """Sentences and clauses converted whole: one edit each, from the first
    character the conversion changes to the last."""
    if not spans:
        return []
    converted = convert_pieces(config, [text[a:b] for a, b in spans], forms)
    edits: list[Edit] = []
    for (a, b), new in zip(spans, converted):
        edits.extend(replace(text, a, b, new))
    return edits


def _kept(text: str, edits: list[Edit], held: list[Span]) -> list[Edit]:
    """``edits`` (disjoint), sorted, with the characters of ``held``
    (sorted spans) as ``text`` has them: an edit of one character for one
    keeps them, another that reaches into one is dropped.  One walk over
    both (a search of ``held`` per edit took 2.7 ms of the zhwiki text's
    call: 3,666 edits, 850 mentions)."""
    edits.sort()
    if not held:
        return edits
    kept = []
    k, n = 0, len(held)
    for a, b, new in edits:
        while k < n and held[k][1] <= a:
            k += 1  # ends before this edit, and so before every later one
        if k == n or held[k][0] >= b:
            kept.append((a, b, new))
            continue
        if len(new) != b - a:
            continue
        chars = list(new)
        j = k
        while j < n and held[j][0] < b:
            x, y = held[j]
            chars[max(a, x) - a : min(b, y) - a] = text[max(a, x) : min(b, y)]
            j += 1
        if "".join(chars) != text[a:b]:
            kept.append((a, b, "".join(chars)))
    return kept


def _window_edits(
    text: str,
    windows: list[Window],
    minority: str,
    config: str,
    forms: CharMap | None,
    tables: ScriptTables,
    minimal: bool = True,
) -> list[Edit]:
    """The runs converted with the phrases around them (module docstring);
    not ``minimal``: a run's edit covers all of it, unchanged ends included."""
    if not windows:
        return []
    edits, edges = _loops.LOOPS.window_edits(text, windows, convert_spans(config, text, windows, forms))
    if minimal:  # without the unchanged characters at the ends of each
        edits = [edit for a, b, new in edits for edit in replace(text, a, b, new)]
    if edges:
        # An edge keeps the page's characters unless they belong to the run's
        # word: the changed edges are converted alone to tell.
        pieces = [piece for (a, start, end, b), _ in edges for piece in (text[a:start], text[end:b])]
        alone = iter(convert_pieces(config, pieces, forms))
        for ((a, start, end, b), new), alone_left, alone_right in zip(edges, alone, alone):
            edits.extend(_edge(text, a, new[: start - a], alone_left, (a, start, end, b), minority))
            edits.extend(_edge(text, end, new[end - a :], alone_right, (a, start, end, b), minority))
    return edits


def _edge(
    text: str,
    offset: int,
    in_window: str,
    converted_alone: str,
    window: tuple[int, int, int, int],
    minority: str,
) -> list[Edit]:
    """The edits of a window's edge: where the window's conversion differs
    from the page and the character belongs to the run's word (see the
    module docstring), one per character."""
    if len(converted_alone) != len(in_window):
        return []
    edits = []
    for k, (w, c) in enumerate(zip(in_window, converted_alone)):
        at = offset + k
        if w != text[at] and (w != c or _in_phrase(text, at, window, minority)):
            edits.append((at, at + 1, w))
    return edits


def _in_phrase(text: str, at: int, window: tuple[int, int, int, int], minority: str) -> bool:
    """Whether a dictionary phrase inside the window holds ``at`` and a
    character of the run: from each start, the slice grows while it begins
    a phrase (``phrase_starts``), so most starts cost one look-up, not one
    per length up to the longest phrase (fifteen: 2 of the 9 ms a window's
    edges took on the zhwiki text)."""
    a, start, end, b = window
    tables = TABLES.get()
    phrases, starts, longest = tables.phrases[minority], tables.phrase_starts[minority], tables.longest_phrase
    low = max(at, start) + 1  # a phrase ending here or later holds at and a character of the run
    for i in range(max(a, at - longest + 1, start - longest + 1), min(at, end - 1) + 1):
        for j in range(i + 1, min(b, i + longest) + 1):
            piece = text[i:j]
            if j >= low and piece in phrases:
                return True
            if piece not in starts:
                break
    return False
