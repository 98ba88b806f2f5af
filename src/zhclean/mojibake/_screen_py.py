"""The screen of the mojibake loops in pure Python: the twin of the compiled
``screen`` (in ``_loops_c.pyx``), re-exported by ``_loops_py``.

Most regions the scan finds in clean text are rare characters of classical
or literary Chinese (淸 愼 爲 纔), and none of them is mojibake.  Before any
Python looks at one, the screen asks, for each codec pair worth a try,
whether any repair could pass the judge at all, with conditions the judge's
own imply (so a region ruled out is one the repair would leave as it is):

* read as UTF-8 from GBK, Big5 or Shift-JIS bytes: a run of well-formed
  sequences (no more than SCREEN_GAP bytes apart that decode to nothing)
  holding two or more characters in a row whose mean class is PLAUSIBLE or
  more, none a character UTF-8 made of two-byte codes (U+0250-U+1FFF,
  U+A000-U+F8FF: see stretches);
* GBK and Big5 read as each other: LEAST_TWO_BYTE_EVIDENCE_UNMARKED
  characters in a row whose re-reading averages VERY_PLAUSIBLE, and
  LEAST_TWO_BYTE_EVIDENCE_UNMARKED in a row that gain GAIN a character.
  And, for spans too short for the judge, whether one passes the word test
  (``word_windows``): the pair's bit of WORD_SPANS, read last by that test.

A region with a loss (U+FFFD) keeps GBK and Big5 read as each other: what
follows a loss is read in step from it, which these tests do not follow; the
word test runs there too.  The tests of the UTF-8 pairs run across losses,
the run going on and the bytes the lost character left beside one forgiven
(LOST_UTF8_EDGE: UTF-8 read as Big5 keeps a character or two between
losses), except where a character past the Basic Plane stands, which the
tables here do not encode: then every pair is kept (a Big5-HKSCS one,
𢥫, between losses).  Big5 read as GBK lost bytes every few characters of
Gutenberg's text, and each region tried the three UTF-8 pairs for nothing:
2.9 MB/s, 4.2 without.  The other
pairs (single-byte decoders, the crawlers' mixture, the browsers' GBK) stay
where a character they make stands as their bytes would: a €; a UTF-8 lead
before a continuation (the scan's bits: Latin-1, Windows-1252 and the code
pages); a Latin-1 or Windows-1252 character (tables.LATIN_MADE) beside a
byte it could pair with in GBK or Big5.  Letters alone prove nothing:
``ɛ/ø,e`` is phonetics, and the Cyrillic GBK makes of UTF-8 is no code page.
And GBK and Big5 read byte by byte need two characters in one stretch
that is not European words (``_two_characters``): in a region short
enough to be read whole, and in a long one's window kept for them alone,
read over the whole region once.
Each region comes back with the mask of the pairs worth a try (bits of
charsets.SCREENED, OTHER_PAIRS for the rest), and only regions with one; a
region of SCREEN_WINDOWS_FROM characters or more is screened window by
window, and each run of windows kept comes back as a region of its own.
Where any region holds a character only Big5-HKSCS makes
(tables.shows_hkscs_table), every region of the text is screened with Big5
read as that, and its mask says so (charsets.BIG5_READ_AS_HKSCS).
"""
from __future__ import annotations

from collections import deque

from .charsets import (
    BARRIER,
    BIG5_HKSCS,
    BIG5_READ_AS_HKSCS,
    CODE_PAGES,
    LOSS_MARKER,
    OTHER_PAIRS,
    OTHER_UTF8,
    SCREENED,
    SCREENED_AS,
    SINGLE_BYTE_MAP,
    WORD_SPANS,
    decode_table,
    encode_table,
)
from .tables import (
    CONTINUATION,
    EUROPEAN_SHARE,
    GAIN,
    LATIN_LETTERS,
    LATIN_MADE,
    LEAD,
    LEAST_TWO_BYTE_EVIDENCE_UNMARKED,
    LOST_UTF8_EDGE,
    OWN_GUILLEMETS,
    OWN_QUOTES,
    PAIR_SECOND_LOW,
    PLAUSIBLE,
    SCREEN_GAP,
    SCREEN_OVERLAP,
    SCREEN_WINDOW,
    SCREEN_WINDOWS_FROM,
    STANDING_SPACES,
    TWO_BYTE_FIRST,
    TWO_BYTE_SECOND,
    SHORT_SPAN_LEAST,
    SHORT_SPAN_MOST,
    VERY_PLAUSIBLE,
    alphabet_table,
    foreign_letters,
    class_table,
    page_bytes_table,
    pair_classes_table,
    pair_reads_table,
    alone_from_a_code_page,
    rare_han,
    scan_table,
    shows_hkscs_table,
    small_letters_table,
    word_pairs,
)

__all__ = ["screen", "word_windows"]


