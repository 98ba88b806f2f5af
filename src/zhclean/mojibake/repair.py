"""The repair: which regions of a text to repair, and how, in order.

Orchestration only.  The facade hands a text and a loops module here; the
loops' scan finds the regions worth a look; each is tried with the codec
pairs that could have made it, in one pass (``bulk``), piece by piece
(``stretches``) or re-read in step (``reread``); ``score`` judges every
candidate; the best that do not overlap are applied.

A repair of a region is made only when it is exact and plausible:

* exact: the characters re-encode with the codec that wrongly decoded them,
  and the bytes decode with the right codec.  Where the wrong decoder lost
  bytes (a U+FFFD in the input, or bytes it dropped), every character whose
  bytes all survived is recovered and one U+FFFD stands where characters
  were lost; nothing is invented;
* plausible: the result reads as far more likely text than the input, by
  the character-frequency model, and there is enough of it.
"""
from __future__ import annotations

import bisect
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._lazy import LazyPattern
from .._edits import apply
from .big5 import big5_reading, either_reading
from .bulk import bulk
from .charsets import (
    BIG5_HKSCS,
    BIG5_READ_AS_HKSCS,
    BIG5_UNDECIDED,
    CODEC_NAMES,
    CP1252_EXTRAS,
    HYBRID,
    REREAD_AS,
    REREAD_FROM,
    SCREENED,
    SCREENED_AS,
    SINGLE_BYTE,
    SINGLE_BYTE_CODECS,
    EVERY_PAIR,
    WORD_SPANS,
    WORD_SPANS_ANY,
    private_use_lost,
    squares_lost,
)
from .cuts import char_bytes, forget_chosen_bytes
from .evidence import document_codec, evidenced_decoders
from .neighbours import neighbour_repairs
from .pairs import ordered_pairs
from .records import Known, Repair, Screened, Shares, Stretch, TextStats
from .tables import word_pairs
from .reread import LOSS_REACH, join_across_losses, reread_stretches
from .runs import may_hold_runs, unmistakable_runs
from .trims import lone_letters
from .score import (
    distinct_past_ascii,
    PLAUSIBLE,
    damaged_to_the_edges,
    interior_losses,
    least_evidence,
    plausible_gain,
    reads_very_well,
    reads_well,
    two_byte_evidence,
)
from .stretches import stretches
from .structure import (
    kana_made,
    UTF8_REGION,
    forget_breaks,
    UTF8_RUN,
    STRAYS_REACH,
    UTF8_RUN_LONG,
    around,
    completions,
    european_words,
    between_ascii_letters,
    latin_letters,
    foreign_words,
    mixture_words,
    spaced_words,
    japanese_kana,
    leftover_utf8,
    letters_alone,
    letter_listing,
    box_drawing,
    character_list,
    tone_numbers,
    pinyin_words,
    stray_single_bytes,
    utf8_proofs,
    utf8_run,
    utf8_share,
    utf8_share_of,
)

if TYPE_CHECKING:
    from ._loops import Loops

# A repair as UTF-8 that makes losses is not believed of a stretch this
# short whose characters repeat themselves (CC-CEDICT's 涓埃 涓埃, a word in
# both scripts alike, came out 丰� 丰); a longer one repeats the damage of a
# page (锟斤拷 over and over, where every bar had held).
REPEATING_WORD_BELOW = 8
# Repairs can uncover more: two kinds of mojibake side by side compete for
# one region, and the loser is found again once the winner is repaired.
MAX_PASSES = 4
# Rounds of passes: a round's passes leave what earlier passes repaired
# alone, and a text of two families side by side can need one more look with
# the repaired text in view (·¢²¼…¡£cafÃ© 25Â°C: GBK, then UTF-8 read as
# Latin-1 that the GBK reading took in).  Rounds go on until one changes
# nothing, so that a call does all it will ever do; three were enough for
# every case the property tests generated.
MAX_ROUNDS = 3
# A long region is read as UTF-8 from a two-byte codec's bytes piece by piece
# only where at least this share of those bytes makes UTF-8 sequences
# (structure.utf8_share_of: 0.49-0.9 for UTF-8 read as Big5, GBK, Shift-JIS;
# at most 0.33 for GBK and Big5 read as each other, on Gutenberg, Wikipedia
# and news).  Short regions are always read: their shares say little.  GBK
# read as Big5, sample 003 repeated to 62,000 characters: 2.2 s, 1.9 of them
# reading it as UTF-8 three times over.
UTF8_LEAST_SHARE = 0.4
UTF8_SHARE_FROM = 2000


# A reading that repairs this share of a region or more settles it: the
# readings after it are not worth a try.
SETTLED_SHARE = 0.8
# A pattern's class of characters past Latin-1 is searched item by item,
# a set's lookup costs the same whatever its size: the repair is searched
# for the mixture's own characters by a pattern where they are fewer than
# this, else each of its characters looked up in a set (a page of news in
# the mixture: 56 distinct, 318,000 characters of repair, 1.2 ms by the
# pattern, 10.8 by the set; Gutenberg's: 529 distinct, 44,000 characters,
# 4.6 ms by the pattern, 1.4 by the set).
KEPT_BY_PATTERN_BELOW = 128
# The judge's tests of a stretch's own characters alone (foreign words,
# kana, letters alone, pinyin, its UTF-8, the mixture's own characters)
# are kept for the call by those characters where a stretch has this many
# or more: a page repeated holds long stretches alike (Gutenberg's GBK in
# the crawlers' mixture, repeated to a megabyte: six stretches of 72,000
# characters, 8 ms of such tests each, three times the same two), and a
# short one costs less to test again than to keep.
JUDGED_KEPT_FROM = 1000

