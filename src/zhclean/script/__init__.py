"""Traditional and Simplified script: detection, conversion and unification.

The public facade of the capability: ``detect_script`` and ``convert`` check
their arguments and hand the text down to ``unify`` (unification),
``edits`` (explicit conversion through OpenCC, in pieces), ``scan``
(counting and runs) and ``tables`` (the character classes generated from
OpenCC's dictionaries).  Calls go that way only.  Its scans are
``zhclean.chars``' table look-ups and one loop of its own, the unit scan
(``units`` -> ``_loops``: compiled, with its twin of regular expressions);
the conversions are OpenCC's, put into a unified text by ``_loops``' splice.

``conversion_edits`` and ``converted_count`` are for the package's own
pipeline (the ``Cleaner``): the edits a conversion makes, as positions in
the input, and how many characters they replace.
"""
from __future__ import annotations

from typing import NamedTuple

from .._args import SCRIPT_TARGETS, Script, ScriptTarget, check_choice, require_str
from .._batch import Joined, matching
from ..chars import count_of
from .converters import CONFIGS
from .edits import Edit, apply, explicit_edits
from .edits import converted_count as _converted_count
from .scan import census, count, guess_rare
from .tables import ASTRAL_RE, CHUNKS, TABLES
from .unify import auto_edits, decide, is_japanese, unified

__all__ = ["ScriptInfo", "conversion_edits", "convert", "converted_count", "detect_script"]


class ScriptInfo(NamedTuple):
    """What ``detect_script`` found: the verdict and the counts it came from."""

    script: Script
    """``"traditional"``, ``"simplified"``, ``"mixed"``, ``"neutral"`` or ``"japanese"``."""
    traditional: int
    """Characters found only in Traditional text (``國``, ``裡``, ``溫``)."""
    simplified: int
    """Characters found only in Simplified text (``国``, ``这``)."""
    kana: int
    """Hiragana and katakana, and the kanji only Japanese writes (``図 駅 経``:
    new forms no OpenCC dictionary of Chinese holds)."""


def detect_script(text: str) -> ScriptInfo:
    """Which script ``text`` is written in, from the characters that tell.

    Counts the characters found only in Traditional text and those found
    only in Simplified text, according to OpenCC's own dictionaries (a table
    generated from them: no converter runs).  Characters valid in both
    scripts (``于 后 干 斗 面 台``) count for neither, and the Taiwan and
    Hong Kong standard forms are Traditional (``裡``, ``溫``; ``群`` and
    ``温`` are valid in both), so Taiwanese text is not mixed.  Text with
    kana and at most 10 telling characters per kana is ``"japanese"``
    (``東京の国内線``: 国 内 are Japanese there); a Chinese page that quotes
    a Japanese name is not.  Kanji only Japanese writes count as kana do
    (``国立国会図書館``: 図), and so does text holding characters of both
    scripts that are all ones Japanese writes, two of the minority at least
    (``愛知学院大学``: the new form 学 is Simplified-only in OpenCC's tables,
    愛 Traditional-only; ``unify._kanji_japanese``).  No telling character
    makes it ``"neutral"``.

    The majority script is the one with more *strong* telling characters:
    a few minority characters are variants that a page of the majority
    script writes on purpose (*weak*: in Big5 or Japanese new forms for a
    Traditional page, ``并 内 彦 羡 晒``; in GB2312 for a Simplified one).
    ``"mixed"`` means that ``convert(text)`` has something to unify (see
    there): a sentence, a clause or a run of the other script.  A lone
    minority character among majority ones is a variant the page writes on
    purpose, not a second script: the Traditional news pages of the corpus
    write ``并`` (``多措并舉``), Wikisource's 世說新語 the old forms ``内 彦
    虚``, Cantonese ``晒``; such a text is reported in its majority script,
    with the lone characters still counted.  With no majority (as many
    strong characters of each, and as many in all), the text is
    ``"mixed"``.

    >>> detect_script("台灣的溫泉裡")
    ScriptInfo(script='traditional', traditional=3, simplified=0, kana=0)
    >>> detect_script("请到互助客栈询问。")
    ScriptInfo(script='simplified', traditional=0, simplified=4, kana=0)
    >>> detect_script("這個頁面的內容有疑問，請到互助客栈询问。")
    ScriptInfo(script='mixed', traditional=6, simplified=3, kana=0)
    >>> detect_script("多措并舉保障市場供應")
    ScriptInfo(script='traditional', traditional=3, simplified=1, kana=0)
    >>> detect_script("東京の国内線")
    ScriptInfo(script='japanese', traditional=2, simplified=2, kana=1)
    >>> detect_script("于是 hello 123").script
    'neutral'
    """
    require_str(text, "detect_script")
    if text.isascii():  # no script-telling character or kana is ASCII (tables._build checks)
        return ScriptInfo("neutral", 0, 0, 0)
    tables = TABLES.get()
    found = census(text, guess_rare(text, tables), kana=True)
    counts = count(text, found)
    script: Script
    if is_japanese(counts.kana, counts.traditional, counts.simplified):
        script = "japanese"
    elif not counts.simplified:
        script = "traditional" if counts.traditional else "neutral"
    elif not counts.traditional:
        script = "simplified"
    else:
        decision = decide(text, tables, found)
        if decision.japanese:  # in kanji alone (unify._kanji_japanese)
            script = "japanese"
        elif decision.minority is None or decision.units is not None:
            script = "mixed"
        else:
            script = "simplified" if decision.minority == "T" else "traditional"
    return ScriptInfo(script, counts.traditional, counts.simplified, counts.kana)