def _loss_markers_only(region: str) -> bool:
    """Whether ``region`` is LOSS_MARKER over and over (cut anywhere)."""
    phase = LOSS_MARKER.find(region[:1]) if region else -1
    if phase < 0:
        return False
    return region == (LOSS_MARKER * (len(region) // len(LOSS_MARKER) + 2))[phase : phase + len(region)]


def screen(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The regions worth a look, each with the mask of the pairs worth a try."""
    shows = shows_hkscs_table()
    hkscs = any(ord(ch) < 0x10000 and shows[ord(ch)] for start, end in regions for ch in text[start:end])
    # The screened wrong codec read as another in this text: Big5 as Big5-HKSCS.
    read_as = {SCREENED_AS[BIG5_HKSCS]: BIG5_HKSCS} if hkscs else {}
    reading = BIG5_READ_AS_HKSCS if hkscs else 0
    kept: list[tuple[int, int, int]] = []
    step = SCREEN_WINDOW - SCREEN_OVERLAP
    for start, end in regions:
        if end - start < SCREEN_WINDOWS_FROM:
            windows = [(start, end)]
        else:  # the last window reaches the end
            windows = [(lo, min(lo + SCREEN_WINDOW, end)) for lo in range(start, end - SCREEN_OVERLAP, step)]
        merged: list[tuple[int, int, int]] = []  # this region's runs of windows kept
        two: list[bool] = []  # _two_characters of the region, once asked
        for lo, hi in windows:
            mask = _mask(text, start, end, lo, hi, read_as, two)
            if mask and merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], hi, merged[-1][2] | mask)
            elif mask:
                merged.append((lo, hi, mask | reading))
        kept.extend(merged)
    return kept


def _mask(text: str, start: int, end: int, lo: int, hi: int, read_as: dict[str, str], two: list[bool]) -> int:
    """The mask of the window ``text[lo:hi]`` of the region ``text[start:end]``
    (_other_viable sees the whole region).  ``two``: the region's
    _two_characters once a window asked it (empty before), or True where
    the region holds a loss or a €."""
    if _loss_markers_only(text[lo:hi]):
        return 0
    mask = 0
    losses = False
    scan = scan_table()
    astral = False
    for k in range(lo, hi):
        cp = ord(text[k])
        astral = astral or cp >= 0x10000
        if cp == 0xFFFD:
            losses = True
        elif mask != OTHER_PAIRS | OTHER_UTF8:
            mask |= _other_viable(text, k, start, end, cp, scan)
    euro = "\u20ac" in text[lo:hi]
    if mask & OTHER_PAIRS and not losses and not euro and end - start < SCREEN_WINDOWS_FROM:
        if not _two_characters(text[start:end]):
            mask &= ~OTHER_PAIRS
    classes = class_table()
    foreign = _foreign_letters(text, lo, hi)  # the window's letters of words, for every test
    for bit, (wrong, right) in enumerate(SCREENED):
        wrong = read_as.get(wrong, wrong)
        if right != "utf-8" and _windows(text, lo, hi, encode_table(wrong), decode_table(right), True, foreign):
            mask |= WORD_SPANS << bit
        if losses and (right != "utf-8" or astral):
            # GBK and Big5 read as each other with losses: the re-reading's
            # to judge; and the tests of the UTF-8 pairs, which run across
            # losses, not beside a character past the Basic Plane, which the
            # screen's tables do not encode (Big5-HKSCS writes 𢥫 in two bytes).
            viable = True
        elif right == "utf-8":
            viable = _utf8_viable(text, lo, hi, encode_table(wrong), classes, foreign) or (
                # With losses, Big5 read either way where the text does not
                # show which (big5.big5_reading decides later, by votes).
                losses and not read_as and wrong == SCREENED_AS[BIG5_HKSCS]
                and _utf8_viable(text, lo, hi, encode_table(BIG5_HKSCS), classes, foreign)
            )
        else:
            viable = _two_byte_viable(text, lo, hi, encode_table(wrong), decode_table(right), classes)
        if viable:
            mask |= 1 << bit
    if mask == OTHER_PAIRS and not losses and not euro and end - start >= SCREEN_WINDOWS_FROM:
        # A window of a long region kept for those pairs alone: the region
        # as the judge is given it, read once (a page of Greek had a window
        # of each kept for one «C, AB 43, a GBK pair; where the window is
        # kept anyway, as in a page of mojibake, the reading would only cost).
        if not two:
            region = text[start:end]
            two.append("\ufffd" in region or "\u20ac" in region or _two_characters(region))
        if not two[0]:
            mask = 0
    return mask


def _other_viable(text: str, k: int, start: int, end: int, cp: int, scan: bytes) -> int:
    """The bits of the other pairs (OTHER_UTF8, OTHER_PAIRS) whose repair
    the character at ``k`` may be a byte of: a €, both; a UTF-8 lead before
    the continuations it needs (Serbian ај is E0 BC in Windows-1251, Kazakh
    тің F2 B3 BA, and a word goes on) or, read as Windows-1252, before a
    loss (a byte it leaves undefined), the first; a Latin-1 or Windows-1252
    character beside another or before an ASCII second byte, that it makes a likely
    character with (tables.pair_reads_table): a pair of GBK or Big5 bytes read
    byte by byte (the crawlers' mixture too: a § between two Han characters is
    Big5's or GBK's own).  Its neighbours are the text's, within the region
    and beside it; beyond that, they may be anything."""
    if cp == 0x20AC:
        return OTHER_PAIRS | OTHER_UTF8
    after = _beside(text, k + 1, start, end)
    bits = 0
    if cp < 0x10000 and scan[cp] & LEAD and (
        after < 0
        or (after == 0xFFFD and cp in LATIN_MADE)
        or (after < 0x10000 and scan[after] & CONTINUATION and _continues(text, k, start, end, cp, scan))
    ):
        bits = OTHER_UTF8
    if cp not in LATIN_MADE:
        return bits
    before = _beside(text, k - 1, start, end)
    return bits | OTHER_PAIRS * (
        after < 0
        or before < 0
        or after in SINGLE_BYTE_MAP and SINGLE_BYTE_MAP[after] >= 0x80 and _pair_reads(SINGLE_BYTE_MAP[cp], SINGLE_BYTE_MAP[after])
        or 0x40 <= after <= 0x7E and _pair_reads(SINGLE_BYTE_MAP[cp], after)
        or before in SINGLE_BYTE_MAP and SINGLE_BYTE_MAP[before] >= 0x80 and _pair_reads(SINGLE_BYTE_MAP[before], SINGLE_BYTE_MAP[cp])
    )


def _pair_reads(lead: int, second: int) -> bool:
    """Whether the bytes make a likely character (tables.pair_reads_table)."""
    if not (lead >= 0x80 and second >= PAIR_SECOND_LOW):
        return False
    return pair_reads_table()[(lead - 0x80) * (0x100 - PAIR_SECOND_LOW) + second - PAIR_SECOND_LOW] == 1


def _two_characters(region: str) -> bool:
    """Whether a stretch of ``region`` (what the judge is given, no loss in
    it, no €), read as GBK or Big5 bytes by a single-byte decoder or by the
    crawlers' mixture, may give the judge what it asks of one:

    * two characters out (score.plausible_gain), of a mean class of
      PLAUSIBLE or more (reads_well; VERY_PLAUSIBLE for the mixture, which
      always needs reads_very_well): two sites, disjoint, where a site is
      where a character out can start (see _byte_by_byte and _mixture),
      whose best classes reach that mean (of two characters or more that
      do, the two best do);
    * not European words (structure.european_words): with T letters
      touching two ASCII letters in the stretch and N the others,
      T < EUROPEAN_SHARE * (T + N), or no Latin letter at all.  Two sites
      that hold the fewest touching letters between them are the next
      disjoint ones, and N is at most the letters of the stretch between
      the reading's breaks (see _byte_by_byte and _mixture: the text's own
      letters and quotes, structure.own_characters; each reading has its
      own too).

    The mixture is read only where a character only it makes stands
    (pairs._MIXTURE_ONLY)."""
    n = len(region)
    codes = [ord(ch) for ch in region]
    byte = [SINGLE_BYTE_MAP.get(cp, -1) for cp in codes]  # -1: no single-byte decoder makes it
    letter = [any(low <= cp <= high for low, high in LATIN_LETTERS) for cp in codes]

    def ascii_letter(k: int) -> bool:
        return 0 <= k < n and codes[k] < 0x80 and chr(codes[k]).isalpha()

    touching = [
        letter[k] and (ascii_letter(k - 2) and ascii_letter(k - 1) or ascii_letter(k + 1) and ascii_letter(k + 2))
        for k in range(n)
    ]
    own = [_own(codes, byte, k, ascii_letter) for k in range(n)]
    for first, past in _runs_beside_ascii(codes, byte, ascii_letter):
        own[first:past] = [True] * (past - first)
    words = (letter, touching)
    if _byte_by_byte(codes, byte, own, words):
        return True
    if not any(0x100 <= cp < 0x800 and byte[k] < 0 for k, cp in enumerate(codes)):
        return False
    foreign = _foreign_letters(region, 0, n)
    standing = _standing_words(codes)
    return _mixture(codes, byte, [o or f or w for o, f, w in zip(own, foreign, standing)], words)


def _standing_words(codes: list[int]) -> list[bool]:
    """For each character, whether it is in a run of letters of one script
    other than Latin that stands between ASCII that is no second byte
    (below PAIR_SECOND_LOW), a space on one side at least: a word of real
    text, however short (Greek η, να), which the crawlers' mixture does not
    make (see tables.FOREIGN_WORD_LEAST).  The one break of the screen's
    that the judge does not make: there it would take such words out of the
    pieces they keep whole (a Greek catalogue's «%s»· came out 芦%s环), and a
    page of Greek went to Python, a region a copy, without it.  A character
    of the mixture alone with a space and punctuation around it (们 谓, is
    ÃÇ ν,) is left as it is."""
    alphabet = alphabet_table()
    n = len(codes)
    standing = [False] * n
    k = 0
    while k < n:
        script = alphabet[codes[k]] if codes[k] < 0x10000 else 0
        if script <= 1:
            k += 1
            continue
        end = k + 1
        while end < n and codes[end] < 0x10000 and alphabet[codes[end]] == script:
            end += 1
        if (
            k > 0 and end < n and codes[k - 1] < PAIR_SECOND_LOW and codes[end] < PAIR_SECOND_LOW
            and (chr(codes[k - 1]) in STANDING_SPACES or chr(codes[end]) in STANDING_SPACES)
        ):
            standing[k:end] = [True] * (end - k)
        k = end
    return standing


def _runs_beside_ascii(codes: list[int], byte: list[int], ascii_letter) -> list[tuple[int, int]]:
    """The characters no single-byte decoder makes that are the text's own
    in both readings, one alone or a run of Latin letters past Latin-1
    (structure._OWN_LETTER, _OWN_LETTERS): ASCII (or the edge) on both
    sides, and an ASCII letter beside it with ASCII (or the edge) beyond."""
    n = len(byte)
    alphabet = alphabet_table()

    def ascii_or_edge(j: int) -> bool:
        return not 0 <= j < n or 0 <= byte[j] < 0x80

    runs = []
    k = 0
    while k < n:
        if byte[k] >= 0:
            k += 1
            continue
        past = k + 1
        while past < n and byte[past] < 0:
            past += 1
        if (
            (past == k + 1 or all(0x100 <= codes[j] < 0x10000 and alphabet[codes[j]] == 1 for j in range(k, past)))
            and ascii_or_edge(k - 1)
            and ascii_or_edge(past)
            and (ascii_letter(k - 1) and ascii_or_edge(k - 2) or ascii_letter(past) and ascii_or_edge(past + 1))
        ):
            runs.append((k, past))
        k = past
    return runs


def _own(codes: list[int], byte: list[int], k: int, ascii_letter) -> bool:
    """Whether the character at ``k`` is the text's own in both readings
    (structure._beside_ascii): a curly quote with ASCII (or the edge) on
    both sides, and an ASCII letter beside it with ASCII (or the edge)
    beyond that; a guillemet as structure._OWN_GUILLEMET reads it (and the
    characters no single-byte decoder makes: _runs_beside_ascii)."""
    n = len(codes)

    def ascii_or_edge(j: int) -> bool:
        return not 0 <= j < n or codes[j] < 0x80

    if codes[k] == _OPENING:
        return (k == 0 or codes[k - 1] < PAIR_SECOND_LOW) and ascii_letter(k + 1) and ascii_or_edge(k + 2)
    if codes[k] == _CLOSING:
        return (k + 1 == n or codes[k + 1] < PAIR_SECOND_LOW) and ascii_letter(k - 1) and ascii_or_edge(k - 2)
    return (
        codes[k] in _OWN_QUOTES
        and ascii_or_edge(k - 1)
        and ascii_or_edge(k + 1)
        and (ascii_letter(k - 1) and ascii_or_edge(k - 2) or ascii_letter(k + 1) and ascii_or_edge(k + 2))
    )


def _byte_by_byte(codes: list[int], byte: list[int], own: list[bool], words: tuple[list[bool], list[bool]]) -> bool:
    """_two_characters for a single-byte decoder's reading: every character
    one byte; breaks at the characters it cannot make, at the text's own,
    and at a high byte that is an error in every reading (no first byte
    with the next, nor second with the one before); a site is two bytes, a
    first and a second, likely where GBK or Big5 reads them as a character
    of class PLAUSIBLE or more."""
    n = len(codes)
    classes = pair_classes_table()
    breaks = [byte[k] < 0 or own[k] or _dead(byte, k) for k in range(n)]
    start = 0
    for stop in [k for k in range(n) if breaks[k]] + [n]:
        sites = [
            (k, k + 2, 1, classes[0x10000 | byte[k] << 8 | byte[k + 1]])
            for k in range(start, stop - 1)
            if _first(byte[k]) and _second(byte[k + 1])
        ]
        if _gives_two(sites, words, start, stop, PLAUSIBLE):
            return True
        start = stop + 1
    return False


def _dead(byte: list[int], k: int) -> bool:
    """Whether the high byte at ``k`` is an error in every reading (bytes
    beside it that no single-byte decoder made may be anything)."""
    high = byte[k]
    if high < 0x80:
        return False
    after = byte[k + 1] if k + 1 < len(byte) else None
    before = byte[k - 1] if k > 0 else None
    first = _first(high) and after is not None and (after < 0 or _second(after))
    second = before is not None and (before < 0 or _first(before) and _second(high) or _digit(before) and _first(high))
    return not first and not second


def _mixture(codes: list[int], byte: list[int], own: list[bool], words: tuple[list[bool], list[bool]]) -> bool:
    """_two_characters for the crawlers' mixture (hybrid): a character is
    its byte, its UTF-8 or (from U+0800) its own GBK bytes, so every one
    not ASCII is a site, of two characters out where two can start in it
    (in three bytes or more: at the first and third, or second and fourth;
    in two, one); its class the best of what a pair of its bytes, or of its
    last and the next one's first, reads as in GBK, or of itself where the
    page wrote it (_mixture_class); breaks at the text's own (``own``: and
    at the letters of a word in a script other than Latin, _foreign_letters
    and _standing_words, which the mixture does not make: a page of Greek,
    its UTF-8 GBK's 谓伪喂 for ναι, had a window of each kept for a Python
    reading that found nothing)."""
    n = len(codes)
    start = 0
    for stop in [k for k in range(n) if own[k]] + [n]:
        sites = [
            (k, k + 1, 2 if codes[k] >= 0x800 else 1, _mixture_class(codes, byte, k))
            for k in range(start, stop)
            if codes[k] >= 0x80
        ]
        if _gives_two(sites, words, start, stop, VERY_PLAUSIBLE):
            return True
        start = stop + 1
    return False


def _mixture_options(cp: int, single: int) -> list[bytes]:
    """The bytes the mixture may have read ``cp`` from (hybrid._options)."""
    options = [bytes([single])] if single >= 0 else []
    if 0x80 <= cp and not 0xD800 <= cp <= 0xDFFF:
        options.append(chr(cp).encode("utf-8"))
    if cp >= 0x800:
        code = encode_table("gb18030")[cp] if cp < 0x10000 else -1
        if code >= 0x10000:
            options.append(bytes([code >> 8 & 0xFF, code & 0xFF]))
    return options


def _mixture_class(codes: list[int], byte: list[int], k: int) -> int:
    """The best class of a character out of the mixture that starts in the
    character at ``k`` (see _mixture)."""
    classes = pair_classes_table()
    cp = codes[k]
    best = 0
    if 0x800 <= cp < 0x10000 and encode_table("gb18030")[cp] >= 0x10000:
        best = class_table()[cp]  # the page's own, read back as itself
    following = codes[k + 1] if k + 1 < len(codes) else None
    if following is None:
        nexts: list[int] = []
    elif following < 0x80:
        nexts = [following]
    else:
        nexts = [option[0] for option in _mixture_options(following, byte[k + 1])]
    for option in _mixture_options(cp, byte[k]):
        for first, second in list(zip(option, option[1:])) + [(option[-1], second) for second in nexts]:
            best = max(best, classes[first << 8 | second])
    return best


def _gives_two(
    sites: list[tuple[int, int, int, int]], words: tuple[list[bool], list[bool]], start: int, stop: int, bar: int
) -> bool:
    """Whether a stretch of the characters from ``start`` to ``stop`` (no
    break among them) holds sites of two characters out of a mean class of
    ``bar`` or more, not European words; ``sites``: (first character, past
    the last, characters out, best class), in order.  Linear: for each
    site, the best one before it that the stretch between them may hold
    (a window that only moves on, its best kept in a queue)."""
    if not sites:
        return False
    letter, touching = words
    others = sum(1 for k in range(start, stop) if letter[k] and not touching[k])
    # The most touching letters a stretch between two sites may hold.
    most = 0
    while (most + 1) * (1 - EUROPEAN_SHARE) < EUROPEAN_SHARE * others:
        most += 1
    touched = [0]  # touching letters before each character from start
    for k in range(start, stop):
        touched.append(touched[-1] + touching[k])

    def touches(first: int, past: int) -> int:
        return touched[past - start] - touched[first - start]

    window: deque[int] = deque()  # sites before, best first, in order
    pushed = 0
    for first, past, out, best in sites:
        if out >= 2 and best >= bar and touches(first, past) <= most:
            return True
        while pushed < len(sites) and sites[pushed][1] <= first:
            while window and sites[window[-1]][3] <= sites[pushed][3]:
                window.pop()
            window.append(pushed)
            pushed += 1
        while window and touches(sites[window[0]][0], past) > most:
            window.popleft()
        if window and sites[window[0]][3] + best >= 2 * bar:
            return True
    return False


def _first(byte: int) -> bool:
    return TWO_BYTE_FIRST[0] <= byte <= TWO_BYTE_FIRST[1]


def _second(byte: int) -> bool:
    return any(low <= byte <= high for low, high in TWO_BYTE_SECOND)


def _digit(byte: int) -> bool:
    """A second byte of GB18030's four (the byte before a third)."""
    return TWO_BYTE_SECOND[0][0] <= byte <= TWO_BYTE_SECOND[0][1]


_OWN_QUOTES = frozenset(map(ord, OWN_QUOTES))
_OPENING, _CLOSING = map(ord, OWN_GUILLEMETS)


def _beside(text: str, j: int, start: int, end: int) -> int:
    """The code point at ``j``, inside the region ``text[start:end]`` or just
    beside it; -1 beyond that or the text."""
    return ord(text[j]) if start - 1 <= j <= end and 0 <= j < len(text) else -1


def _continues(text: str, k: int, start: int, end: int, cp: int, scan: bytes) -> bool:
    """Whether the lead at ``k`` has, in some reading of its bytes
    (tables.page_bytes_table), the continuations it needs (and, read by a
    code page, makes no rare Han character); where a code page reads it,
    and the character is none of those one sequence alone shows
    (tables.ALONE_FROM_A_CODE_PAGE), then another such sequence right
    after it (a loss, or what is beyond the region and beside it, may be
    anything); and where it is one of those, no stray byte of that
    reading right beside it (_stray_beside)."""
    for page in range(1 + len(CODE_PAGES)):
        found = _page_sequence(text, k, start, end, page)
        if found is not None and found[0] >= 0 and page:
            if not alone_from_a_code_page(found[1]):
                found = _page_sequence(text, found[0], start, end, page)
            elif _stray_beside(text, k, found[0], start, end, page):
                found = None
        if found is not None:
            return True
    return False


def _stray_beside(text: str, k: int, after: int, start: int, end: int, page: int) -> bool:
    """Whether the code page ``page`` reads a byte right before the sequence
    from ``k`` to ``after`` that is a lead (or no UTF-8 byte at all: it ends
    no sequence), or right after it one that starts none (and no sequence
    starts there: two in a row the judge believes as they are): a byte no
    UTF-8 holds, so that one sequence alone is no repair the judge believes
    (structure.stray_single_bytes).  Ukrainian Військовий is C2 B3 E9 in
    Windows-1251, where C2 B3 is UTF-8's ³ and E9 F1 no sequence: every
    line of a Ukrainian page went to Python, at 0.8 MB/s."""
    before = _page_byte(text, k - 1, start, end, page)
    following = _page_byte(text, after, start, end, page)
    if following >= 0xC0 and _page_sequence(text, after, start, end, page) is not None:
        return False  # a second sequence right after: two the judge believes without the test
    return before >= 0xC0 or following >= 0x80


def _page_byte(text: str, j: int, start: int, end: int, page: int) -> int:
    """The byte the reading ``page`` makes of the character at ``j`` (0 for
    none); -1 for a loss, or what may be anything (see _beside)."""
    other = _beside(text, j, start, end)
    if other < 0 or other == 0xFFFD:
        return -1
    return page_bytes_table()[page << 16 | other] if other < 0x10000 else 0


def _page_sequence(text: str, k: int, start: int, end: int, page: int) -> tuple[int, int] | None:
    """Where the well-formed UTF-8 sequence the reading ``page`` makes of
    the characters from ``k`` on ends, and its code point; (-1, 0) where it
    reaches a loss or what may be anything; None where there is none, or a
    code page's makes a rare Han character (Latin-1's and Windows-1252's
    may: a span of rare characters beside a loss is one region, 呉 in å‘‰
    alone)."""
    lead = _page_byte(text, k, start, end, page)
    if lead < 0:
        return -1, 0
    if not 0xC2 <= lead <= 0xF4:
        return None
    size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    code = lead & (0x1F if size == 2 else 0x0F if size == 3 else 0x07)
    for j in range(k + 1, k + size):
        byte = _page_byte(text, j, start, end, page)
        if byte < 0:
            return -1, 0
        if not 0x80 <= byte <= 0xBF:
            return None
        code = code << 6 | (byte & 0x3F)
    if code < (0x80, 0x800, 0x10000)[size - 2] or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None  # overlong, a surrogate, past Unicode: no UTF-8
    if page and rare_han(code, class_table()):
        return None
    return k + size, code


# The byte _utf8_viable writes for a character the wrong codec cannot have
# made: no UTF-8 holds it, and no codec screened writes it alone.
_UNMADE = 0xFF


def _utf8_viable(text: str, start: int, end: int, encoded, classes: bytes, foreign: list[bool]) -> bool:
    """Whether ``text[start:end]`` re-encoded holds a run of UTF-8 the judge
    may believe.  Piece by piece between losses: a loss ends what a sequence
    may take, but not the run (the repair's stretch goes on across it), and
    the gap starts afresh at -LOST_UTF8_EDGE (the bytes of the lost
    character beside it go into the loss: stretches.stretches)."""
    # A letter of a word in a script other than Latin (``foreign``, for each
    # character of the window) is a break, as in the repair's pieces.
    run = _Run(PLAUSIBLE, 2)
    gap = 0
    k = start
    while k <= end:
        data = bytearray()
        while k < end and text[k] != "\ufffd":
            cp = ord(text[k])
            code = encoded[cp] if cp < 0x10000 and not foreign[k - start] else BARRIER
            if code >= 0x10000:
                data.append(code >> 8 & 0xFF)
                data.append(code & 0xFF)
            elif code >= 0:
                data.append(code)
            else:
                data.append(_UNMADE)
            k += 1
        i = 0
        while i < len(data):
            byte = data[i]
            if byte < 0x80:
                i += 1
                continue
            if byte == _UNMADE:  # a break: the repair's pieces end there (stretches._pieces)
                if run.found:
                    return True
                run = _Run(PLAUSIBLE, 2)
                gap = 0
                i += 1
                continue
            cp, size = _sequence(data, i)
            if size and not (0x250 <= cp <= 0x1FFF or 0xA000 <= cp <= 0xF8FF or cp == 0xFFFD):
                if gap > SCREEN_GAP:
                    if run.found:
                        return True
                    run = _Run(PLAUSIBLE, 2)
                run.add(classes[cp] if cp < 0x10000 else 0)
                gap = 0
                i += size
            else:
                gap += 1
                i += 1
        gap = -LOST_UTF8_EDGE  # a loss (or the end)
        k += 1
    return run.found


def _sequence(data: bytearray, i: int) -> tuple[int, int]:
    """The code point of the well-formed UTF-8 sequence at ``i`` and its
    length, or (0, 0)."""
    lead = data[i]
    if 0xC2 <= lead <= 0xDF:
        size, cp, low = 2, lead & 0x1F, 0x80
    elif 0xE0 <= lead <= 0xEF:
        size, cp, low = 3, lead & 0x0F, 0x800
    elif 0xF0 <= lead <= 0xF4:
        size, cp, low = 4, lead & 0x07, 0x10000
    else:
        return 0, 0
    if i + size > len(data):
        return 0, 0
    for k in range(1, size):
        byte = data[i + k]
        if not 0x80 <= byte <= 0xBF:
            return 0, 0
        cp = cp << 6 | (byte & 0x3F)
    if cp < low or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
        return 0, 0
    return cp, size


def _two_byte_viable(text: str, start: int, end: int, encoded, decoded, classes: bytes) -> bool:
    least = LEAST_TWO_BYTE_EVIDENCE_UNMARKED
    reads = _Run(VERY_PLAUSIBLE, least)
    gains = _Run(GAIN, least)
    for k in range(start, end + 1):
        cp = ord(text[k]) if k < end else 0
        if k < end and cp < 0x80:
            continue
        code = encoded[cp] if 0 < cp < 0x10000 else BARRIER
        out = decoded[code & 0xFFFF] if code >= 0x10000 else 0
        if not out or _in_a_word(text, start, end, k, cp):
            if reads.found and gains.found:
                return True
            reads = _Run(VERY_PLAUSIBLE, least)
            gains = _Run(GAIN, least)
            continue
        klass = classes[out] if out < 0x10000 else 0
        reads.add(klass)
        gains.add(klass - classes[cp])
    return False


def _in_a_word(text: str, start: int, end: int, k: int, cp: int) -> bool:
    """Whether the character at ``k`` is a letter (tables.alphabet_table)
    beside another of its script, or a Latin one beside an ASCII letter, or
    one between two ASCII letters, in ``text[start:end]``: a word of real
    text, where a run restarts (Hеllо wоrld with Cyrillic е and о read as
    Big5 made H峭ll亲 w亲rld).  Beside one ASCII letter only, Cyrillic is
    what Big5 read as GBK out of step makes beside a second byte left
    alone (�Aр�L)."""
    alphabets = alphabet_table()
    script = alphabets[cp] if cp < 0x10000 else 0
    if not script:
        return False
    if _look_alike(text, start, end, k):
        return True
    for j in (k - 1, k + 1):
        if start <= j < end:
            other = ord(text[j])
            if (other < 0x10000 and alphabets[other] == script) or (
                script == 1 and other < 0x80 and chr(other).isalpha()
            ):
                return True
    return False


def _look_alike(text: str, start: int, end: int, k: int) -> bool:
    """Whether the character at ``k`` is a small letter inside an ASCII
    word, within ``text[start:end]``: an ASCII letter before it, a small
    one after it (Hеllо wоrld with Cyrillic е and о).  Not a capital: Big5
    read as GBK makes Greek and Cyrillic of Chinese between English words
    (iPhone有Siri so read has 有 as Τ)."""
    if not start < k < end - 1:
        return False
    cp = ord(text[k])
    before, after = text[k - 1], text[k + 1]
    return cp < 0x10000 and bool(small_letters_table()[cp]) and before.isascii() and before.isalpha() and "a" <= after <= "z"


class _Run:
    """Whether some ``least`` or more values in a row added so far average
    ``bar`` or more: the best sum of ``value - bar`` over such a run, kept as
    the prefix sums go (the smallest prefix ``least`` behind)."""

    __slots__ = ("bar", "least", "prefixes", "lowest", "found")

    def __init__(self, bar: int, least: int) -> None:
        self.bar = bar
        self.least = least
        self.prefixes = [0]
        self.lowest: int | None = None
        self.found = False

    def add(self, value: int) -> None:
        prefixes = self.prefixes
        prefixes.append(prefixes[-1] + value - self.bar)
        n = len(prefixes) - 1
        if n >= self.least:
            behind = prefixes[n - self.least]
            self.lowest = behind if self.lowest is None else min(self.lowest, behind)
            if prefixes[n] - self.lowest >= 0:
                self.found = True


def word_windows(text: str, start: int, end: int, wrong: str, right: str) -> list[tuple[int, int, str]]:
    """The spans of ``text[start:end]`` that the word test finds to be
    ``right``'s bytes read by ``wrong`` (two-byte codecs: GBK and Big5),
    each with its re-reading: leftmost first, each the longest from where
    it starts, none overlapping.

    The word test, for a span of SHORT_SPAN_LEAST to SHORT_SPAN_MOST
    non-ASCII characters that all re-read: no two characters side by side
    from the one before it to the one after it (beyond the region too) stand
    together in a word (``tables.word_pairs``), and every character of its
    re-reading does, with a neighbour in the re-reading or the character
    beside the span (抓好确淖瓷瞰寰笥、: none; 确诊 病例 救治: all five).
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError("the span is not inside the text")
    return _windows(text, start, end, encode_table(wrong), decode_table(right), False, _foreign_letters(text, start, end))


def _windows(
    text: str, start: int, end: int, encoded, decoded, first_only: bool, foreign: list[bool]
) -> list[tuple[int, int, str]]:
    pairs = word_pairs()

    def known(first: str, second: str) -> bool:
        return bool(first) and bool(second) and second in pairs.get(first, "")

    n = end - start
    reread = []
    for k in range(start, end):
        cp = ord(text[k])
        code = encoded[cp] if 0x80 <= cp < 0x10000 else BARRIER
        out = decoded[code & 0xFFFF] if code >= 0x10000 else 0
        reread.append(chr(out) if out and not foreign[k - start] else "")
    # The characters with their neighbours: chars[k + 1] is the region's k-th.
    chars = [text[start - 1] if start else ""] + list(text[start:end]) + [text[end] if end < len(text) else ""]
    # Which pairs stand in words: of the characters as they are (own[k]: the
    # region's k - 1 and k), of the re-reading (inside[k]: k and k + 1), and
    # of a re-read character with the one before or after it as it is.
    # A pair of the same character twice is no evidence (tables.SHORT_SPAN_LEAST).
    own = [known(chars[k], chars[k + 1]) for k in range(n + 1)]
    inside = [chars[k + 1] != chars[k + 2] and known(reread[k], reread[k + 1]) for k in range(n - 1)]
    before = [known(chars[k], reread[k]) for k in range(n)]
    after = [known(reread[k], chars[k + 2]) for k in range(n)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < n:
        stop = i
        while stop < n and reread[stop] and stop - i < SHORT_SPAN_MOST:
            stop += 1
        length = stop - i
        while length >= SHORT_SPAN_LEAST and not _passes(own, inside, before, after, i, i + length):
            length -= 1
        if length < SHORT_SPAN_LEAST:
            i += 1
            continue
        found.append((start + i, start + i + length, "".join(reread[i : i + length])))
        if first_only:
            break
        i += length
    return found


def _foreign_letters(text: str, start: int, end: int) -> list[bool]:
    """For each character of ``text[start:end]``, whether it is a letter of
    a word in a script other than Latin (``tables.foreign_letters``): real
    text, which ends a span of the word test and every run of a UTF-8 test."""
    foreign = [False] * (end - start)
    for a, b in foreign_letters(text, start, end):
        foreign[a - start : b - start] = [True] * (b - a)
    return foreign


def _passes(own: list[bool], inside: list[bool], before: list[bool], after: list[bool], i: int, j: int) -> bool:
    """The word test on the region's characters i to j (see word_windows)."""
    if any(own[i : j + 1]):
        return False
    for k in range(i, j):
        if not ((before[k] if k == i else inside[k - 1]) or (after[k] if k == j - 1 else inside[k])):
            return False
    return True