# CJK punctuation and the full-width forms: the page's own text wherever they
# stand in the crawlers' mixture (see _judge).
_PAGE_OWN = re.compile("[\u3000-\u303f\uff00-\uffef]")
# ... except, in a stretch of PAGE_OWN_CHANCE_FROM characters or more, a
# full-width letter or digit or a half-width form between two characters a
# single-byte decoder makes of high bytes: GBK bytes that happen to form
# UTF-8 (Ñｱ then À: EF BD B1 are halves of two characters).  One such in a
# news page of 4,742 characters rejected the whole page's reading, and
# readings out of step filled the gap (新冠肺炎 as 泄诜窝酌).  Punctuation
# (。，「) stays the page's own wherever it stands: a page that writes its
# own in UTF-8 between pieces of the mixture keeps it.  In a shorter stretch
# every one stays a bar: GBK bytes made one in that page's 4,742
# characters, so a short stretch seldom holds one by chance, and random
# strings of such characters read as the mixture too (ÂÅ：Ð¼s¢, from the
# snapshot's random strings, would read as 旅咃細新約垄).
_CHANCE_FORMS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffef"
_HIGH_SINGLE_BYTE = f"\x80-\xff{CP1252_EXTRAS}"
# (One of _PAGE_OWN's characters first, then the look-arounds: a pattern
# that starts with a class is scanned for it in C.)
_PAGE_OWN_BESIDE_TEXT = LazyPattern(
    f"{_PAGE_OWN.pattern}(?:(?<![{_HIGH_SINGLE_BYTE}][{_CHANCE_FORMS}])|(?![{_HIGH_SINGLE_BYTE}]))"
)
PAGE_OWN_CHANCE_FROM = 100


# What a call's attempts ask again of the text they all read (see _region):
# a region's characters, statistics and whole readings (bulk), and the lone
# letters of a stretch read as UTF-8, by the text's and the region's
# identity, the objects kept with them; per thread, forgotten when the call
# ends (passes), and only for the call's own text (depth 0: the readings of
# a layer, inside it, are read once).  A megabyte of UTF-8 read as Latin-1
# is repaired three times over in its first round (with the decoder
# evidenced, then without trusting form), and each time read its two
# regions of 260,000 and 230,000 characters whole again: 7.7, 7.6 and 5.0
# ms for the three, 4.7, 2.1 and 0.6 with them kept.
_ASKED = threading.local()


def _asked() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    found = getattr(_ASKED, "memo", None)
    if found is None:
        found = _ASKED.memo = {}
    return found


def _region(text: str, start: int, end: int, loops: Loops) -> tuple[str, TextStats]:
    """``text[start:end]`` and its statistics, the same objects each time a
    call asks (the attempts read the same regions of the same text)."""
    memo = _asked()
    found = memo.get((id(text), start, end))
    if found is not None and found[0] is text:
        return found[1], found[2]
    region = text[start:end]
    stats = loops.text_stats(region)
    memo[id(text), start, end] = (text, region, stats)
    return region, stats


def _bulk(region: str, wrong: str, right: str, losses_in: int, loops: Loops, known: Known) -> list[Stretch] | None:
    """``bulk.bulk`` of ``region``, once a call for each distinct region
    (by its characters, as ``_stretches``: the whole reading depends on
    them alone; Gutenberg's GBK in the mixture, repeated to a megabyte, is
    three regions of 148,813 characters alike, each read whole by thirteen
    pairs, 9 ms), the statistics it keeps for its readings added to
    ``known`` each time (by the readings' own objects, which it returns)."""
    memo = _asked()
    key = ("bulk", region, wrong, right, losses_in)
    found = memo.get(key)
    if found is None:
        kept: Known = {}
        found = memo[key] = (bulk(region, wrong, right, losses_in, loops, kept), kept)
    known.update(found[1])
    return found[0]


def _stretches(region: str, wrong: str, right: str, loops: Loops) -> list[Stretch]:
    """``stretches.stretches`` of ``region``, once a call for each distinct
    region (by its characters: the piece-by-piece reading depends on them
    alone, and a text repeats its damage; span_every_50's 17-character
    regions, the same every 5,940 characters, were read 15 times over in
    250 KB, 0.6 of its 1.0 s)."""
    memo = _asked()
    key = ("stretches", region, wrong, right)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (stretches(region, wrong, right, loops),)
    return list(found[0])  # the caller's own list


def _pinyin_words(region: str, start: int, end: int, keep: bool) -> bool:
    """``structure.pinyin_words`` of the stretch ``start:end`` of ``region``,
    which reads one character beyond it either side and nothing else:
    where ``keep``, kept by those characters for the call (see
    JUDGED_KEPT_FROM)."""
    if not keep:
        return pinyin_words(region, start, end)
    lo, hi = max(0, start - 1), min(len(region), end + 1)
    memo = _asked()
    key = ("judged", "pinyin", region[lo:hi], start - lo, end - lo)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (pinyin_words(region[lo:hi], start - lo, end - lo),)
    return found[0]


def _lone_letters(region: str, stretch: Stretch) -> tuple[int, int]:
    """``trims.lone_letters`` of ``stretch`` in ``region``, once a call."""
    memo = _asked()
    key = ("lone", id(region), stretch.start, stretch.end, id(stretch.text))
    found = memo.get(key)
    if found is None or found[0] is not region or found[1] is not stretch.text:
        found = memo[key] = (region, stretch.text, lone_letters(region[stretch.start : stretch.end], stretch.text))
    return found[2]


def forget_asked() -> None:
    """Drop what _region, _bulk and _lone_letters keep for the call."""
    _ASKED.__dict__.clear()


# The single-byte decoders whose evidence (structure.utf8_proofs) would
# have changed a judgement of the attempt under way, per thread: where it
# would have changed none, the attempt given that evidence is this one
# again (a megabyte of UTF-8 read as Latin-1 was repaired twice over, 2.1
# of its 13.5 ms, to the same result).
_TOLD = threading.local()


def _evidence_told() -> set[str]:
    """The decoders _judge found evidence would tell on, since _round last
    asked (then emptied)."""
    told = getattr(_TOLD, "told", None)
    if told is None:
        told = _TOLD.told = set()
    return told


def _kept(own: list[str], after: str) -> bool:
    """Whether ``after`` holds each of the characters ``own`` (as often)."""
    return all(after.count(ch) >= own.count(ch) for ch in set(own))


