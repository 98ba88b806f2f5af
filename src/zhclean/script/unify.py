"""Unification (``to="auto"``): a mixed document made consistent in its majority script.

Only the minority runs (``scan.runs``) change, with OpenCC's phrase
conversion of each run in a window reaching ``EXTEND`` characters past it:

- inside a run, from its first minority character to its last, every
  character takes OpenCC's conversion of the window (``属于公有领域`` ->
  ``屬於公有領域``: the ``于`` between two Simplified characters is the
  Simplified one);
- outside it, in the window's extensions, a character changes only when a
  dictionary phrase that straddles the run's edge changes it, that is when
  OpenCC converts it differently with the run than without it (``干净``
  before a run: ``乾淨``); a character OpenCC would change anyway (``平台``
  -> ``平臺``, ``台灣`` -> ``臺灣``, the surname ``于`` -> ``於``) is already
  valid, and stays as the page has it;
- nothing else in the document is touched: lone minority characters
  (``并``, Cantonese ``晒``), characters valid in both scripts, every
  majority-script character.

The Traditional target keeps the page's regional standard: among the
Traditional-only characters that the three standards write differently
(``爲``/``為``, ``裏``/``裡``, ``說``/``説``), the standard the page breaks
least often is chosen (OpenCC's own standard s2t, Taiwan s2tw, Hong Kong
s2hk; ties in that order of preference: Taiwan, Hong Kong, OpenCC).
"""
from __future__ import annotations

import re
from collections import Counter

from .._lazy import Lazy
from .converters import TaiwanForms, convert_pieces
from .edits import Edit, replace
from .scan import census, guess_rare, has_both, outnumbers
from .tables import TABLES, ScriptTables, _class

# How far a window reaches past a run, each side: how far a dictionary
# phrase that starts or ends inside the run can reach out of it.  OpenCC's
# phrases are mostly two to four characters long (干净, 于是乎), so three
# characters cover nearly all of them; the characters a longer phrase would
# reach are left as the page has them, which never damages anything.
EXTEND = 3
# Which OpenCC configuration writes each Traditional standard, and the order
# of preference when a page breaks two of them equally often (most pages
# whose forms say nothing are Taiwanese).  Taiwan's forms are s2t's output
# through TWVariants' single characters (tables.taiwan_forms): what s2tw
# writes but for the 17 names of TWVariantsPhrases (張棟樑), in a third of
# its time (s2tw segments the text twice: 7.9 ms against 22 ms on the
# zhwiki text).
REGION_CONFIGS = {"TW": "s2t", "HK": "s2hk", "STD": "s2t"}
SIMPLIFIED_CONFIG = "t2s"
# Where a sentence ends, for the lone minority characters (see _with_sentences).
SENTENCE_ENDS = ("。", "！", "？", "；", "!", "?", ";", "\n")
# A sentence of lone minority characters is converted only with two or more
# of them: a heading with one old form (世說新語's 企羡第十六) is the page's.
MIN_SENTENCE = 2
SENTENCES = False  # off: see minority_runs


def traditional_standard(text: str, tables: ScriptTables) -> str:
    """The Traditional standard ("TW", "HK", "STD") the page follows best."""
    seen = Counter(tables.region_re.findall(text))
    forms = tables.region_forms
    breaks = {region: sum(n for ch, n in seen.items() if ch not in forms[region]) for region in REGION_CONFIGS}
    return min(REGION_CONFIGS, key=lambda region: breaks[region])  # first in preference order on ties