def convert(text: str, to: ScriptTarget = "auto") -> str:
    """Convert ``text`` between Traditional and Simplified Chinese.

    ``to="auto"`` unifies a mixed document into its majority script (see
    ``detect_script``), converting only what is in the other script:

    - a sentence with no character of the majority script that holds a run
      of the minority (two of its characters at most 8 apart, no majority
      character or clause break between) or a *strong* lone one (a
      character no page of the majority script writes: ``东 结 诊``) is
      converted whole, characters valid in both scripts included
      (``抓好确诊病例`` -> ``抓好確診病例``), or only its clause when one
      clause alone holds minority characters;
    - in a sentence with majority characters, a clause with none is
      converted whole if it holds a run, or a strong lone character with a
      second character the conversion changes (``各级党委``);
    - elsewhere, each run (and the lone minority characters of its clause)
      with OpenCC's phrase conversion around it: a neighbour valid in both
      scripts changes only as part of the run's phrase (``这里`` ->
      ``這裡``), never on its own (``平台``, ``台灣``, the surname ``于``
      stay as the page has them);
    - nothing else: lone variants stay (``并``, ``晒``, ``30个``), and so
      does every sentence with kana (a quoted Japanese title).

    A Traditional page keeps its regional standard (Taiwan ``為 裡``, Hong
    Kong ``説``).  Pure, neutral and Japanese text is returned unchanged, as
    the very same object.

    The other targets convert everything, exactly as OpenCC's configuration
    does: ``"simplified"`` (t2s), ``"traditional"`` (s2t, OpenCC's
    standard), ``"taiwan"`` (s2tw), ``"hongkong"`` (s2hk) and
    ``"taiwan-phrases"`` (s2twp, with Taiwanese vocabulary).  OpenCC runs
    only on text that holds a character of its dictionaries, and its
    converters are built once per process, on first use.

    >>> convert("這個頁面有疑問，請到互助客栈询问。台灣的平台")
    '這個頁面有疑問，請到互助客棧詢問。台灣的平台'
    >>> convert("维基百科，請到互助客棧詢問这个问题")
    '维基百科，请到互助客栈询问这个问题'
    >>> convert("多措并舉保障市場")
    '多措并舉保障市場'
    >>> convert("干净的平台", to="traditional")
    '乾淨的平臺'
    >>> convert("鼠标和软件", to="taiwan-phrases")
    '滑鼠和軟體'
    >>> convert("乾淨的臺灣", to="simplified")
    '干净的台湾'
    """
    require_str(text, "convert")
    check_choice("to", to, SCRIPT_TARGETS)
    if to == "auto":
        return unified(text)
    return apply(text, _edits(text, to))