def repair_regions(
    text: str,
    regions: list[tuple[int, int]],
    loops: Loops,
    depth: int = 0,
    trust_form: bool = True,
    frozen: Sequence[tuple[int, int]] = (),
    evidenced: frozenset[str] = frozenset(),
    document: str | None = None,
    screened: Screened | None = None,
) -> list[Repair]:
    """The repairs to make in ``text``, given the regions a scan found (or
    ``screened``: the loops' screen of them, taken already).

    ``document``: GBK or Big5 (as ``REREAD_AS`` names them) where the text
    has shown itself to be in that one (``evidence.document_codec``): the other is
    not read from a single-byte decoder.

    ``frozen``: spans (sorted) that earlier passes repaired (and those the
    word test repaired in earlier rounds); they are correct
    text now and no region may take them in (a loss an earlier repair wrote
    is no evidence for the next: taken as one, it let each pass repair one
    more copy of a repeated text, so that no call was the last).
    """
    repairs: list[Repair] = []
    # The loops' screen rules out, region by region, the pairs no repair
    # could pass the judge with (most regions of clean text: all of them).
    if screened is None:
        screened = screen_regions(text, _outside(text, regions, frozen), loops)
    # Only the regions some pair is worth a try in: one kept for the word
    # test alone (repair.word_repairs) reads nothing here, and would cut
    # its neighbours' reach short.
    screened = [region for region in screened if region[2] & EVERY_PAIR]
    regions = [(start, end) for start, end, _ in screened]
    masks = [mask for _, _, mask in screened]
    blocks = [start for start, _ in frozen], [end for _, end in frozen]
    reach_end = 0  # where the previous region's reach stopped
    for index, (region_start, region_end) in enumerate(regions):
        # GBK and Big5 read as each other with losses are re-read over a
        # wider reach: the scan misses much of such text (it reads as real,
        # common characters: 中 in Big5 is い in GBK), and the re-reading
        # keeps whatever does not gain.
        before_block = bisect.bisect_right(blocks[1], region_start)
        reach_start = max(reach_end, region_start - LOSS_REACH, blocks[1][before_block - 1] if before_block else 0)
        after_block = bisect.bisect_left(blocks[0], region_end)
        reach_end = min(
            regions[index + 1][0] if index + 1 < len(regions) else len(text),
            region_end + LOSS_REACH,
            blocks[0][after_block] if after_block < len(blocks[0]) else len(text),
        )
        search = (text, region_start, region_end, reach_start, reach_end, loops, depth, trust_form, evidenced, document)
        mask = masks[index]
        if mask & BIG5_UNDECIDED:
            python = _region_repairs(*search, mask & ~BIG5_UNDECIDED)
            browser = _region_repairs(*search, mask & ~BIG5_UNDECIDED | BIG5_READ_AS_HKSCS)
            repairs.extend(either_reading(text, python, browser))
        else:
            repairs.extend(_region_repairs(*search, mask))
    repairs.sort(key=lambda r: r.start)
    return repairs


def _region_repairs(
    text: str,
    region_start: int,
    region_end: int,
    reach_start: int,
    reach_end: int,
    loops: Loops,
    depth: int,
    trust_form: bool,
    evidenced: frozenset[str],
    document: str | None,
    mask: int,
) -> list[Repair]:
    """The repairs of one region (``mask``: the pairs worth a try), placed in
    ``text``: the best candidates that do not overlap."""
    if depth == 0:  # (a call's own text: inside one, a layer's reading, read once)
        region, region_stats = _region(text, region_start, region_end, loops)
    else:
        region = text[region_start:region_end]
        region_stats = loops.text_stats(region)
    reach = text[reach_start:reach_end]
    candidates: list[tuple[float, Repair]] = []
    # Statistics already computed, by id() of the text; the text is kept
    # with them, so that its id cannot be another's after it is freed.
    known: Known = {id(region): (region, region_stats)}
    shares: Shares = {}  # utf8_share of the texts judged, the same way
    pairs, hybrid_first = ordered_pairs(region, region_stats, mask, depth, document)
    # Whole-region decodings first (one C-speed pass each): where one of
    # them passes the judge over nearly all the region, it is settled and
    # no pair is worth the piece-by-piece reading (GBK read as Latin-1
    # tried UTF-8 and Big5 that way first: 10 us a character each).
    early: dict[tuple[str, str], tuple[list[Stretch] | None, list[tuple[float, Repair]] | None]] = {}
    settled = False
    for wrong, right in pairs:
        found_stretches = (_bulk if depth == 0 else bulk)(region, wrong, right, region_stats.losses, loops, known)
        found = None
        if found_stretches is not None:
            found = _judge(text, region, region_start, found_stretches, loops, depth, known, trust_form, evidenced, shares)
        early[wrong, right] = (found_stretches, found)
        if found is not None and _settles(found, region):
            settled = True
            for _, judged in early.values():
                candidates.extend(judged or ())
            break
    for wrong, right in pairs if not settled else ():
        found_stretches, found = early[wrong, right]
        if found is not None:
            candidates.extend(found)
            if right == "utf-8" and _settles(found, region):
                break
            continue
        if found_stretches is None:
            if region_stats.losses and wrong in REREAD_FROM and right in REREAD_AS:
                # A whole text damaged to both ends is re-read from end to
                # end, but where it starts or ends with a loss, which may
                # be where the reading has to fall into step.
                whole = reach_start == 0 and reach_end == len(text) and damaged_to_the_edges(reach)
                pins = (whole and reach[:1] != "\ufffd", whole and reach[-1:] != "\ufffd")
                reread = reread_stretches(reach, wrong, right, *pins, loops)
                found = _judge(text, reach, reach_start, reread, loops, depth, known, trust_form, evidenced, shares)
                candidates.extend(found)
                if _settles(found, region):
                    break  # read back in step, nearly all of it: settled
                continue
            if (
                right == "utf-8"
                and wrong not in SINGLE_BYTE_CODECS
                and len(region) >= UTF8_SHARE_FROM
                and utf8_share_of(region, wrong, loops) < UTF8_LEAST_SHARE
            ):
                continue  # too few of its bytes make UTF-8 for a repair of it as UTF-8
            found_stretches = _stretches(region, wrong, right, loops)
        found = _judge(text, region, region_start, found_stretches, loops, depth, known, trust_form, evidenced, shares)
        candidates.extend(found)
        if (right == "utf-8" or (hybrid_first and wrong == HYBRID)) and _settles(found, region):
            break  # the region is UTF-8 (or the mixture) that reads well, nearly all of it: settled
    # Heaviest first (UTF-8 repairs, self-checking, count half again);
    # keep those that do not overlap one kept already.
    candidates.sort(key=lambda c: (-c[0] * (1.5 if c[1].encoding == "utf-8" else 1.0), c[1].start))
    return _disjoint(candidate for _, candidate in candidates)