def _extension_patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per minority, what a window may reach over (alphabet characters that are
    not majority-only): (left, right) patterns, anchored at the run."""
    tables = TABLES.get()
    patterns = {}
    for minority, majority_chars in (("S", tables.traditional), ("T", tables.simplified)):
        reach = _class(tables.alphabet - majority_chars)
        patterns[minority] = (re.compile(f"{reach}{{1,{EXTEND}}}\\Z"), re.compile(f"{reach}{{1,{EXTEND}}}"))
    return patterns


EXTENSIONS: Lazy[dict[str, tuple[re.Pattern[str], re.Pattern[str]]]] = Lazy(_extension_patterns)


def auto_edits(text: str) -> list[Edit]:
    """The edits that unify ``text``; none for pure, neutral or Japanese text.

    Cheapest tests first: nearly every text holds one script only (two
    searches tell), and most of the rest hold lone variants of the rarer
    class (one scan of that class, which also finds kana, tells).
    """
    tables = TABLES.get()
    if not has_both(text, tables):
        return []
    found = minority_runs(text, tables)
    if found is None:
        return []
    minority, spans = found
    if minority == "T":
        return _window_edits(text, spans, minority, SIMPLIFIED_CONFIG, None)
    standard = traditional_standard(text, tables)
    forms = tables.taiwan_forms if standard == "TW" else None
    return _window_edits(text, spans, minority, REGION_CONFIGS[standard], forms)


def minority_runs(text: str, tables: ScriptTables) -> tuple[str, list[tuple[int, int]]] | None:
    """The minority side and its runs; None when there is nothing to unify
    (no majority, no minority run, or kana)."""
    rare = guess_rare(text, tables)
    common = "S" if rare == "T" else "T"
    found = census(text, rare)
    if found.kana:
        return None
    if outnumbers(text, common, found.total - found.astral_other):
        minority, census_of = rare, found
    else:
        other = census(text, common)  # the guess was wrong, or a tie
        if other.total == found.total:
            return None
        minority, census_of = common, other
    # Sentences of lone minority characters (_with_sentences) restore more of
    # the generated set but change old forms in classical text (世說新語's
    # 遐字彦林，河内人。 has no Traditional-only character): runs only.
    spans = census_of.runs if not SENTENCES else _with_sentences(text, census_of.runs, census_of.lone, minority, tables)
    return (minority, spans) if spans else None


def _with_sentences(
    text: str, spans: list[tuple[int, int]], lone: list[int], minority: str, tables: ScriptTables
) -> list[tuple[int, int]]:
    """The runs, and the lone minority characters whose sentence holds no
    majority-only character and MIN_SENTENCE minority ones or more (a
    sentence wholly in the minority script, where
    the distinctive characters happen to stand apart: ``抓好确诊病例救治``
    has only ``诊``, since ``确`` is valid in both scripts).  Each such
    sentence becomes one run, from its first minority character to its last."""
    if not lone:
        return spans
    majority_re = tables.trad_re if minority == "S" else tables.simp_re
    minority_re = tables.simp_re if minority == "S" else tables.trad_re
    added = []
    last_end = -1
    for at in lone:
        if at < last_end:
            continue
        lo = max(text.rfind(stop, 0, at) for stop in SENTENCE_ENDS) + 1
        hi = min((i for i in (text.find(stop, at) for stop in SENTENCE_ENDS) if i >= 0), default=len(text))
        last_end = hi
        if majority_re.search(text, lo, hi):
            continue
        found = [m.start() for m in minority_re.finditer(text, lo, hi)]
        if len(found) >= MIN_SENTENCE:
            added.append((found[0], found[-1] + 1))
    if not added:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + added):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window_edits(
    text: str, spans: list[tuple[int, int]], minority: str, config: str, forms: TaiwanForms | None
) -> list[Edit]:
    left, right = EXTENSIONS.get()[minority]
    left_search, right_match = left.search, right.match
    windows = []  # (start, run start, run end, end)
    previous = 0
    for start, end in spans:
        lo = start - EXTEND if start - EXTEND > previous else previous  # windows never overlap
        before = left_search(text, lo, start) if lo < start else None
        after = right_match(text, end)
        previous = after.end() if after else end
        windows.append((before.start() if before else start, start, end, previous))
    converted = convert_pieces(config, [text[a:b] for a, _, _, b in windows], forms)
    edits: list[Edit] = []
    edges = []  # windows whose edges OpenCC changed
    for window, new in zip(windows, converted):
        a, start, end, b = window
        if len(new) != b - a:
            # Not one character for one (no configuration unification uses
            # does this): the window as OpenCC converts it.
            edits.extend(replace(text, a, b, new))
            continue
        # The run itself: its first and last characters are minority-only,
        # which the conversion always changes, so the edit is the whole run.
        edits.append((start, end, new[start - a : end - a]))
        if (a < start and new[: start - a] != text[a:start]) or (end < b and new[end - a :] != text[end:b]):
            edges.append((window, new))
    if edges:
        # An edge keeps the page's characters unless OpenCC converts it
        # differently without the run: the changed edges are converted alone.
        pieces = [piece for (a, start, end, b), _ in edges for piece in (text[a:start], text[end:b])]
        alone = iter(convert_pieces(config, pieces, forms))
        for ((a, start, end, b), new), alone_left, alone_right in zip(edges, alone, alone):
            edits.extend(_edge(text, a, new[: start - a], alone_left))
            edits.extend(_edge(text, end, new[end - a :], alone_right))
        edits.sort()
    return edits


def _edge(text: str, offset: int, in_window: str, converted_alone: str) -> list[Edit]:
    """The edits of a window's edge: where the window's conversion differs
    from the edge's own (a phrase across the run's edge), one per character."""
    if len(converted_alone) != len(in_window):
        return []
    return [
        (offset + k, offset + k + 1, w)
        for k, (w, c) in enumerate(zip(in_window, converted_alone))
        if w != c and w != text[offset + k]
    ]