def conversion_edits(text: str, to: ScriptTarget) -> list[Edit]:
    """The edits ``convert(text, to)`` makes: ``(start, end, replacement)``
    with ``start`` and ``end`` positions in ``text``, sorted and disjoint.

    >>> text = "這個頁面的內容有疑問，請到互助客栈询问。"
    >>> conversion_edits(text, "auto")
    [(16, 19, '棧詢問')]
    >>> converted_count(text, conversion_edits(text, "auto"))
    3
    >>> conversion_edits("hello", "traditional")
    []
    """
    require_str(text, "conversion_edits")
    check_choice("to", to, SCRIPT_TARGETS)
    return _edits(text, to)


def converted_again(text: str, to: ScriptTarget, since: str) -> str:
    """For the package's pipeline: ``text``, which a conversion to ``to``
    gave as ``since`` before other steps changed it, with what they wrote
    converted as ``convert`` converts it, and nothing else (the conversions
    are not idempotent: ``t2s`` makes 打坯 of 打坏, so a line converted again
    for a trailing space it lost would be damaged)."""
    start, end = _changed(text, since)
    if start == end:
        return text
    piece = text[start:end]
    converted = convert(piece, to)
    return text if converted is piece else text[:start] + converted + text[end:]


def converted_again_edits(text: str, to: ScriptTarget, since: str) -> list[Edit]:
    """The edits of ``converted_again``."""
    start, end = _changed(text, since)
    return [(a + start, b + start, new) for a, b, new in _edits(text[start:end], to)]


# The block compared at a time when looking for where two texts part.
_BLOCK = 4096


def _changed(text: str, since: str) -> tuple[int, int]:
    """The stretch of ``text`` from its first difference from ``since`` to
    its last, found from either end; empty where the two are equal or
    ``text`` only lost characters."""
    if text == since:
        return 0, 0
    most = min(len(text), len(since))
    head = _common(text, since, most, 1)
    tail = _common(text, since, most - head, -1)
    return head, max(head, len(text) - tail)


def _common(a: str, b: str, most: int, way: int) -> int:
    """How many characters ``a`` and ``b`` share from their start (``way``
    1) or their end (-1), ``most`` at most: block by block, then halving."""
    def same(k: int, size: int) -> bool:
        if way == 1:
            return a[k : k + size] == b[k : k + size]
        return a[len(a) - k - size : len(a) - k] == b[len(b) - k - size : len(b) - k]

    k = 0
    while k + _BLOCK <= most and same(k, _BLOCK):
        k += _BLOCK
    size = 1 << (most - k).bit_length() >> 1  # the largest power of two within what is left
    while size:
        if size <= most - k and same(k, size):
            k += size
        size //= 2
    return k


def converted_count(text: str, edits: list[Edit]) -> int:
    """How many characters of ``text`` the ``edits`` change (those that
    differ; every character an edit replaces where it changes the length).

    >>> converted_count("干净", conversion_edits("干净", "traditional"))
    2
    """
    return _converted_count(text, edits)


def _edits(text: str, to: str) -> list[Edit]:
    if to == "auto":
        return auto_edits(text)
    return explicit_edits(text, CONFIGS[to])


def changing(joined: Joined, to: ScriptTarget) -> list[int]:
    """For ``Cleaner.clean_batch``: the texts ``convert(text, to)`` may
    change, of a batch joined by line breaks (``_batch.join``): with
    ``"auto"``, those that hold characters of both scripts (an astral one
    may be either); otherwise those with a character of OpenCC's
    dictionaries."""
    tables = TABLES.get()
    astral = set(matching(ASTRAL_RE, joined))
    if to != "auto":
        return sorted(astral.union(matching(CHUNKS.get(), joined)))
    # Those with a Simplified character (in a Traditional page: the few with
    # a lone 并), then in each of them one search for a Traditional one.
    text, starts = joined
    both = {
        k for k in matching(tables.side_set["S"], joined)
        if count_of(text, tables.side_set["T"], starts[k], starts[k + 1] - 1 if k + 1 < len(starts) else len(text))
    }
    return sorted(both | astral)