def _settles(found: list[tuple[float, Repair]], region: str) -> bool:
    """Whether the repairs ``found`` in ``region`` cover SETTLED_SHARE of it."""
    return sum(r.end - r.start for _, r in found) >= SETTLED_SHARE * len(region)


def _outside(text: str, regions: list[tuple[int, int]], frozen: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``regions`` with the ``frozen`` spans cut out of them.  A loss at the
    edge of a frozen span stays in view, as a loss (what follows a loss is
    read in step from it: ``\ufffd·¢²¼`` after a repair that ended in one)."""
    if not frozen:
        return regions
    cut: list[tuple[int, int]] = []
    ends = [f_end for _, f_end in frozen]
    for start, end in regions:
        # Only the frozen spans that reach past ``start`` (sorted, disjoint:
        # their ends rise too), until one starts at ``end`` or beyond.
        for index in range(bisect.bisect_right(ends, start), len(frozen)):
            f_start, f_end = frozen[index]
            if f_start >= end:
                break
            # (Sliced, not indexed: a repair that took in a frozen span's
            # loss can leave that span reaching past the text's end;
            # ÛÓ:¨ä¦ý¦Û\ufffdé©¬ä»¬ raised IndexError here.)
            if f_start > start:
                cut.append((start, f_start + (text[f_start : f_start + 1] == "\ufffd")))
            start = max(start, f_end - (text[f_end - 1 : f_end] == "\ufffd"))
        if start < end:
            cut.append((start, end))
    return cut


def _word_edges(text: str, offset: int, region: str, stretch: Stretch) -> Stretch:
    """A stretch of GBK and Big5 read as each other, a character for a
    character, less a character at either end that stands apart from the
    rest of it (ASCII or a space between) and makes a word with the text's
    character beside it where its re-reading makes none (防控 beside GBK read
    as Big5: 控 re-read is 北, a common character too, and 防控 came out 防北;
    tables.word_pairs).  Only one apart: a real span's first character often
    makes a word with the one before it by chance, and the table knows
    Traditional words as OpenCC writes them (本着, not 本著), so a test of
    every edge character left 59 of 170 characters read wrongly."""
    before = region[stretch.start : stretch.end]
    after = stretch.text
    if len(before) != len(after):
        return stretch  # losses: not a character for a character
    pairs = word_pairs()

    def word(first: str, second: str) -> bool:
        return second in pairs.get(first, "")

    def apart(ch: str) -> bool:
        return ch < "\x80" or ch.isspace()

    lo, hi = 0, len(before)
    outer = offset + stretch.start - 1
    if (
        hi >= 2
        and outer >= 0
        and apart(before[1])
        and word(text[outer], before[0])
        and not word(text[outer], after[0])
    ):
        lo = 1
    outer = offset + stretch.end
    if (
        hi - lo >= 2
        and outer < len(text)
        and apart(before[hi - 2])
        and word(before[hi - 1], text[outer])
        and not word(after[hi - 1], text[outer])
    ):
        hi -= 1
    if (lo, hi) == (0, len(before)):
        return stretch
    return stretch._replace(start=stretch.start + lo, end=stretch.start + hi, text=after[lo:hi])


def _byte_alone(parts: list[bytes | None], start: int, end: int) -> bool:
    """Whether the crawlers' mixture read a high byte alone (its Latin-1
    fallback) for one of the characters from ``start`` to ``end``, as the
    reading of the region chose their bytes (``parts``: cuts.char_bytes)."""
    return any(part is not None and len(part) == 1 and part[0] >= 0x80 for part in parts[start:end])


# Characters of three bytes of UTF-8 and more: what a reading of the
# crawlers' mixture may keep as the page wrote it (hybrid.OWN).
_FROM_U0800 = LazyPattern("[\u0800-\U0010ffff]")


def _kept_characters(before: str, after: str) -> str:
    """The characters of U+0800 and more that both ``before`` and ``after``
    hold (as many times as both do): what a reading of the crawlers' mixture
    keeps as the page wrote it.  (Counted in C: a Python step per character
    took 40% of a call on Gutenberg's GBK in the mixture.)"""
    wide = _FROM_U0800.findall(before)
    if not wide:
        return ""  # most stretches of the mixture: nothing of three bytes
    # Only those characters are looked for in the repair (the repair is
    # nearly all Han characters: counting all of them took 18% of a call):
    # by a pattern's class of them where they are few, else by a set's
    # lookup (see KEPT_BY_PATTERN_BELOW).
    distinct = set(wide)
    if len(distinct) < KEPT_BY_PATTERN_BELOW:
        found = re.findall("[" + "".join(map(re.escape, distinct)) + "]", after)
    else:
        found = filter(distinct.__contains__, after)  # type: ignore[assignment]
    kept = Counter(wide) & Counter(found)
    return "".join(kept.elements())


def _less(stats: TextStats, kept: TextStats) -> TextStats:
    """``stats`` of a text less the characters ``kept`` counts (U+0800 and
    more: no loss among them)."""
    return stats._replace(
        non_ascii=stats.non_ascii - kept.non_ascii, class_sum=stats.class_sum - kept.class_sum, wide=stats.wide - kept.wide
    )


# The quotation marks of Western text: a stretch whose characters past ASCII
# are only these is quotation, never GBK or Big5 read byte by byte.
_QUOTES = frozenset("«»‹›“”‘’„‚")


def _quotes_only(text: str) -> bool:
    """Whether every character of ``text`` past ASCII is a quotation mark."""
    found = False
    for ch in text:
        if ch > "\x7f":
            if ch not in _QUOTES:
                return False
            found = True
    return found


def _ascii_letter_inside(text: str) -> bool:
    """Whether an ASCII letter stands between two other characters of ``text``."""
    return any(ch.isascii() and ch.isalpha() for ch in text[1:-1])


def _one_letter(before: str) -> bool:
    """Whether ``before``'s characters past ASCII are one and the same."""
    return len({ch for ch in set(before) if ch > "\x7f"}) == 1  # (the set first: in C)


def _repeats_itself(before: str) -> bool:
    """Whether ``before`` is short (fewer than REPEATING_WORD_BELOW
    characters past ASCII, U+FFFD apart) and half of them or more repeat
    others of it."""
    # (Counted in C first: a whole region of UTF-8 read as GBK with losses,
    # 1 MB, is one stretch, and a list of its characters was half its call.)
    count = len(before) - len(before.encode("ascii", "ignore")) - before.count("\ufffd")
    if not 2 <= count < REPEATING_WORD_BELOW:
        return False
    return 2 * distinct_past_ascii(before) <= count


def _disjoint(candidates: Iterable[Repair]) -> list[Repair]:
    """Each candidate, in order, that overlaps none kept before it.

    The kept ones stay sorted by position, so a candidate is checked against
    its two neighbours only: linear in practice where many repairs fall in
    one region (comparing each with every one kept took 121 s for
    '鍙戝竷的是了' * 40000).
    """
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Repair] = []
    for repair in candidates:
        k = bisect.bisect_right(starts, repair.start)
        if k and ends[k - 1] > repair.start:
            continue  # overlaps the kept repair that starts before it
        if k < len(starts) and starts[k] < repair.end:
            continue  # overlaps the kept repair that starts after it
        starts.insert(k, repair.start)
        ends.insert(k, repair.end)
        kept.append(repair)
    return kept


def _judge(
    text: str,
    region: str,
    offset: int,
    candidates: list[Stretch],
    loops: Loops,
    depth: int,
    known: Known,
    trust_form: bool,
    evidenced: frozenset[str],
    shares: Shares | None = None,
) -> list[tuple[float, Repair]]:
    """The stretches worth making into repairs, each with its weight;
    ``region`` is ``text`` from ``offset`` on; ``trust_form``: whether a
    single-byte stretch may be believed for its form alone
    (``structure.unmistakable_utf8``)."""
    judged: list[tuple[float, Repair]] = []
    if shares is None:
        shares = {}
    mixture: list[bytes | None] | None = None  # the bytes the crawlers' mixture read the region from, once asked

    def utf8_region() -> bool:
        # Asked of each stretch read as GBK or Big5 from a single-byte
        # decoder, and the same region is judged pair after pair: once.
        found = shares.get(id(region))
        if found is None or found[0] is not region:
            found = shares[id(region)] = (region, utf8_share(region, loops))
        return found[1] >= UTF8_REGION

    def stats(text: str) -> TextStats:
        found = known.get(id(text))
        if found is not None and found[0] is text:
            return found[1]
        return loops.text_stats(text)

    def once(name: str, test: Any, before: str, *more: Any) -> Any:
        # A test of the stretch's own characters (and of its repair) alone,
        # where the stretch is long: kept by them for the call (see
        # JUDGED_KEPT_FROM).
        if len(before) < JUDGED_KEPT_FROM:
            return test(before, *more)
        memo = _asked()
        key = ("judged", name, before, *(part for part in more if isinstance(part, str)))
        found = memo.get(key)
        if found is None:
            found = memo[key] = (test(before, *more),)
        return found[0]

    for stretch in candidates:
        if stretch.wrong in REREAD_FROM and stretch.right in REREAD_AS:
            stretch = _word_edges(text, offset, region, stretch)
        elif stretch.wrong in SINGLE_BYTE_CODECS and stretch.right == "utf-8":
            head, tail = (
                _lone_letters(region, stretch)
                if depth == 0
                else lone_letters(region[stretch.start : stretch.end], stretch.text)
            )
            if head or tail:
                kept = stretch.text[head : len(stretch.text) - tail]
                start = stretch.start + len(stretch.text[:head].encode("utf-8"))
                stretch = stretch._replace(start=start, end=start + len(kept.encode("utf-8")), text=kept)
        before = region[stretch.start : stretch.end]
        after = stretch.text
        if after == before:
            continue
        # The input's statistics, asked up to three times below: taken once,
        # first where no form can vouch for the stretch.
        before_stats = None if stretch.wrong in SINGLE_BYTE_CODECS else stats(before)
        if before_stats is not None and before_stats.non_ascii < least_evidence(stretch, before):
            # Too short (the test below, first where no form can vouch for
            # a stretch): 7,389 of 7,393 stretches of 250 KB of the crawlers'
            # mixture, each looked at for pinyin and foreign words first.
            continue
        two_byte_right = stretch.right != "utf-8"
        if two_byte_right and once("foreign", foreign_words, before):
            continue  # a word of Greek, Cyrillic, Hangul...: real text
        if two_byte_right and once("kana", japanese_kana, before):
            continue  # Japanese: its kana are its own
        if two_byte_right and once("letters", letters_alone, before):
            continue  # single letters with spaces between: a list of them
        if two_byte_right and once("drawing", box_drawing, before):
            continue  # a tree, a table or a bar drawn in the text
        if two_byte_right and tone_numbers(text, offset + stretch.start, offset + stretch.end):
            continue  # tone numbers after the letters of a transcription
        if two_byte_right and stretch.wrong in (SINGLE_BYTE, HYBRID) and _one_letter(before):
            # One letter over and over is a format's, not GBK's pairs: Swedish
            # [[ÅÅ]ÅÅ] (a year in date's usage line) came out [[排]排].
            continue
        if two_byte_right and stretch.wrong in (SINGLE_BYTE, HYBRID) and _quotes_only(before):
            # Quotation marks around words are the text's own: «Ctrl»\ in a
            # Ukrainian manual page read as Big5 was 青trl蓋 (« is AB, a lead).
            continue
        if two_byte_right and _pinyin_words(region, stretch.start, stretch.end, len(before) >= JUDGED_KEPT_FROM):
            continue  # the text's own pinyin (tónɡ), which GBK writes too
        page_own = _PAGE_OWN_BESIDE_TEXT if len(before) >= PAGE_OWN_CHANCE_FROM else _PAGE_OWN
        if stretch.wrong == HYBRID:
            if mixture is None:
                mixture = char_bytes(region, HYBRID, loops)  # once a call: the region's reading
            if not _byte_alone(mixture, stretch.start, stretch.end):
                # Every character read as UTF-8 (or kept): nothing the
                # crawlers' fallback to Latin-1 made, so no sign of the
                # mixture at all; letters of any text read so make
                # characters (ı和ç came out 谋和莽, Cyrillic ев» 械胁禄).
                continue
        if stretch.wrong == HYBRID and not _kept(page_own.findall(before), after):
            # CJK punctuation inside the crawlers' mixture is the page's own,
            # between two pieces of it: read as UTF-8 (E3 80 82 for 。) it
            # puts the GBK after it out of step (新闻。ÎÂÜ°Ìáʾ came out
            # 新闻銆偽萝掳提示).  A reading keeps it as it is (hybrid.OWN),
            # or each piece is a repair of its own.
            continue
        structural = False
        if stretch.wrong in (SINGLE_BYTE, HYBRID):
            if two_byte_right and (
                utf8_region()
                or once("share", utf8_share, before, loops) >= UTF8_REGION
                or once("run", utf8_run, before, loops) >= UTF8_RUN + (len(before) >= UTF8_RUN_LONG)
                # (Its letters' neighbours are the text's: Kraków cut at
                # its ó by a region's edge read as GBK's 體.  Its Latin
                # letters are counted once, for this test and the next.)
                or european_words(
                    text, offset + stretch.start, offset + stretch.end,
                    high := latin_letters(text, offset + stretch.start, offset + stretch.end),
                )
                or stretch.right == "gb18030"
                and between_ascii_letters(text, offset + stretch.start, offset + stretch.end, high)
                or stretch.wrong == HYBRID
                and mixture_words(text, offset + stretch.start, offset + stretch.end)
                or spaced_words(text, offset + stretch.start, offset + stretch.end)
                or letter_listing(region, stretch.start, stretch.end, odd=stretch.wrong == SINGLE_BYTE)
            ):
                continue  # UTF-8 read wrongly, or European words or letters: never GBK or Big5
        if stretch.wrong in SINGLE_BYTE_CODECS:
            proofs = (
                utf8_proofs(
                    before, after, loops, stretch.wrong, around(text, offset + stretch.start, offset + stretch.end)
                )
                if trust_form and not two_byte_right
                else (0, 0)
            )
            proof = proofs[stretch.wrong in evidenced]
            if depth == 0 and proofs[0] != proofs[1]:
                _evidence_told().add(stretch.wrong)
            structural = proof >= 2 or (
                proof == 1
                and not stray_single_bytes(
                    region, stretch.start, stretch.end,
                    text[max(0, offset + stretch.start - STRAYS_REACH) : offset + stretch.end + STRAYS_REACH],
                )
            )
            evidence = len(before) - before.count("\ufffd")
        else:
            evidence = (before_stats or stats(before)).non_ascii  # U+FFFD apart
            if two_byte_right:
                evidence = two_byte_evidence(before, evidence)
        if evidence < least_evidence(stretch, before) and not structural:
            continue
        layers = 1
        gain_after = stats(after)
        if (
            stretch.wrong in SINGLE_BYTE_CODECS
            and stretch.right == "utf-8"
            and depth < 2
            and not reads_well(gain_after)
        ):
            # Double encoding: the first layer off may be mojibake again.
            again = fix(after, loops, depth + 1)
            if again is not after:
                after = again
                layers = 2
                gain_after = stats(after)
        gain_before = before_stats or stats(before)
        new_losses = interior_losses(after, gain_after) - interior_losses(before, gain_before)
        if stretch.wrong == HYBRID:
            # The characters the page wrote itself, kept as they are, say
            # nothing of the repair: judged without them (ā和é came out 膩和茅,
            # 和 of class 15 carrying two rare characters with it).
            own = loops.text_stats(once("kept", _kept_characters, before, after))
            gain_before, gain_after = _less(gain_before, own), _less(gain_after, own)
        if new_losses and stretch.right == "utf-8" and _repeats_itself(before):
            # A word written twice (CC-CEDICT's 涓埃 涓埃, Traditional and
            # Simplified alike) read as UTF-8 with a byte of nothing after
            # each: 丰� 丰.  Real damage that lost bytes repeats no such word.
            continue
        if not (structural or plausible_gain(gain_before, gain_after, new_losses)):
            continue
        if two_byte_right and not reads_very_well(gain_after) and (
            stretch.wrong != SINGLE_BYTE or _ascii_letter_inside(before)
        ):
            # GBK <-> Big5: no structure checked, so only clearly good text;
            # the same for GBK or Big5 read as Latin-1 that takes an ASCII
            # letter for a second byte (Latin capitals: MÄ£ÄM ÌÑÌ would read
            # as 模腗 萄, mean class 7; real text reads 13).
            continue
        if two_byte_right and stretch.wrong not in (SINGLE_BYTE, HYBRID) and character_list(after):
            continue  # a list of characters re-read as another (see CHARACTER_LIST_BELOW)
        if two_byte_right and stretch.wrong not in (SINGLE_BYTE, HYBRID) and kana_made(before, after):
            continue  # kana among Han characters: GBK and Big5's damage, not their repair
        wrong = CODEC_NAMES[stretch.wrong]
        after = squares_lost(private_use_lost(after, before, stretch.right), before, stretch.right)
        judged.append(
            (
                max(gain_after.class_sum, PLAUSIBLE * gain_after.non_ascii) if structural else gain_after.class_sum,
                Repair(
                    offset + stretch.start,
                    offset + stretch.end,
                    after,
                    CODEC_NAMES[stretch.right],
                    " then ".join([wrong] * layers),
                    structural,
                    stretch.wrong,
                ),
            )
        )
    return judged


def passes(text: str, loops: Loops, depth: int = 0) -> tuple[str, list[list[Repair]]]:
    """``text`` repaired, and the repairs made, pass by pass: each pass's
    repairs are sorted, disjoint and placed in the text the pass was given
    (the previous pass's output).  Repairs can uncover more, so passes go on
    until one finds nothing (at most MAX_PASSES); rounds of them go on until
    one changes nothing (at most MAX_ROUNDS).

    Each round ends with the short spans of GBK and Big5 read as each other
    that the words they make prove (``word_repairs``; later rounds leave them
    as they are), then the short runs whose form alone proves them (``runs``:
    50掳C, don鈥檛, ¡¶…¡·), outside what the passes repaired.  A text
    repaired as UTF-8 read by a single-byte decoder is finished as one
    (``structure.completions``: C1 controls that were Windows-1252
    punctuation, ``Ã `` that was ``à``).  Where repairs believed for their
    form alone (non-Chinese text) still leave such mojibake behind, the text
    is repaired again without them: a repair of text in another script is
    whole, or not made."""
    if depth:
        repaired, made, _, _ = _passes(text, loops, depth, trust_form=True)
        return repaired, made
    screened = _first_screen(text, loops)
    if screened is None:
        return text, []
    made = []
    settled: list[tuple[int, int]] = []  # what the word test repaired, which later rounds leave as it is
    try:
        for _ in range(MAX_ROUNDS):
            repaired, found, settled = _round(text, loops, screened, settled)
            if not found:
                break
            made.extend(found)
            text = repaired
            screened = None  # of the text before: the next round screens its own
    finally:
        forget_chosen_bytes()
        forget_breaks()
        forget_asked()
    return text, made


def _first_screen(text: str, loops: Loops) -> Screened | None:
    """The loops' screen of the regions the scan finds in ``text``, which
    every first pass over it takes; None when a round would find nothing:
    no region that the screen keeps, and no character a short run starts
    with (scans in C: a line of clean text went through ten Python calls,
    7-10 us, before the round found that out)."""
    if "\ufffd" in text:
        regions = loops.find_regions(text)
        screened = screen_regions(text, regions, loops) if regions else []
    else:  # no loss to join regions across: the regions stay in the loops
        screened = big5_reading(text, loops.scan_and_screen(text))
    if not screened and not may_hold_runs(text, loops):
        return None
    return screened


def screen_regions(text: str, regions: list[tuple[int, int]], loops: Loops) -> Screened:
    """The loops' screen of ``regions`` joined across losses, with the
    reading of Big5 the text's kana decide (``big5.big5_reading``): taken
    once, and handed to every attempt that reads the text as it is."""
    return big5_reading(text, loops.screen(text, join_across_losses(text, regions)))


def _round(
    text: str,
    loops: Loops,
    screened: Screened | None = None,
    settled: Sequence[tuple[int, int]] = (),
) -> tuple[str, list[list[Repair]], list[tuple[int, int]]]:
    """One round of ``passes``: the passes with the judgements on what they
    leave over, then the spans the word test proves, then the short runs.
    ``screened``: the screen of ``text``'s regions, if taken (each attempt's
    first pass reads ``text`` as it is); ``settled``: the spans earlier rounds'
    word tests repaired, which no repair may take in.  Returns the text, the
    repairs and the settled spans, placed in the text."""
    told = _evidence_told()
    told.clear()
    repaired, made, frozen, kept = _attempt(text, loops, trust_form=True, screened=screened, settled=settled)
    # Document-level evidence: a text goes through one wrong decoder.  Once
    # it shows repairs of UTF-8 read by a single-byte decoder, a lone
    # sequence of that decoder that is left over is believed too (rГ©gion
    # beside вЂ™ in Windows-1251; NICIODATĂ™ alone is Romanian and a ™).
    evidenced = evidenced_decoders(made)
    believed: frozenset[str] = frozenset()  # what the attempt that stands was given
    if evidenced and leftover_utf8(repaired, text):
        believed = evidenced
        if told & believed:  # (else the attempt just made, judged the same throughout)
            repaired, made, frozen, kept = _attempt(
                text, loops, trust_form=True, evidenced=believed, screened=screened, settled=settled
            )
    # And once its repairs from a single-byte decoder are nearly all GBK or
    # all Big5, its short lines are read in that one too.
    document = document_codec(made)
    if document:
        repaired, made, frozen, kept = _attempt(
            text, loops, trust_form=True, evidenced=believed, document=document, screened=screened, settled=settled
        )
    if any(r.structural for pass_ in made for r in pass_) and leftover_utf8(repaired, text):
        repaired, made, frozen, kept = _attempt(
            text, loops, trust_form=False, evidenced=evidenced, document=document, screened=screened, settled=settled
        )
    # Then the short spans of GBK and Big5 read as each other that the
    # words they make prove, where the passes repaired nothing: last, so
    # that they only add (one found first, inside text a later pass re-reads
    # in step beside losses, cut that reading short: 会议强调 of 会议强调,要),
    # and settled for the rounds after (a re-reading of the text around one
    # took in its last character: 二三尺 then 喜高 for 尺高).
    # (Where the passes repaired something, the text they leave is screened
    # again: a span their repairs read wrongly, 都汜莉汜魂 for 常生产生活 in the
    # crawlers' mixture, is read now, not by the next call.)
    found = word_repairs(repaired, loops, frozen, screened if not made and not settled else None)
    if found:
        made.append(found)
        frozen = _moved(frozen, found)
        kept = _moved(kept, found)
        repaired = apply(repaired, [(r.start, r.end, r.text) for r in found])
    # The short runs of the text's one pair of GBK and Big5 beside what it
    # repaired (neighbours: 羆ぇ...┬丁矫 before 生太差..., 總之...房間衛).
    found = neighbour_repairs(repaired, made, frozen, loops) if made else []
    if found:
        made.append(found)
        frozen = _moved(frozen, found)
        kept = _moved(kept, found)
        repaired = apply(repaired, [(r.start, r.end, r.text) for r in found])
    runs = [
        Repair(start, end, new, encoding, decoded_as)
        for start, end, new, encoding, decoded_as in unmistakable_runs(repaired, loops)
        if not overlaps(start, end, frozen)
    ]
    if runs:
        made.append(runs)
        kept = _moved(kept, runs, add=False)
        repaired = apply(repaired, [(r.start, r.end, r.text) for r in runs])
    return repaired, made, kept


def _attempt(
    text: str,
    loops: Loops,
    trust_form: bool,
    evidenced: frozenset[str] = frozenset(),
    document: str | None = None,
    screened: Screened | None = None,
    settled: Sequence[tuple[int, int]] = (),
) -> tuple[str, list[list[Repair]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The passes, then the finishing of a text repaired as UTF-8 read by a
    single-byte decoder; with the spans repaired and the ``settled`` ones
    (left as they are), placed in the result."""
    repaired, made, frozen, settled = _passes(text, loops, 0, trust_form, evidenced, document, screened, settled)
    single = [r.wrong for pass_ in made for r in pass_ if r.encoding == "utf-8" and r.wrong in SINGLE_BYTE_CODECS]
    if single:
        codec = max(sorted(set(single)), key=single.count)
        finishing = [
            Repair(start, end, new, encoding, CODEC_NAMES.get(decoded_as, decoded_as), wrong=decoded_as)
            for start, end, new, encoding, decoded_as in completions(repaired, codec)
        ]
        if finishing:
            made.append(finishing)
            frozen = _moved(frozen, finishing)
            settled = _moved(settled, finishing, add=False)
            repaired = apply(repaired, [(r.start, r.end, r.text) for r in finishing])
    return repaired, made, frozen, list(settled)


def word_repairs(
    text: str, loops: Loops, frozen: list[tuple[int, int]], screened: Screened | None = None
) -> list[Repair]:
    """The spans of GBK and Big5 read as each other, too short for the
    frequency model, that the words they make prove (the loops' word test:
    ``tables.word_pairs``), outside ``frozen``; ``screened``: the screen of
    ``text``'s regions, if taken.  Sorted; each the length of what it
    replaces (a character re-reads as one character).  Where the text may
    read Big5 either way (BIG5_UNDECIDED), only what both readings find."""
    if screened is None:
        screened = screen_regions(text, _outside(text, loops.find_regions(text), frozen), loops)
    found: list[Repair] = []
    for start, end, mask in screened:
        if not mask & WORD_SPANS_ANY:
            continue
        for bit, (wrong, right) in enumerate(SCREENED):
            if not mask & WORD_SPANS << bit:
                continue
            readings = [wrong]
            if wrong == SCREENED_AS[BIG5_HKSCS]:
                readings = [wrong, BIG5_HKSCS] if mask & BIG5_UNDECIDED else [
                    BIG5_HKSCS if mask & BIG5_READ_AS_HKSCS else wrong
                ]
            windows = [loops.word_windows(text, start, end, reading, right) for reading in readings]
            found.extend(
                Repair(s, e, after, CODEC_NAMES[right], CODEC_NAMES[readings[-1]], wrong=readings[-1])
                for s, e, after in windows[0]
                if all((s, e, after) in other for other in windows[1:]) and not overlaps(s, e, frozen)
                # (A word of capitals the loops' test lets by: ГГГГ-ММ-ДД,
                # a date format in Russian, re-read as Big5 is 坐坐坐坐; and
                # Japanese: おいおい is 云中云中.)
                and not foreign_words(text[s:e])
                and not japanese_kana(text[s:e])
            )
    return _disjoint(sorted(found, key=lambda r: r.start))


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) meets one of ``spans`` (sorted, disjoint)."""
    k = bisect.bisect_right(spans, (start, float("inf")))
    return (k > 0 and spans[k - 1][1] > start) or (k < len(spans) and spans[k][0] < end)


def _passes(
    text: str,
    loops: Loops,
    depth: int,
    trust_form: bool,
    evidenced: frozenset[str] = frozenset(),
    document: str | None = None,
    screened: Screened | None = None,
    settled: Sequence[tuple[int, int]] = (),
) -> tuple[str, list[list[Repair]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The passes over ``text``; ``screened``: the screen of its regions, if
    taken (the first pass's: ``passes`` hands one over only where nothing is
    frozen or settled yet); ``settled``: spans
    no repair may take in.  Returns the text, the repairs, the spans
    repaired or settled and the settled ones, placed in the text."""
    made: list[list[Repair]] = []
    # What earlier passes repaired, and the settled spans, in the current text.
    frozen: list[tuple[int, int]] = list(settled)
    settled = list(settled)
    for _ in range(MAX_PASSES if depth == 0 else 1):
        if screened is not None:
            if not screened:
                break  # as a scan that finds no region: nothing the screen keeps
            repairs = repair_regions(text, [], loops, depth, trust_form, frozen, evidenced, document, screened)
            screened = None  # the next pass reads the repaired text
        else:
            regions = loops.find_regions(text)
            if not regions:
                break
            repairs = repair_regions(text, regions, loops, depth, trust_form, frozen, evidenced, document)
        if settled:
            # A region joined across a loss can reach over a settled span:
            # what the word test repaired stays as it is.
            repairs = [r for r in repairs if not overlaps(r.start, r.end, settled)]
        repaired = apply(text, [(r.start, r.end, r.text) for r in repairs])
        if repaired is text:
            break
        made.append(repairs)
        frozen = _moved(frozen, repairs)
        settled = _moved(settled, repairs, add=False)
        text = repaired
    return text, made, frozen, settled


def _moved(
    frozen: Sequence[tuple[int, int]], repairs: list[Repair], add: bool = True
) -> list[tuple[int, int]]:
    """The spans ``frozen`` and (``add``) those of ``repairs`` (sorted,
    disjoint from them), placed in the repaired text."""
    spans: list[tuple[int, int, int, bool]] = [(start, end, 0, True) for start, end in frozen]
    spans += [(r.start, r.end, len(r.text) - (r.end - r.start), add) for r in repairs]
    spans.sort()
    moved = []
    shift = 0
    for start, end, growth, kept in spans:
        if kept:
            moved.append((start + shift, end + shift + growth))
        shift += growth
    return moved


def fix(text: str, loops: Loops, depth: int = 0) -> str:
    """``text`` repaired with these loops, until nothing is left to repair."""
    return passes(text, loops, depth)[0]
