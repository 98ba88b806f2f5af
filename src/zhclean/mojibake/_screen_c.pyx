"""The mojibake screen, compiled: the twin of ``_screen_py.py``.

For each region the scan found, which codec pairs a repair could pass the
judge with, by structure alone (do the characters re-encode with the wrong
codec, and do the bytes decode with the right one, enough of them?): clean
text is ruled out here, in C, before any Python judges it.  A module of its
own, re-exported by ``_loops_c``; it reads that module's character tables
(``_loops_c.pxd``) and imports only tables (``tables``, ``charsets``).
"""
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_READ
from libc.stdint cimport int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcpy

from zhclean._spans cimport Spans, spans_add, spans_free, spans_init, spans_list
from zhclean._unicode cimport PyUnicode_IS_ASCII, PyUnicode_READY

cdef extern from *:
    bint unlikely(bint) nogil  # Cython's own macro: __builtin_expect

from ._loops_c cimport (
    CONTINUATION, LEAD, SCAN_RELEASE_CHARS, Regions, Tables, _dispatch_scan, _tables_ready, regions_init, ucs_t,
)

from .._lazy import Lazy
from . import tables as _tables
from .charsets import (
    BIG5_HKSCS, BIG5_READ_AS_HKSCS, EVERY_PAIR, LOSS_MARKER, OTHER_PAIRS, OTHER_UTF8, SCREENED, SCREENED_AS,
    WORD_SPANS,
    decode_table, encode_table,
)


cdef enum:
    # A bit of ScreenTables.relevant beside SCREENED's five: a character that
    # a wrong codec of a UTF-8 pair encodes as an ASCII byte (¥ in cp932).
    NEUTRAL = 1 << 5
    # And a character _other_viable may take: a €, a lead, a LATIN_MADE one.
    MAYBE_OTHER = 1 << 6
    # And one that shows Big5 read as Big5-HKSCS (tables.shows_hkscs_table).
    SHOWS_HKSCS = 1 << 7
    # The byte _utf8_viable writes for a character the wrong codec cannot
    # have made (no UTF-8 holds it, and no codec screened writes it alone).
    UNMADE = 0xFF
    # Mirror of tables.PAIR_SECOND_LOW (checked when the tables are built).
    PAIR_SECOND_LOW = 0x40
    # ScreenTables.word_sides.
    WORD_FIRST = 1
    WORD_SECOND = 2
    # The word test's flags of a position (_word_windows): the pair of the
    # characters as they are before it, of the re-reading after it, and of
    # its re-reading with the character before or after it as it is.
    OWN = 1
    INSIDE = 2
    BEFORE = 4
    AFTER = 8
    # The hash of the word pairs: 2**18 slots for 107,902 pairs (under half
    # full, so a probe seldom goes past the next slot); 1 MB.
    WORD_BITS = 18
    WORD_SLOTS = 1 << WORD_BITS
    # ScreenTables.byte_role (tables.TWO_BYTE_FIRST, TWO_BYTE_SECOND).
    FIRST_BYTE = 1
    SECOND_BYTE = 2
    DIGIT_BYTE = 4
    # The flags of a character in _two_characters.
    LETTER = 1
    TOUCHING = 2
    OWN_CHAR = 4
    FOREIGN_CHAR = 8  # a letter of a word in a script other than Latin (_foreign_at)
    # How many curly quotes tables.OWN_QUOTES holds.
    QUOTES = 4
    # ScreenTables.two_role, what _two_may_pass's first pass reads of a
    # character in one lookup: no single byte makes it (_single is -1), and
    # of those one of U+0100-U+07FF (a mixture); one _own may take (a
    # guillemet, a curly quote); its single byte may start a pair.
    TWO_BREAK = 1
    TWO_MIXTURE = 2
    TWO_OWN = 4
    TWO_FIRST = 8
    # A pair is left unbounded in a long region (_bound_flags) where more
    # than one in BOUND_HITS_IN of its first BOUND_TRIAL characters start a
    # plausible sequence (read as UTF-8) or end a run long enough (GBK and
    # Big5 read as each other): then the windows are seldom ruled out, and
    # the asking costs more than the tests it spares (the pair that is the
    # text's own: UTF-8 read as GBK is a plausible sequence at every other
    # character).
    BOUND_TRIAL = 256
    BOUND_HITS_IN = 4
    # The flags (_flag_region) are for a region of this many characters or
    # more, the windows of a long one (SCREEN_WINDOWS_FROM) and a shorter
    # one screened whole: a page of Greek or Russian has many of 150-1000,
    # each a run of short lines.  From 16, clean classical Chinese
    # (Wikisource, 2 MB) ran 2% slower, its short regions of rare characters
    # flagged for nothing; from 32 no clean page does (European pages, their
    # regions nearly all under 64, gain 1%, 9% from 16).
    FLAGS_FROM = 32
    # The bit of _bound_flags for a letter of a word that every window
    # reads as one (_foreign_at is sure to be true there).
    WORD_LETTER = 1 << 15
    # A bit of _bound_flags beside the pairs' (0-4), the plausible ones (8-12)
    # and WORD_LETTER, while every pair is bounded: a loss or a € (the
    # window's tests change), or the end of SHORT_SPAN_LEAST characters in a
    # row that re-read as some word pair's and are no letter of a word (the
    # word test may pass).  A window with no SLOW whose pairs _cannot rules
    # out is screened by _other_viable alone (_region_mask's quick way).
    SLOW = 1 << 7
    # And a letter of a word some window cuts to fewer than
    # FOREIGN_WORD_LEAST letters (so no WORD_LETTER): a window whose region's
    # flags hold one may pass the quick way with flags of its own.
    CUT = 1 << 13
    # The characters at a window's end whose flags of its own (_window_flags)
    # are read afresh, not the region's: _starts_utf8 reads the bytes of the
    # three characters after one at most (a lead of four bytes, each
    # character one byte or more), which the region has past the window.
    OWN_TAIL = 4
    # And, in a region's flags (not a window's own), the bits of the
    # character's _other_viable, OTHER_PAIRS and OTHER_UTF8, where the quick
    # way asks it (_others_flag): the quick way's bits of a window are then
    # those of its flags, or-ed by _cannot.  (Asked window by window, each
    # character of a page of Greek or Russian was read again in every window
    # that holds it, a quarter of its screen.)
    VIABLE_OTHER = 1 << 5
    VIABLE_OTHER_UTF8 = 1 << 6
    # ScreenTables.letter_bits, what _bound_flags reads of a letter of a word
    # in one lookup: the low four bits the script of a small letter
    # (small_script), and _others_flag's first test: a character of
    # MAYBE_OTHER that _other_viable reads only before one of OTHER_AFTER
    # (a lead), or always (LATIN_MADE, a €); and one of OTHER_AFTER, a
    # continuation or a loss.
    SMALL_SCRIPT = 0x0F
    OTHER_LEAD = 1 << 4
    OTHER_ALWAYS = 1 << 5
    OTHER_AFTER = 1 << 6
    # ScreenTables.page_roles: for each reading of tables.page_bytes_table
    # (up to PAGE_SLOTS), a bit where it makes the character a lead of two
    # bytes (bits 0-4), a lead of three or four (5-9), a continuation (10-14).
    PAGE_SLOTS = 5
    PAGE_LEAD_MORE = 5
    PAGE_CONTINUATION = 10
    # A bit of ScreenTables.lead_bits beside the pairs': _may_be_foreign's
    # letters, read with the lead bits (a lookup of their own at each
    # character made the flags of a page of mojibake cost 5% more).
    CASED_LETTER = 1 << 7


cdef struct ScreenTables:
    const int* encoded[4]          # charsets.encode_table of SCREENED's wrong codecs, then Big5-HKSCS's
    const unsigned int* decoded[2]  # charsets.decode_table of its two-byte right codecs
    int read_of[2][5]              # for each screened pair: index into encoded, then the same where
                                   # Big5 is read as Big5-HKSCS
    int right_of[5]                # index into decoded, or -1 for UTF-8
    uint8_t latin[0x800]           # 1 for tables.LATIN_MADE
    uint8_t pair_reads[0x80 * (0x100 - PAIR_SECOND_LOW)]  # tables.pair_reads_table
    uint8_t alphabet[0x10000]      # tables.alphabet_table
    uint8_t cased[256]             # 1 for a script of it with small letters (a word of one is one)
    uint8_t small[0x10000]         # tables.small_letters_table
    uint8_t small_script[0x10000]  # the script (alphabet) of a small letter, 0 for any other (_foreign_run)
    uint8_t letter_bits[0x10000]   # SMALL_SCRIPT, OTHER_LEAD, OTHER_ALWAYS, OTHER_AFTER (_bound_flags)
    const uint8_t* page_bytes      # tables.page_bytes_table (kept alive by the owner)
    int n_pages
    uint16_t page_roles[0x10000]   # each page's lead and continuation bits (PAGE_SLOTS)
    uint32_t alone[8][2]           # tables.ALONE_FROM_A_CODE_PAGE
    int n_alone
    uint8_t relevant[0x10000]      # bit b: the character counts for SCREENED[b] (see _segments); NEUTRAL
    uint8_t lead_bits[0x10000]     # CASED_LETTER, and bit b: a pair read as UTF-8 whose wrong codec, Big5 read either way,
                                   # writes a lead byte (C2-F4) for the character (_bound_flags)
    uint8_t may_start[0x10000]     # bit b of lead_bits where such a lead may start a sequence that counts (_may_start)
    int64_t plausible, very_plausible, gain, least, gap, every, other, other_utf8
    int64_t lost_utf8_edge         # tables.LOST_UTF8_EDGE
    uint32_t marker[3]             # charsets.LOSS_MARKER
    uint32_t* words                # tables.word_pairs, first << 16 | second, hashed (WORD_SLOTS, 0: empty)
    uint8_t word_sides[0x10000]    # WORD_FIRST, WORD_SECOND: the character starts, ends a pair
    uint8_t word_reread[0x10000]   # the same of the character's re-reading, two bits a reading (word_of)
    int word_of[2][5]              # for each two-byte pair (and Big5 read either way), its bits' shift
    Py_ssize_t short_least, short_most
    int64_t word_spans             # charsets.WORD_SPANS
    const uint8_t* pair_classes    # tables.pair_classes_table (kept alive by the owner)
    const int* gbk_encoded         # charsets.encode_table("gb18030")
    uint8_t latin_letter[0x250]    # 1 for tables.LATIN_LETTERS
    uint8_t byte_role[0x100]       # FIRST_BYTE, SECOND_BYTE, DIGIT_BYTE
    uint8_t two_role[0x10000]      # TWO_BREAK, TWO_MIXTURE, TWO_OWN, TWO_FIRST
    uint32_t own_quotes[QUOTES]    # tables.OWN_QUOTES
    uint32_t guillemets[2]         # tables.OWN_GUILLEMETS
    double european_share          # tables.EUROPEAN_SHARE
    Py_ssize_t windows_from        # tables.SCREEN_WINDOWS_FROM
    Py_ssize_t window, overlap     # tables.SCREEN_WINDOW, SCREEN_OVERLAP
    int64_t read_as_hkscs          # charsets.BIG5_READ_AS_HKSCS
    Py_ssize_t foreign_word_least  # tables.FOREIGN_WORD_LEAST


cdef class _CScreen:
    """Owns one complete ScreenTables, and the tables its pointers read."""
    cdef ScreenTables* t
    cdef object keep

    def __dealloc__(self):
        if self.t != NULL:
            free(self.t.words)
        free(self.t)


def _build_screen():
    cdef _CScreen owner = _CScreen.__new__(_CScreen)
    cdef ScreenTables* t = <ScreenTables*>calloc(1, sizeof(ScreenTables))
    cdef const int[:] enc
    cdef const unsigned int[:] dec
    if t == NULL:
        raise MemoryError()
    owner.t = t
    wrongs = sorted({wrong for wrong, _ in SCREENED}) + [BIG5_HKSCS]
    rights = sorted({right for _, right in SCREENED if right != "utf-8"})
    if len(wrongs) > 4 or len(rights) > 2 or len(SCREENED) > 5 or list(SCREENED_AS) != [BIG5_HKSCS]:
        raise RuntimeError("the screen's tables are sized for charsets.SCREENED as it was")
    readings = [{}, {SCREENED_AS[BIG5_HKSCS]: BIG5_HKSCS}]
    owner.keep = [encode_table(w) for w in wrongs] + [decode_table(r) for r in rights]
    for k in range(len(wrongs)):
        enc = owner.keep[k]
        t.encoded[k] = &enc[0]
    for k in range(len(rights)):
        dec = owner.keep[len(wrongs) + k]
        t.decoded[k] = &dec[0]
    for k, (wrong, right) in enumerate(SCREENED):
        for r, read_as in enumerate(readings):
            t.read_of[r][k] = wrongs.index(read_as.get(wrong, wrong))
        t.right_of[k] = rights.index(right) if right != "utf-8" else -1
    for cp in _tables.LATIN_MADE:
        t.latin[cp] = 1
    cdef Py_ssize_t c
    cdef int code
    if _tables.PAIR_SECOND_LOW != PAIR_SECOND_LOW:
        raise RuntimeError("tables.PAIR_SECOND_LOW changed: change its mirror in _screen_c.pyx")
    cdef const uint8_t[:] pair_reads = _tables.pair_reads_table()
    for c in range(len(pair_reads)):
        t.pair_reads[c] = pair_reads[c]
    cdef const uint8_t[:] alphabet = _tables.alphabet_table()
    for c in range(0x10000):
        t.alphabet[c] = alphabet[c]
    cdef const uint8_t[:] small = _tables.small_letters_table()
    for c in range(0x10000):
        t.small[c] = small[c]
        if small[c]:
            t.cased[t.alphabet[c]] = 1
    for c in range(0x10000):
        if t.alphabet[c] > 1 and t.cased[t.alphabet[c]]:
            t.lead_bits[c] |= CASED_LETTER  # _may_be_foreign's, for _bound_flags
        if small[c]:
            t.small_script[c] = t.alphabet[c]
            if t.alphabet[c] > SMALL_SCRIPT:
                raise RuntimeError("tables.alphabet_table outgrew the screen's letter_bits")
            t.letter_bits[c] |= t.alphabet[c]
    cdef const uint8_t[:] page_bytes = _tables.page_bytes_table()
    owner.keep.append(_tables.page_bytes_table())
    t.page_bytes = &page_bytes[0]
    t.n_pages = len(page_bytes) >> 16
    if t.n_pages > PAGE_SLOTS:
        raise RuntimeError("tables.page_bytes_table outgrew the screen's page_roles")
    cdef int page
    cdef uint8_t byte
    for page in range(t.n_pages):
        for c in range(0x10000):
            byte = page_bytes[page << 16 | c]
            if 0xC2 <= byte <= 0xDF:
                t.page_roles[c] |= 1 << page
            elif 0xE0 <= byte <= 0xF4:
                t.page_roles[c] |= 1 << (PAGE_LEAD_MORE + page)
            elif 0x80 <= byte <= 0xBF:
                t.page_roles[c] |= 1 << (PAGE_CONTINUATION + page)
    if len(_tables.ALONE_FROM_A_CODE_PAGE) > 8:
        raise RuntimeError("tables.ALONE_FROM_A_CODE_PAGE outgrew the screen's table")
    for k, (low, high) in enumerate(_tables.ALONE_FROM_A_CODE_PAGE):
        t.alone[k][0] = low
        t.alone[k][1] = high
    t.n_alone = len(_tables.ALONE_FROM_A_CODE_PAGE)
    for k in range(len(SCREENED)):
        # Whichever way Big5 is read (the segments only need to hold every
        # character that counts).
        for table in {t.read_of[0][k], t.read_of[1][k]}:
            for c in range(0x80, 0x10000):
                code = t.encoded[table][c]
                if t.right_of[k] < 0:
                    if code >= 0x80:
                        t.relevant[c] |= 1 << k
                    elif code >= 0:
                        t.relevant[c] |= NEUTRAL
                elif code >= 0x10000 and t.decoded[t.right_of[k]][code & 0xFFFF]:
                    t.relevant[c] |= 1 << k
                if t.right_of[k] < 0 and code >= 0 and (
                        0xC2 <= (code & 0xFF) <= 0xF4 or (code >= 0x10000 and 0xC2 <= (code >> 8) & 0xFF <= 0xF4)):
                    t.lead_bits[c] |= 1 << k
                    if _may_start(code):
                        t.may_start[c] |= 1 << k
    cdef const uint8_t[:] shows = _tables.shows_hkscs_table()
    for c in range(0x10000):
        if shows[c]:
            t.relevant[c] |= SHOWS_HKSCS
    cdef const uint8_t[:] scan = _tables.scan_table()
    for c in range(0x10000):
        if c == 0x20AC or scan[c] & LEAD or (c < 0x800 and t.latin[c]):
            t.relevant[c] |= MAYBE_OTHER
            t.letter_bits[c] |= OTHER_ALWAYS if c == 0x20AC or (c < 0x800 and t.latin[c]) else OTHER_LEAD
        if c == 0xFFFD or scan[c] & CONTINUATION:
            t.letter_bits[c] |= OTHER_AFTER
    t.plausible = _tables.PLAUSIBLE
    t.very_plausible = _tables.VERY_PLAUSIBLE
    t.gain = _tables.GAIN
    t.least = _tables.LEAST_TWO_BYTE_EVIDENCE_UNMARKED
    t.gap = _tables.SCREEN_GAP
    t.lost_utf8_edge = _tables.LOST_UTF8_EDGE
    t.every = EVERY_PAIR
    t.other = OTHER_PAIRS
    t.other_utf8 = OTHER_UTF8
    if len(LOSS_MARKER) != 3:
        raise RuntimeError("the screen holds charsets.LOSS_MARKER as three characters")
    for k in range(3):
        t.marker[k] = ord(LOSS_MARKER[k])
    t.word_spans = WORD_SPANS
    cdef const uint8_t[:] pair_classes = _tables.pair_classes_table()
    owner.keep.append(_tables.pair_classes_table())
    t.pair_classes = &pair_classes[0]
    t.gbk_encoded = t.encoded[wrongs.index("gb18030")]
    for low, high in _tables.LATIN_LETTERS:
        if high >= 0x250:
            raise RuntimeError("tables.LATIN_LETTERS outgrew the screen's table")
        for c in range(low, high + 1):
            t.latin_letter[c] = 1
    for c in range(0x100):
        if _tables.TWO_BYTE_FIRST[0] <= c <= _tables.TWO_BYTE_FIRST[1]:
            t.byte_role[c] |= FIRST_BYTE
        if any(low <= c <= high for low, high in _tables.TWO_BYTE_SECOND):
            t.byte_role[c] |= SECOND_BYTE
        if _tables.TWO_BYTE_SECOND[0][0] <= c <= _tables.TWO_BYTE_SECOND[0][1]:
            t.byte_role[c] |= DIGIT_BYTE
    if len(_tables.OWN_QUOTES) != QUOTES:
        raise RuntimeError("the screen holds tables.OWN_QUOTES as four characters")
    for k in range(QUOTES):
        t.own_quotes[k] = ord(_tables.OWN_QUOTES[k])
    t.guillemets[0], t.guillemets[1] = map(ord, _tables.OWN_GUILLEMETS)
    cdef const Tables* loops = _tables_ready()
    cdef int single
    for c in range(0x10000):
        single = _single(loops, c)
        if single < 0:
            t.two_role[c] = TWO_BREAK | (TWO_MIXTURE if 0x100 <= c < 0x800 else 0)
            continue
        if c >= 0x80 and (c == t.guillemets[0] or c == t.guillemets[1]
                          or any(c == t.own_quotes[q] for q in range(QUOTES))):
            t.two_role[c] |= TWO_OWN
        if t.byte_role[single] & FIRST_BYTE:
            t.two_role[c] |= TWO_FIRST
    t.european_share = _tables.EUROPEAN_SHARE
    t.windows_from = _tables.SCREEN_WINDOWS_FROM
    t.window = _tables.SCREEN_WINDOW
    t.overlap = _tables.SCREEN_OVERLAP
    t.read_as_hkscs = BIG5_READ_AS_HKSCS
    t.foreign_word_least = _tables.FOREIGN_WORD_LEAST
    if _tables.STANDING_SPACES != " \t\n\x0b\x0c\r":
        raise RuntimeError("tables.STANDING_SPACES changed: change _space in _screen_c.pyx")
    t.short_least = _tables.SHORT_SPAN_LEAST
    t.short_most = _tables.SHORT_SPAN_MOST
    if t.short_least < 3:
        # _word_windows returns early without a pair inside a span, and
        # holds n / short_least spans in n + 1 places.
        raise RuntimeError("the word test is built for spans of three characters or more")
    t.words = <uint32_t*>calloc(WORD_SLOTS, sizeof(uint32_t))
    cdef int shift = 0
    if t.words == NULL:
        raise MemoryError()
    cdef uint32_t first, second, key, slot
    cdef Py_ssize_t stored = 0, i
    cdef int kind
    cdef void* data
    for head, seconds in _tables.word_pairs().items():
        if head >= "\U00010000" or (seconds and max(seconds) >= "\U00010000"):
            raise RuntimeError("a word pair outside the Basic Multilingual Plane")
        first = ord(head)
        t.word_sides[first] |= WORD_FIRST
        kind = PyUnicode_KIND(seconds)
        data = PyUnicode_DATA(seconds)
        for i in range(len(seconds)):  # in C: 107,902 pairs, a Python step each took 20 ms
            second = PyUnicode_READ(kind, data, i)
            t.word_sides[second] |= WORD_SECOND
            key = first << 16 | second
            slot = _word_slot(key)
            while t.words[slot] != 0 and t.words[slot] != key:
                slot = (slot + 1) & (WORD_SLOTS - 1)
            if t.words[slot] == 0:
                stored += 1
                if 2 * stored > WORD_SLOTS:
                    raise RuntimeError("the word pairs no longer fit the screen's hash (WORD_BITS)")
            t.words[slot] = key
    # What the characters re-read as, for the screen's first look at a region
    # (a span of four or more needs two characters side by side whose
    # re-readings start and end a pair): one bit each, by table, per reading.
    readings_seen = {}
    for k in range(len(SCREENED)):
        for r in range(2):
            t.word_of[r][k] = -1
            if t.right_of[k] < 0:
                continue
            reading = (t.read_of[r][k], t.right_of[k])
            if reading not in readings_seen:
                if shift > 6:
                    raise RuntimeError("the screen's word_reread holds four readings")
                readings_seen[reading] = shift
                for c in range(0x80, 0x10000):
                    code = t.encoded[reading[0]][c]
                    if code >= 0x10000:
                        second = t.decoded[reading[1]][code & 0xFFFF]
                        if 0 < second < 0x10000:
                            t.word_reread[c] |= (t.word_sides[second] & (WORD_FIRST | WORD_SECOND)) << shift
                shift += 2
            t.word_of[r][k] = readings_seen[reading]
    return owner


cdef inline uint32_t _word_slot(uint32_t key) noexcept nogil:
    return (key * <uint32_t>2654435761u) >> (32 - WORD_BITS)


cdef inline bint _known(const ScreenTables* st, uint32_t first, uint32_t second) noexcept nogil:
    """Whether the two characters stand together in a word (tables.word_pairs)."""
    cdef uint32_t key, slot
    if first >= 0x10000 or second >= 0x10000 or not (st.word_sides[first] & WORD_FIRST) or not (
            st.word_sides[second] & WORD_SECOND):
        return False
    key = first << 16 | second
    slot = _word_slot(key)
    while st.words[slot] != 0:
        if st.words[slot] == key:
            return True
        slot = (slot + 1) & (WORD_SLOTS - 1)
    return False


_SCREEN = Lazy(_build_screen)
cdef const ScreenTables* _S = NULL


cdef inline const ScreenTables* _screen_ready() except NULL:
    global _S
    if _S == NULL:
        _S = (<_CScreen>_SCREEN.get()).t
    return _S


cdef struct Run:
    # Whether some `least` or more values in a row average `bar` or more
    # (the twin's _Run): prefix sums in a ring of least + 1.
    int64_t bar
    Py_ssize_t least, count
    int64_t prefix[16]
    int64_t lowest
    bint have_lowest, found


cdef inline void _run_start(Run* r, int64_t bar, Py_ssize_t least) noexcept nogil:
    r.bar = bar
    r.least = least
    r.count = 0
    r.prefix[0] = 0
    r.have_lowest = False
    r.found = False


cdef inline void _run_add(Run* r, int64_t value) noexcept nogil:
    cdef int64_t now = r.prefix[r.count % 16] + value - r.bar
    cdef int64_t behind
    r.count += 1
    r.prefix[r.count % 16] = now
    if r.count >= r.least:
        behind = r.prefix[(r.count - r.least) % 16]
        if not r.have_lowest or behind < r.lowest:
            r.lowest = behind
            r.have_lowest = True
        if now - r.lowest >= 0:
            r.found = True


cdef inline int _lead(uint32_t byte, uint32_t* cp, uint32_t* low) noexcept nogil:
    """The length of the UTF-8 sequence ``byte`` leads (0: no lead), with
    its bits of the code point in ``cp`` and the least code point of that
    length in ``low``."""
    if 0xC2 <= byte <= 0xDF:
        cp[0], low[0] = byte & 0x1F, 0x80
        return 2
    if 0xE0 <= byte <= 0xEF:
        cp[0], low[0] = byte & 0x0F, 0x800
        return 3
    if 0xF0 <= byte <= 0xF4:
        cp[0], low[0] = byte & 0x07, 0x10000
        return 4
    return 0


cdef inline uint32_t _sequence_at(const uint8_t* data, Py_ssize_t n, Py_ssize_t i, int* size) noexcept nogil:
    cdef uint32_t cp, low
    cdef int k
    cdef int length = _lead(data[i], &cp, &low)
    if not length:
        size[0] = 0
        return 0
    if i + length > n:
        size[0] = 0
        return 0
    for k in range(1, length):
        if not 0x80 <= data[i + k] <= 0xBF:
            size[0] = 0
            return 0
        cp = (cp << 6) | (data[i + k] & 0x3F)
    if cp < low or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
        size[0] = 0
        return 0
    size[0] = length
    return cp


cdef bint _utf8_viable(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                       const int* encoded, uint8_t* data) noexcept nogil:
    """The twin's test, piece by piece between losses: a loss ends what a
    sequence may take, but not the run (the repair's stretch goes on across
    it), and the gap starts afresh at -LOST_UTF8_EDGE (the bytes of the lost
    character beside it go into the loss: stretches.stretches).  Never
    given a letter of a word in a script other than Latin, which the twin
    writes as UNMADE: _segments ends every segment at one."""
    cdef Py_ssize_t k = 0, m, i, gap = 0
    cdef int code, size
    cdef uint32_t c, cp
    cdef Run run
    _run_start(&run, st.plausible, 2)
    while k <= n:
        m = 0
        while k < n and chars[k] != 0xFFFD:
            c = chars[k]
            code = encoded[c] if c < 0x10000 else -2
            if code >= 0x10000:
                data[m] = (code >> 8) & 0xFF
                data[m + 1] = code & 0xFF
                m += 2
            elif code >= 0:
                data[m] = code
                m += 1
            else:
                data[m] = UNMADE
                m += 1
            k += 1
        i = 0
        while i < m:
            if data[i] < 0x80:
                i += 1
                continue
            if data[i] == UNMADE:  # a break: the repair's pieces end there (stretches._pieces)
                if run.found:
                    return True
                _run_start(&run, st.plausible, 2)
                gap = 0
                i += 1
                continue
            cp = _sequence_at(data, m, i, &size)
            if size and not (0x250 <= cp <= 0x1FFF or 0xA000 <= cp <= 0xF8FF or cp == 0xFFFD):
                if gap > st.gap:
                    if run.found:
                        return True
                    _run_start(&run, st.plausible, 2)
                _run_add(&run, t.classes[cp] if cp < 0x10000 else 0)
                if run.found:
                    return True  # found stays found until a restart, which returns it
                gap = 0
                i += size
            else:
                gap += 1
                i += 1
        gap = -st.lost_utf8_edge  # a loss (or the end)
        k += 1
    return run.found


cdef bint _two_byte_viable(const Tables* t, const ScreenTables* st, const ucs_t* window, Py_ssize_t window_n,
                           Py_ssize_t offset, Py_ssize_t n, const int* encoded,
                           const unsigned int* decoded) noexcept nogil:
    """The twin's test on ``window[offset:offset + n]`` (the window the twin
    reads: a character's neighbours beyond that segment count)."""
    cdef const ucs_t* chars = window + offset
    cdef Py_ssize_t k
    cdef uint32_t c, out
    cdef int code
    cdef int64_t klass
    cdef Run reads, gains
    _run_start(&reads, st.very_plausible, st.least)
    _run_start(&gains, st.gain, st.least)
    for k in range(n + 1):
        c = chars[k] if k < n else 0
        if k < n and c < 0x80:
            continue
        code = encoded[c] if 0 < c < 0x10000 else -2
        out = decoded[code & 0xFFFF] if code >= 0x10000 else 0
        if not out or (k < n and _in_a_word(st, window, window_n, offset + k, c)):
            if reads.found and gains.found:
                return True
            _run_start(&reads, st.very_plausible, st.least)
            _run_start(&gains, st.gain, st.least)
            continue
        klass = t.classes[out] if out < 0x10000 else 0
        _run_add(&reads, klass)
        _run_add(&gains, klass - t.classes[c])
        if reads.found and gains.found:
            return True  # each stays found until a restart, which returns them
    return False


cdef inline bint _in_a_word(const ScreenTables* st, const ucs_t* window, Py_ssize_t n, Py_ssize_t k,
                            uint32_t c) noexcept nogil:
    # See the twin's _in_a_word: ``window`` is what the twin reads, ``k`` in it.
    cdef uint8_t script = st.alphabet[c] if c < 0x10000 else 0
    if not script:
        return False
    if _look_alike(st, window, n, k):
        return True
    return ((k > 0 and _same_word(st, script, window[k - 1]))
            or (k + 1 < n and _same_word(st, script, window[k + 1])))


cdef inline bint _look_alike(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    # See the twin's _look_alike.
    return (0 < k < n - 1 and chars[k] < 0x10000 and st.small[chars[k]]
            and _ascii_letter(chars, n, k - 1) and 0x61 <= chars[k + 1] <= 0x7A)


cdef inline bint _same_word(const ScreenTables* st, uint8_t script, uint32_t other) noexcept nogil:
    """Whether ``other`` is a letter of ``script``, or an ASCII letter beside Latin (script 1)."""
    return ((other < 0x10000 and st.alphabet[other] == script)
            or (script == 1 and ((0x41 <= other <= 0x5A) or (0x61 <= other <= 0x7A))))


cdef inline bint _continues(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                            Py_ssize_t k, int64_t outer_before, int64_t outer_after) noexcept nogil:
    # See the twin's _continues.
    cdef int page
    cdef Py_ssize_t after
    cdef uint32_t code = 0
    cdef int pages = _may_continue(st, chars, k) if k + 2 < n else (1 << PAGE_SLOTS) - 1
    for page in range(st.n_pages):
        if not (pages >> page) & 1:
            continue  # (_sequence_end is -2 there)
        after = _sequence_end(t, st, chars, n, k, outer_after, page, &code)
        if after >= 0 and page:
            if not _alone(st, code):
                after = _sequence_end(t, st, chars, n, after, outer_after, page, &code)
            elif _stray_beside(t, st, chars, n, k, after, outer_before, outer_after, page):
                after = -2
        if after != -2:
            return True
    return False


cdef inline int _may_continue(const ScreenTables* st, const ucs_t* chars, Py_ssize_t k) noexcept nogil:
    """The pages whose _sequence_end at ``k`` (two or more characters before
    the region's end) may be other than -2, a bit each: those that make
    ``chars[k]`` a lead that the characters after it continue (by their
    first one or two), every page where a loss is among them.  A page of
    Serbian or Kazakh has a Cyrillic lead before a continuation of
    Windows-1251's or KZ-1048's (иј, ді: E8 BC, E4 B3) every few words, and
    each went through every page's sequences (a tenth of the screen of its
    quick way)."""
    cdef uint32_t c = chars[k], first = chars[k + 1], second = chars[k + 2]
    cdef int roles, continued
    if c >= 0x10000 or first == 0xFFFD or second == 0xFFFD:
        return (1 << PAGE_SLOTS) - 1
    roles = st.page_roles[c]
    continued = st.page_roles[first] >> PAGE_CONTINUATION if first < 0x10000 else 0
    # A lead of two bytes and its continuation; one of three or four and its two.
    return (roles & continued) | ((roles >> PAGE_LEAD_MORE) & continued & (
        st.page_roles[second] >> PAGE_CONTINUATION if second < 0x10000 else 0))


cdef inline int _page_byte(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, Py_ssize_t j,
                           int64_t outer_before, int64_t outer_after, int page) noexcept nogil:
    # See the twin's _page_byte: -1 for a loss or what may be anything.
    cdef int64_t other = chars[j] if 0 <= j < n else (outer_before if j == -1 else (outer_after if j == n else -1))
    if other < 0 or other == 0xFFFD:
        return -1
    return st.page_bytes[page << 16 | other] if other < 0x10000 else 0


cdef inline bint _stray_beside(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                               Py_ssize_t k, Py_ssize_t after, int64_t outer_before, int64_t outer_after,
                               int page) noexcept nogil:
    # See the twin's _stray_beside.
    cdef uint32_t code = 0
    cdef int before = _page_byte(st, chars, n, k - 1, outer_before, outer_after, page)
    cdef int following = _page_byte(st, chars, n, after, outer_before, outer_after, page)
    if following >= 0xC0 and _sequence_end(t, st, chars, n, after, outer_after, page, &code) != -2:
        return False
    return before >= 0xC0 or following >= 0x80


cdef inline bint _alone(const ScreenTables* st, uint32_t code) noexcept nogil:
    # tables.alone_from_a_code_page
    cdef int i
    for i in range(st.n_alone):
        if st.alone[i][0] <= code <= st.alone[i][1]:
            return True
    return False


cdef inline Py_ssize_t _sequence_end(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                                     Py_ssize_t k, int64_t outer_after, int page, uint32_t* decoded) noexcept nogil:
    # See the twin's _page_sequence: its end (-1 for its -1, -2 for its None); the
    # code point in ``decoded`` where it ends in the text.
    cdef int size, j
    cdef uint32_t lead, byte, code
    cdef int64_t other = chars[k] if k < n else (outer_after if k == n else -1)
    if other < 0 or other == 0xFFFD:
        return -1
    lead = st.page_bytes[page << 16 | other] if other < 0x10000 else 0
    if not 0xC2 <= lead <= 0xF4:
        return -2
    size = 2 if lead < 0xE0 else (3 if lead < 0xF0 else 4)
    code = lead & (0x1F if size == 2 else (0x0F if size == 3 else 0x07))
    for j in range(1, size):
        other = chars[k + j] if k + j < n else (outer_after if k + j == n else -1)
        if other < 0 or other == 0xFFFD:
            return -1
        byte = st.page_bytes[page << 16 | other] if other < 0x10000 else 0
        if not 0x80 <= byte <= 0xBF:
            return -2
        code = code << 6 | (byte & 0x3F)
    if (code < (0x80 if size == 2 else (0x800 if size == 3 else 0x10000))
            or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF):
        return -2  # overlong, a surrogate, past Unicode: no UTF-8
    if page and (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF) and t.classes[code] < st.plausible:
        return -2
    decoded[0] = code
    return k + size


cdef inline int _other_viable(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                              Py_ssize_t k, int64_t outer_before, int64_t outer_after) noexcept nogil:
    # See the twin's _other_viable: ``chars`` is the region, ``outer_before``
    # and ``outer_after`` the text's characters beside it (-1: none).
    cdef uint32_t c = chars[k]
    cdef int64_t after = chars[k + 1] if k + 1 < n else outer_after
    cdef int64_t before = chars[k - 1] if k > 0 else outer_before
    cdef int bits = 0
    if c == 0x20AC:
        return <int>(st.other | st.other_utf8)
    if c < 0x10000 and t.scan[c] & LEAD and (
            after < 0 or (after == 0xFFFD and c < 0x800 and st.latin[c])
            or (after < 0x10000 and t.scan[after] & CONTINUATION and _continues(t, st, chars, n, k, outer_before, outer_after))):
        bits = <int>st.other_utf8
    if c >= 0x800 or not st.latin[c]:
        return bits
    if (after < 0 or before < 0
            or (0x80 <= after < 0x10000 and t.single_byte[after] and _pair_reads(st, t.byte_of[c], t.byte_of[after]))
            or (0x40 <= after <= 0x7E and _pair_reads(st, t.byte_of[c], <int>after))
            or (0x80 <= before < 0x10000 and t.single_byte[before]
                and _pair_reads(st, t.byte_of[before], t.byte_of[c]))):
        bits |= <int>st.other
    return bits


cdef struct Site:
    Py_ssize_t first, past  # its characters
    int out                 # how many characters out may start in it
    int best                # the best class of one


cdef struct Scratch:
    int* byte               # each character's single byte, or -1
    uint8_t* flags          # LETTER, TOUCHING, OWN_CHAR, FOREIGN_CHAR
    Site* sites
    Py_ssize_t* window
    Py_ssize_t* touched     # touching letters before each character of a stretch


cdef bint _two_characters(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n) noexcept nogil:
    """The twin's _two_characters on the region ``chars``: True also where
    memory runs out (the region is then read, as before this test)."""
    cdef Scratch s
    cdef Py_ssize_t k
    cdef uint32_t c
    cdef bint found = True, mixture = False
    cdef Words words
    if not _two_may_pass(t, st, chars, n):
        return False
    _words_start(&words)
    s.byte = <int*>malloc(n * sizeof(int))
    s.flags = <uint8_t*>malloc(n * sizeof(uint8_t))
    s.sites = <Site*>malloc(n * sizeof(Site))
    s.window = <Py_ssize_t*>malloc(n * sizeof(Py_ssize_t))
    s.touched = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
    if s.byte != NULL and s.flags != NULL and s.sites != NULL and s.window != NULL and s.touched != NULL:
        for k in range(n):
            c = chars[k]
            s.byte[k] = _single(t, c)
            s.flags[k] = LETTER if c < 0x250 and st.latin_letter[c] else 0
            mixture = mixture or (0x100 <= c < 0x800 and s.byte[k] < 0)
        for k in range(n):
            if s.flags[k] & LETTER and (
                    _ascii_letter(chars, n, k - 2) and _ascii_letter(chars, n, k - 1)
                    or _ascii_letter(chars, n, k + 1) and _ascii_letter(chars, n, k + 2)):
                s.flags[k] |= TOUCHING
            if _own(st, chars, n, s.byte, k):
                s.flags[k] |= OWN_CHAR
            if mixture and _may_be_foreign(st, chars[k]) and _foreign_at(st, chars, n, k, &words):
                s.flags[k] |= FOREIGN_CHAR
        _runs_beside_ascii(st, chars, n, s.byte, s.flags)
        if mixture:
            _standing_words(st, chars, n, s.flags)
        found = _byte_by_byte(t, st, chars, n, &s) or (mixture and _mixture(t, st, chars, n, &s))
    free(s.byte)
    free(s.flags)
    free(s.sites)
    free(s.window)
    free(s.touched)
    return found


cdef bint _two_may_pass(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n) noexcept nogil:
    """False where _two_characters is sure to be false on ``chars``, by what
    each of its readings needs, with fewer breaks than it takes (so more of
    what it needs): _byte_by_byte two sites in one stretch, the stretches
    ending only at a character no single byte makes and at the text's own
    guillemets and quotes (_own: « before a word); _mixture (where a
    character of U+0100-U+07FF makes none) a site whose best class is
    VERY_PLAUSIBLE or more, every non-ASCII character a site but the
    letters of a word (_foreign_at's, of a cased script), of one standing
    between ASCII (_standing_words') and the text's own guillemets and
    quotes.  (A page of Greek or Russian
    has a guillemet here and there that _other_viable reads as a pair's
    first byte, and each region that holds one was read whole.)"""
    cdef Py_ssize_t k, sites = 0, end, r, stop
    cdef int following
    cdef uint32_t c
    cdef uint8_t script
    cdef uint8_t role, roles = 0
    for k in range(n):
        # (One lookup, two_role, for _single, _own's first test and the
        # byte's role: three made this pass over a page of Greek or Russian
        # cost twice as much.  And no branch on a break, which such a page
        # has at every letter and not at the spaces between its words.)
        role = st.two_role[chars[k]] if chars[k] < 0x10000 else TWO_BREAK
        roles |= role  # (TWO_MIXTURE: a mixture)
        if not role & (TWO_OWN | TWO_FIRST):  # (a break has neither)
            sites = 0 if role & TWO_BREAK else sites
        elif role & TWO_OWN and _own(st, chars, n, NULL, k):
            sites = 0
        elif k + 1 < n and role & TWO_FIRST:
            following = _single(t, chars[k + 1])
            if following >= 0 and st.byte_role[following] & SECOND_BYTE and not (
                    chars[k + 1] >= 0x80 and _own(st, chars, n, NULL, k + 1)):
                sites += 1
                if sites >= 2:
                    return True
    if not roles & TWO_MIXTURE:
        return False
    k = 0
    while k < n:
        c = chars[k]
        if c < 0x80:
            k += 1
            continue
        script = st.alphabet[c] if c < 0x10000 else 0
        if script <= 1:
            if not _own(st, chars, n, NULL, k) and _mixture_class(t, st, chars, n, k) >= st.very_plausible:
                return True
            k += 1
            continue
        end = k + 1  # the run of its script, as _standing_words reads it
        while end < n and chars[end] < 0x10000 and st.alphabet[chars[end]] == script:
            end += 1
        if not (k > 0 and end < n and chars[k - 1] < PAIR_SECOND_LOW and chars[end] < PAIR_SECOND_LOW
                and (_space(chars[k - 1]) or _space(chars[end]))):
            r = k
            while r < end:  # its words, as _foreign_at reads them
                stop = _foreign_run(st, chars, n, r) if st.cased[script] else r + 1
                if stop - r < st.foreign_word_least or not st.cased[script]:
                    while r < stop:
                        if _mixture_class(t, st, chars, n, r) >= st.very_plausible:
                            return True
                        r += 1
                r = stop
        k = end
    return False



cdef void _runs_beside_ascii(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, const int* byte,
                            uint8_t* flags) noexcept nogil:
    # See the twin's _runs_beside_ascii: OWN_CHAR on each.
    cdef Py_ssize_t k = 0, past, j
    cdef bint latin
    while k < n:
        if byte[k] >= 0:
            k += 1
            continue
        past = k + 1
        latin = 0x100 <= chars[k] < 0x10000 and st.alphabet[chars[k]] == 1
        while past < n and byte[past] < 0:
            latin = latin and 0x100 <= chars[past] < 0x10000 and st.alphabet[chars[past]] == 1
            past += 1
        if ((past == k + 1 or latin) and _ascii_or_edge(chars, n, k - 1) and _ascii_or_edge(chars, n, past)
                and (_ascii_letter(chars, n, k - 1) and _ascii_or_edge(chars, n, k - 2)
                     or _ascii_letter(chars, n, past) and _ascii_or_edge(chars, n, past + 1))):
            for j in range(k, past):
                flags[j] |= OWN_CHAR
        k = past


cdef inline bint _space(uint32_t c) noexcept nogil:
    # tables.STANDING_SPACES (checked when the tables are built)
    return c == 0x20 or 0x09 <= c <= 0x0D


cdef void _standing_words(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, uint8_t* flags) noexcept nogil:
    # See the twin's _standing_words: FOREIGN_CHAR on each.
    cdef Py_ssize_t k = 0, end, j
    cdef uint8_t script
    while k < n:
        script = st.alphabet[chars[k]] if chars[k] < 0x10000 else 0
        if script <= 1:
            k += 1
            continue
        end = k + 1
        while end < n and chars[end] < 0x10000 and st.alphabet[chars[end]] == script:
            end += 1
        if (k > 0 and end < n and chars[k - 1] < PAIR_SECOND_LOW and chars[end] < PAIR_SECOND_LOW
                and (_space(chars[k - 1]) or _space(chars[end]))):
            for j in range(k, end):
                flags[j] |= FOREIGN_CHAR
        k = end


cdef inline bint _ascii_letter(const ucs_t* chars, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    return 0 <= k < n and (0x41 <= chars[k] <= 0x5A or 0x61 <= chars[k] <= 0x7A)


cdef inline bint _ascii_or_edge(const ucs_t* chars, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    return not 0 <= k < n or chars[k] < 0x80


cdef bint _own(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, const int* byte,
               Py_ssize_t k) noexcept nogil:
    # See the twin's _own.
    cdef int q
    cdef bint candidate = False
    if chars[k] == st.guillemets[0]:
        return ((k == 0 or chars[k - 1] < PAIR_SECOND_LOW) and _ascii_letter(chars, n, k + 1)
                and _ascii_or_edge(chars, n, k + 2))
    if chars[k] == st.guillemets[1]:
        return ((k + 1 == n or chars[k + 1] < PAIR_SECOND_LOW) and _ascii_letter(chars, n, k - 1)
                and _ascii_or_edge(chars, n, k - 2))
    for q in range(QUOTES):
        candidate = candidate or chars[k] == st.own_quotes[q]
    return (candidate and _ascii_or_edge(chars, n, k - 1) and _ascii_or_edge(chars, n, k + 1)
            and (_ascii_letter(chars, n, k - 1) and _ascii_or_edge(chars, n, k - 2)
                 or _ascii_letter(chars, n, k + 1) and _ascii_or_edge(chars, n, k + 2)))


cdef bint _dead(const ScreenTables* st, const int* byte, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    # See the twin's _dead.
    cdef int high = byte[k], after, before
    cdef bint first = False, second = False
    if high < 0x80:
        return False
    if k + 1 < n:
        after = byte[k + 1]
        first = st.byte_role[high] & FIRST_BYTE and (after < 0 or st.byte_role[after] & SECOND_BYTE)
    if k > 0:
        before = byte[k - 1]
        second = (before < 0 or st.byte_role[before] & FIRST_BYTE and st.byte_role[high] & SECOND_BYTE
                  or st.byte_role[before] & DIGIT_BYTE and st.byte_role[high] & FIRST_BYTE)
    return not first and not second


cdef bint _byte_by_byte(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                        Scratch* s) noexcept nogil:
    # See the twin's _byte_by_byte.
    cdef Py_ssize_t start = 0, stop, k, count
    for stop in range(n + 1):
        if stop < n and not (s.byte[stop] < 0 or s.flags[stop] & OWN_CHAR or _dead(st, s.byte, n, stop)):
            continue
        count = 0
        for k in range(start, stop - 1):
            if st.byte_role[s.byte[k]] & FIRST_BYTE and s.byte[k + 1] >= 0 and st.byte_role[s.byte[k + 1]] & SECOND_BYTE:
                s.sites[count].first = k
                s.sites[count].past = k + 2
                s.sites[count].out = 1
                s.sites[count].best = st.pair_classes[0x10000 | s.byte[k] << 8 | s.byte[k + 1]]
                count += 1
        if _gives_two(st, s, count, start, stop, st.plausible):
            return True
        start = stop + 1
    return False


cdef bint _mixture(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                   Scratch* s) noexcept nogil:
    # See the twin's _mixture.
    cdef Py_ssize_t start = 0, stop, k, count
    for stop in range(n + 1):
        if stop < n and not s.flags[stop] & (OWN_CHAR | FOREIGN_CHAR):
            continue
        count = 0
        for k in range(start, stop):
            if chars[k] < 0x80:
                continue
            s.sites[count].first = k
            s.sites[count].past = k + 1
            s.sites[count].out = 2 if chars[k] >= 0x800 else 1
            s.sites[count].best = _mixture_class(t, st, chars, n, k)
            count += 1
        if _gives_two(st, s, count, start, stop, st.very_plausible):
            return True
        start = stop + 1
    return False


cdef int _mixture_options(const ScreenTables* st, uint32_t c, int single, uint8_t* options,
                          int* sizes) noexcept nogil:
    """The twin's _mixture_options: up to three byte strings, four bytes
    apart in ``options``, their lengths in ``sizes``; how many."""
    cdef int count = 0, code
    if single >= 0:
        options[0] = <uint8_t>single
        sizes[0] = 1
        count = 1
    if c >= 0x80 and not 0xD800 <= c <= 0xDFFF:
        sizes[count] = _utf8(c, options + 4 * count)
        count += 1
    if 0x800 <= c < 0x10000:
        code = st.gbk_encoded[c]
        if code >= 0x10000:
            options[4 * count] = (code >> 8) & 0xFF
            options[4 * count + 1] = code & 0xFF
            sizes[count] = 2
            count += 1
    return count


cdef inline int _utf8(uint32_t c, uint8_t* out) noexcept nogil:
    if c < 0x800:
        out[0] = 0xC0 | (c >> 6)
        out[1] = 0x80 | (c & 0x3F)
        return 2
    if c < 0x10000:
        out[0] = 0xE0 | (c >> 12)
        out[1] = 0x80 | ((c >> 6) & 0x3F)
        out[2] = 0x80 | (c & 0x3F)
        return 3
    out[0] = 0xF0 | (c >> 18)
    out[1] = 0x80 | ((c >> 12) & 0x3F)
    out[2] = 0x80 | ((c >> 6) & 0x3F)
    out[3] = 0x80 | (c & 0x3F)
    return 4


cdef inline int _single(const Tables* t, uint32_t c) noexcept nogil:
    """The byte a single-byte decoder read as ``c`` (ASCII itself), or -1:
    _two_characters' byte of a character."""
    return <int>c if c < 0x80 else t.byte_of[c] if c < 0x10000 and t.single_byte[c] else -1


cdef int _mixture_class(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                        Py_ssize_t k) noexcept nogil:
    # See the twin's _mixture_class.
    cdef uint32_t c = chars[k]
    cdef uint8_t options[12]
    cdef uint8_t following[12]
    cdef int sizes[3]
    cdef int following_sizes[3]
    cdef int count, nexts = 0, best = 0, i, j, o
    if 0x800 <= c < 0x10000 and st.gbk_encoded[c] >= 0x10000:
        best = t.classes[c]  # the page's own, read back as itself
    if k + 1 < n:
        if chars[k + 1] < 0x80:
            following[0] = <uint8_t>chars[k + 1]
            following_sizes[0] = 1
            nexts = 1
        else:
            nexts = _mixture_options(st, chars[k + 1], _single(t, chars[k + 1]), following, following_sizes)
    count = _mixture_options(st, c, _single(t, c), options, sizes)
    for o in range(count):
        for i in range(sizes[o] - 1):
            best = max(best, st.pair_classes[options[4 * o + i] << 8 | options[4 * o + i + 1]])
        for j in range(nexts):
            best = max(best, st.pair_classes[options[4 * o + sizes[o] - 1] << 8 | following[4 * j]])
    return best


cdef bint _gives_two(const ScreenTables* st, Scratch* s, Py_ssize_t count, Py_ssize_t start, Py_ssize_t stop,
                     int64_t bar) noexcept nogil:
    # See the twin's _gives_two (its queue: window[head:tail]).
    cdef Py_ssize_t k, others = 0, most = 0, head = 0, tail = 0, pushed = 0, b
    cdef Site* site
    if count == 0:
        return False  # (a stretch between breaks with no site: nearly every one of a page of Greek)
    for k in range(start, stop):
        if s.flags[k] & LETTER and not s.flags[k] & TOUCHING:
            others += 1
    while (most + 1) * (1 - st.european_share) < st.european_share * others:
        most += 1
    s.touched[0] = 0
    for k in range(start, stop):
        s.touched[k - start + 1] = s.touched[k - start] + (1 if s.flags[k] & TOUCHING else 0)
    for b in range(count):
        site = &s.sites[b]
        if site.out >= 2 and site.best >= bar and _touches(s, start, site.first, site.past) <= most:
            return True
        while pushed < count and s.sites[pushed].past <= site.first:
            while tail > head and s.sites[s.window[tail - 1]].best <= s.sites[pushed].best:
                tail -= 1
            s.window[tail] = pushed
            tail += 1
            pushed += 1
        while tail > head and _touches(s, start, s.sites[s.window[head]].first, site.past) > most:
            head += 1
        if tail > head and s.sites[s.window[head]].best + site.best >= 2 * bar:
            return True
    return False


cdef inline Py_ssize_t _touches(const Scratch* s, Py_ssize_t start, Py_ssize_t first, Py_ssize_t past) noexcept nogil:
    return s.touched[past - start] - s.touched[first - start]


cdef inline bint _pair_reads(const ScreenTables* st, int lead, int second) noexcept nogil:
    # See the twin's _pair_reads.
    if lead < 0x80 or second < PAIR_SECOND_LOW:
        return False
    return st.pair_reads[(lead - 0x80) * (0x100 - PAIR_SECOND_LOW) + second - PAIR_SECOND_LOW] != 0


cdef Py_ssize_t _word_windows(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, uint32_t before,
                              uint32_t after, const int* encoded, const unsigned int* decoded, uint32_t* reread,
                              uint8_t* known, Py_ssize_t* found, bint first_only) noexcept nogil:
    """The twin's word_windows on ``chars`` (``before`` and ``after``: the
    characters beside them, 0 for none): the spans' bounds into ``found``,
    their re-readings left in ``reread``; how many.  ``known`` holds n + 1."""
    cdef Py_ssize_t k, i, stop, length, count = 0
    cdef uint32_t previous, following
    cdef bint inside = False
    cdef Py_ssize_t run
    for k in range(n):
        reread[k] = _reread(encoded, decoded, chars[k])
    # A letter of a word in a script other than Latin re-reads as nothing
    # (the twin's _foreign_letters): FOREIGN_WORD_LEAST of its script in a
    # row, small letters after the first, or one between two ASCII letters.
    k = 0
    while k < n:
        run = _foreign_run(st, chars, n, k)
        if run - k >= st.foreign_word_least:
            for i in range(k, run):
                reread[i] = 0
        k = run if run > k else k + 1
    for k in range(1, n - 1):
        if chars[k] < 0x10000 and st.alphabet[chars[k]] > 1 and _look_alike(st, chars, n, k):
            reread[k] = 0
    for k in range(n):
        known[k] = 0
        if k + 1 < n and chars[k] != chars[k + 1] and _known(st, reread[k], reread[k + 1]):
            known[k] = INSIDE  # (not a pair of the same character twice: tables.SHORT_SPAN_LEAST)
            inside = True
    if not inside:
        return 0  # a span of four or more has a character with both neighbours inside it
    known[n] = 0
    for k in range(n + 1):
        previous = chars[k - 1] if k > 0 else before
        following = chars[k] if k < n else after
        if _known(st, previous, following):
            known[k] |= OWN
        if k < n and reread[k]:
            if _known(st, previous, reread[k]):
                known[k] |= BEFORE
            if _known(st, reread[k], chars[k + 1] if k + 1 < n else after):
                known[k] |= AFTER
    i = 0
    while i < n:
        stop = i
        while stop < n and reread[stop] and stop - i < st.short_most:
            stop += 1
        length = stop - i
        while length >= st.short_least and not _word_test(known, i, i + length):
            length -= 1
        if length < st.short_least:
            i += 1
            continue
        found[2 * count] = i
        found[2 * count + 1] = i + length
        count += 1
        if first_only:
            break
        i += length
    return count


cdef inline uint32_t _reread(const int* encoded, const unsigned int* decoded, uint32_t c) noexcept nogil:
    """What ``c`` re-reads as (0: nothing): its two bytes in the wrong codec, read with the right one."""
    cdef int code = encoded[c] if 0x80 <= c < 0x10000 else -2
    return decoded[code & 0xFFFF] if code >= 0x10000 else 0


cdef bint _may_hold_words(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, int shift,
                          const int* encoded, const unsigned int* decoded, const uint16_t* flags) noexcept nogil:
    """Whether two characters side by side re-read as a word pair: what every
    span the word test passes holds (_word_windows finds it out too, but
    re-reads the whole region first: timed in turn, the screen of 2 MB of
    Wikisource was faster with this look first in 3 runs of 4).  Called
    where _region_mask's pass saw
    two whose re-readings start and end some pair (word_reread); the pair
    itself is looked up here, before _word_windows reads the whole region;
    not beside a letter of a word in a script other than Latin, which
    _word_windows re-reads as nothing (a page of Russian has a pair in
    nearly every word; its words of two letters pass _region_mask's look).
    And inside SHORT_SPAN_LEAST characters in a row that each start or end
    a pair so re-read: every character of a span the word test passes does
    (with the one beside it, or, at its ends, with the text's character
    beside it), and the pair is looked up only there (a page of Greek, its
    words of one and two letters between spaces, had a look-up for each)."""
    cdef Py_ssize_t k, j, streak = 0
    cdef uint8_t first = WORD_FIRST << shift, second = WORD_SECOND << shift, bits
    cdef Words words
    _words_start(&words)
    for k in range(n):
        bits = st.word_reread[chars[k]] & (first | second) if chars[k] < 0x10000 else 0
        if bits and _foreign_here(st, chars, n, k, &words, flags):
            bits = 0
        streak = streak + 1 if bits else 0
        if streak < st.short_least:
            continue
        # The pairs of the streak not looked up yet: all of them once it is
        # long enough, then the newest.  (Its characters are no letters of
        # a word: those have no bits here.)
        for j in range(k - st.short_least + 1 if streak == st.short_least else k - 1, k):
            if (st.word_reread[chars[j]] & first and st.word_reread[chars[j + 1]] & second and _known(
                    st, _reread(encoded, decoded, chars[j]), _reread(encoded, decoded, chars[j + 1]))):
                return True
    return False


cdef inline bint _word_test(const uint8_t* known, Py_ssize_t i, Py_ssize_t j) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(i, j + 1):
        if known[k] & OWN:
            return False
    for k in range(i, j):
        if not ((known[k] & BEFORE if k == i else known[k - 1] & INSIDE)
                or (known[k] & AFTER if k == j - 1 else known[k] & INSIDE)):
            return False
    return True


cdef bint _pair_viable(const Tables* t, const ScreenTables* st, const ucs_t* window, Py_ssize_t window_n,
                       Py_ssize_t offset, Py_ssize_t n, int bit, bint hkscs, uint8_t* data) noexcept nogil:
    cdef const int* encoded = st.encoded[st.read_of[hkscs][bit]]
    if st.right_of[bit] < 0:
        return _utf8_viable(t, st, window + offset, n, encoded, data)
    return _two_byte_viable(t, st, window, window_n, offset, n, encoded, st.decoded[st.right_of[bit]])


cdef inline Py_ssize_t _foreign_run(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                                     Py_ssize_t k) noexcept nogil:
    """Where the run of letters of one script other than Latin that starts
    at ``k`` ends, small letters after the first (``k`` itself: no such
    letter); FOREIGN_WORD_LEAST of them or more are a word (the twin's
    _foreign_letters reads the runs so, one after the other)."""
    cdef uint8_t script = st.alphabet[chars[k]] if chars[k] < 0x10000 else 0
    cdef Py_ssize_t run = k + 1
    if script <= 1:
        return k
    while run < n and chars[run] < 0x10000 and st.small_script[chars[run]] == script:
        run += 1
    return run


cdef struct Words:
    Py_ssize_t start, end  # the run of letters read last (empty: none yet)
    bint word              # and whether it is a word (FOREIGN_WORD_LEAST or more)


cdef inline void _words_start(Words* words) noexcept nogil:
    words.start = words.end = 0
    words.word = False


cdef inline bint _may_be_foreign(const ScreenTables* st, uint32_t c) noexcept nogil:
    """False where _foreign_at is sure to be: ``c`` is no letter of a cased
    script other than Latin, so in no run it keeps (all of one such
    script).  Asked inline before that call, at nearly every character of a
    page of mojibake."""
    return c < 0x10000 and st.alphabet[c] > 1 and st.cased[st.alphabet[c]]


cdef inline bint _foreign_here(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, Py_ssize_t k,
                               Words* words, const uint16_t* flags) noexcept nogil:
    """_may_be_foreign and _foreign_at, where ``flags`` (_bound_flags', from
    the window's first character; NULL: none) do not show it already."""
    if flags != NULL and flags[k] & WORD_LETTER:
        return True
    return _may_be_foreign(st, chars[k]) and _foreign_at(st, chars, n, k, words)


cdef inline bint _foreign_at(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, Py_ssize_t k,
                             Words* words) noexcept nogil:
    """Whether ``chars[k]`` is a letter of a word in a script other than
    Latin (the twin's _foreign_letters), for any ``k`` in any order: the run
    that holds it is found back to where the twin's reading from the left
    starts it (a letter that is not small, or one after another script),
    and kept in ``words`` for the characters after it."""
    cdef uint32_t c = chars[k]
    cdef uint8_t script
    cdef Py_ssize_t first
    if not words.start <= k < words.end:
        script = st.alphabet[c] if c < 0x10000 else 0
        if script <= 1 or not st.cased[script]:
            # In no run of two letters (Han, Latin: nearly every character
            # asked; nor Hangul, Thai, Hebrew, Arabic, with no small
            # letters: a page of Korean had gone through this for each).
            return False
        first = k
        while (first > 0 and st.small[chars[first]] and chars[first - 1] < 0x10000
               and st.alphabet[chars[first - 1]] == script):
            first -= 1
        words.start = first
        words.end = _foreign_run(st, chars, n, first)
        words.word = words.end - first >= st.foreign_word_least
    return words.word or (c < 0x10000 and st.alphabet[c] > 1 and _look_alike(st, chars, n, k))


cdef int _segments(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                   bint hkscs, bint losses, uint8_t* data, int cannot, const uint16_t* flags) noexcept nogil:
    """The mask of SCREENED's pairs viable in ``chars``: each pair's test (the
    twin's, unchanged) run only on the segments of the region that could
    pass it.  A segment ends where the test starts afresh whatever came
    before: for GBK and Big5 read as each other, at any character that does
    not re-read (its runs restart there); for UTF-8, after more than
    SCREEN_GAP characters the wrong codec does not encode (each a break of
    the test, UNMADE, where its run restarts: closing the segment there
    would be exact too, only more calls).  ASCII changes nothing for
    either.  The tests are true on a segment only with
    enough characters that count (``relevant``): LEAST_TWO_BYTE_EVIDENCE_UNMARKED
    re-reading ones in a row, or two that encode to bytes of 0x80 and
    more (two sequences of UTF-8, of two bytes or more each).  Korean text
    is all Hangul, which none of the wrong codecs encodes: no segment at
    all, where each test read the whole page.  With ``losses``, GBK and Big5
    read as each other are kept as they stand, and a loss is NEUTRAL for
    the UTF-8 pairs (their test runs across it), Big5 read either way
    where the text does not show which (big5.big5_reading decides later,
    by votes: a page of UTF-8 read by browsers as Big5, 见 among its
    characters, had gone unread).  And every segment ends at a
    letter of a word in a script other than Latin (_foreign_run: a break
    of every test, the twin's _foreign_letters), so that a page of Greek or
    Russian makes no segment longer than its short words.  ``cannot``: the
    pairs whose test is sure to fail on every segment of ``chars`` (a
    window's, _cannot), left out of the pending ones; ``flags``: see
    _foreign_here."""
    cdef Py_ssize_t k, first[5], last[5], count[5], streak[5]
    cdef int b, mask = 0, pending = 0, opened = 0, todo
    cdef uint32_t c
    cdef uint8_t bits
    cdef bint close, foreign = False
    cdef Words words
    _words_start(&words)
    for b in range(5):
        count[b] = 0
        streak[b] = 0
        if losses and st.right_of[b] >= 0:
            mask |= 1 << b  # GBK and Big5 read as each other with losses: the re-reading's to judge
        elif not (cannot >> b) & 1:
            pending |= 1 << b
    if not pending:
        return mask
    k = -1
    while k < n:
        k += 1
        if not opened:
            # No segment open: to the next character a pending pair counts,
            # in a loop of its own (a page of Korean is Hangul that none
            # counts from end to end; in the loop below, its screen took a
            # tenth longer as the code around it grew).
            while k < n and (chars[k] < 0x80 or chars[k] >= 0x10000 or chars[k] == 0xFFFD
                             or not st.relevant[chars[k]] & pending):
                k += 1
        if k < n:
            c = chars[k]
            if c < 0x80:
                continue
            bits = NEUTRAL if c == 0xFFFD else st.relevant[c] if c < 0x10000 else 0
            if not (bits & pending) and not opened:
                continue
            # (at any k: the run found back from it)
            foreign = _foreign_here(st, chars, n, k, &words, flags)
            if foreign:
                bits = 0
        else:
            bits = 0
        # Only the pairs still pending that the character counts for, or
        # whose segment it may close (``opened``: those with a count): for
        # any other the loop below did nothing.  (UTF-8 read as Latin-1,
        # Gutenberg, 1 MB: this loop over all five pairs at each character
        # was a third of the screen's time.)
        todo = pending & (bits | opened)
        b = -1
        while todo:
            b += 1
            if not todo & 1:
                todo >>= 1
                continue
            todo >>= 1
            if k < n and (bits >> b) & 1:
                if count[b] == 0:
                    first[b] = k
                    opened |= 1 << b
                last[b] = k
                count[b] += 1
                streak[b] = 0
                continue
            if count[b] == 0:
                continue
            if k == n or foreign:
                close = True
            elif st.right_of[b] >= 0:
                close = True
            elif bits & NEUTRAL:
                close = False
            else:
                streak[b] += 1
                close = streak[b] > st.gap
            if not close:
                continue
            if count[b] >= (st.least if st.right_of[b] >= 0 else 2) and (
                    _pair_viable(t, st, chars, n, first[b], last[b] + 1 - first[b], b, hkscs, data)
                    or (losses and not hkscs and st.read_of[1][b] != st.read_of[0][b]
                        and _pair_viable(t, st, chars, n, first[b], last[b] + 1 - first[b], b, True, data))):
                mask |= 1 << b
                pending &= ~(1 << b)
            count[b] = 0
            streak[b] = 0
            opened &= ~(1 << b)
        if not pending:
            break
    return mask


cdef bint _may_start(int code) noexcept nogil:
    """Whether a lead byte of ``code`` (a wrong codec's bytes of a character,
    as encode_table holds them) may start a sequence that _starts_utf8
    counts, whatever characters follow: the bytes of ``code`` after the lead
    continue it (where one does not, it never does), and some code point the
    bytes still missing could complete is one _utf8_viable adds (none of
    U+0250-U+1FFF, U+A000-U+F8FF, U+FFFD, no surrogate, nothing past
    U+10FFFF).  Built into ScreenTables.may_start: a page of Greek or
    Russian is letters that GBK, Big5 and Shift-JIS write with such a lead
    (Cyrillic а is A7 D1 in GBK: D1 leads to U+0440-U+047F at most), and
    each of its letters outside a word went through _starts_utf8 for each
    pair, a sixth of its flags' time."""
    cdef int own = 2 if code >= 0x10000 else 1, j, size, free
    cdef uint32_t byte, cp, low, first, last
    for j in range(own):
        byte = (code >> 8) & 0xFF if own == 2 and j == 0 else code & 0xFF
        size = _lead(byte, &cp, &low)
        if not size:
            continue
        free = size - 1
        if own == 2 and j == 0:  # the code's second byte comes next
            byte = code & 0xFF
            if not 0x80 <= byte <= 0xBF:
                continue
            cp = (cp << 6) | (byte & 0x3F)
            free -= 1
        first = cp << (6 * free)
        last = first + (1u << (6 * free)) - 1
        if first < low:
            first = low
        if last > 0x10FFFF:
            last = 0x10FFFF
        # What _utf8_viable adds: U+0080-U+024F, U+2000-U+9FFF, U+F900-U+FFFC, U+FFFE-U+10FFFF.
        if first > last:
            continue
        if (first <= 0x24F or (first <= 0x9FFF and last >= 0x2000) or (first <= 0xFFFC and last >= 0xF900)
                or last >= 0xFFFE):
            return True
    return False


cdef inline int _starts_utf8(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, Py_ssize_t k,
                             const int* encoded) noexcept nogil:
    """Whether a byte ``encoded`` makes of ``chars[k]`` starts a sequence that
    _utf8_viable adds to its run, on any piece of ``chars`` that holds
    ``chars[k]``: it does on the bytes of ``chars[k:]`` up to a loss, which
    hold the piece's (a piece's bytes are its characters', one after the
    other, and a loss ends the piece).  Each lead's continuations are read
    only until one is not.  0: none; 1: one does; 2: one does whose
    character's class is PLAUSIBLE or more (a run passes only with one:
    the mean of values is no more than the largest)."""
    cdef uint32_t c = chars[k], cp, low
    cdef int code = encoded[c] if c != 0xFFFD and c < 0x10000 else -1
    cdef int own, j, size, need, at, width, byte, next_code, found = 0
    cdef Py_ssize_t i
    if code < 0 or not (0xC2 <= (code & 0xFF) <= 0xF4 or (code >= 0x10000 and 0xC2 <= (code >> 8) & 0xFF <= 0xF4)):
        return 0  # no lead byte: nearly every character asked
    own = 2 if code >= 0x10000 else 1
    for j in range(own):
        byte = (code >> 8) & 0xFF if own == 2 and j == 0 else code & 0xFF
        size = _lead(byte, &cp, &low)
        if not size:
            continue
        need = size - 1
        i = k
        next_code = code
        width = own
        at = j + 1  # the next byte: at of the width bytes of chars[i]
        while need:
            if at == width:
                i += 1
                if i >= n or chars[i] == 0xFFFD or chars[i] >= 0x10000:
                    break  # the piece ends, or UNMADE
                next_code = encoded[chars[i]]
                if next_code < 0:
                    break  # UNMADE
                width = 2 if next_code >= 0x10000 else 1
                at = 0
            byte = (next_code >> 8) & 0xFF if width == 2 and at == 0 else next_code & 0xFF
            if not 0x80 <= byte <= 0xBF:
                break
            cp = (cp << 6) | (byte & 0x3F)
            need -= 1
            at += 1
        if need or cp < low or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
            continue
        if not (0x250 <= cp <= 0x1FFF or 0xA000 <= cp <= 0xF8FF or cp == 0xFFFD):
            if cp < 0x10000 and t.classes[cp] >= st.plausible:
                return 2
            found = 1
    return found


cdef int _bound_flags(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, bint hkscs,
                     bint whole, uint16_t* flags, int64_t outer_before, int64_t outer_after,
                     bint others, Py_ssize_t stop_at) noexcept nogil:
    """For a region screened window by window, the bit of each pair of
    SCREENED that a character counts towards, in ``flags``: for a pair read
    as UTF-8, a byte of its in the wrong codec starts a sequence that
    _utf8_viable adds to its run (in either reading of Big5 _segments may
    try), and the bit 8 places up where that sequence's character is of
    class PLAUSIBLE or more; for GBK and Big5 read as each other, it ends a
    run of LEAST_TWO_BYTE_EVIDENCE_UNMARKED or more characters that re-read,
    ASCII left out (a segment of _segments with that many lies inside such
    a run).  A window's segments pass a pair's test only where it holds two
    such characters, one of the plausible ones (a run of two sequences or
    more whose mean is PLAUSIBLE), or one: _cannot.  A letter of a word
    that every window reads as one (_foreign_at) counts for no pair: its
    flag is WORD_LETTER, which _foreign_here reads.  ``whole``: the region
    is screened whole, as one window (shorter than SCREEN_WINDOWS_FROM).
    While every pair is bounded, SLOW too, for _region_mask's quick way: a
    window whose pairs _cannot rules out is then read for _other_viable
    alone (a page of Greek or Russian, its words ruling out nearly every
    window, had each read three times over: for _other_viable, the segments
    and the word test); a run of characters the word test counts in a
    window is no longer in the region (a letter of a word in every window,
    WORD_LETTER, it does not count).  And CUT (see it).  With ``others``
    (a region's flags; ``outer_before``, ``outer_after``: the text's
    characters beside it, -1 for none), VIABLE_OTHER and VIABLE_OTHER_UTF8
    (see them).  ``stop_at``: the flags of ``chars[:stop_at]`` alone (``n``
    for all), the characters past it read as they are; the end of a word
    that the flags skip, or ``n`` (_window_flags).  Returns the pairs left
    unbounded (BOUND_TRIAL), all of them where the flags are not worth
    having."""
    cdef Py_ssize_t k, hits[5], run[5]
    cdef int b, on = (1 << 5) - 1, utf8 = 0, starts
    cdef uint32_t c
    cdef uint16_t f
    cdef uint8_t lead, rel, relevant, script, bits, following, starting
    cdef Py_ssize_t streak = 0  # characters in a row the word test may count (see SLOW)
    cdef bint quick = True  # every pair bounded so far: the quick way's bits are worth having
    cdef bint running = False  # some run[b] above 0
    cdef bint seen = False  # some character any pair counts, in the trial
    cdef bint words = False  # some letter of a word (below), in the trial
    # The run of letters of a script other than Latin that k is in, as the
    # windows' _foreign_at read it (k < letters_end), and whether every
    # window reads it as a word (k < word_end): then no segment of theirs
    # holds k, and it counts for no pair (a page of Greek or Russian, whose
    # letters nearly all start a sequence in some wrong codec, had the flags
    # cost twice what they spared).
    cdef Py_ssize_t letters_end = 0, word_end = 0, stop, cut_end = 0
    # The first window start and end (_screen_all's windows) past the run
    # read last: a run with neither inside it is in every window whole.
    cdef Py_ssize_t step = st.window - st.overlap, next_start = step, next_end = st.window
    for b in range(5):
        hits[b] = run[b] = 0
        if st.right_of[b] < 0:
            utf8 |= 1 << b
    k = 0
    while k < stop_at:
        c = chars[k]
        f = 0
        if 0x80 <= c < 0x10000 and c != 0xFFFD:
            lead = st.lead_bits[c]
            relevant = st.relevant[c]
            rel = relevant & on & ~utf8
            if unlikely(lead & CASED_LETTER):
                if k >= letters_end:
                    # The run (_foreign_run's), its letters flagged on the
                    # way as a word's in every window are (below); where it
                    # is none, the general way takes them again.  (One pass
                    # over a page of Greek's words, not one to find each and
                    # one to flag it.)
                    script = st.alphabet[c]
                    letters_end = k
                    bits = st.letter_bits[c]
                    while True:
                        following = (st.letter_bits[chars[letters_end + 1]]
                                     if letters_end + 1 < n and chars[letters_end + 1] < 0x10000 else 0)
                        # _others_flag's first test, on the bits read for the
                        # run anyway (a letter of Greek or Russian is a lead of
                        # its code page: the one after it seldom continues it).
                        if unlikely(others and bits & (OTHER_LEAD | OTHER_ALWAYS) and (
                                bits & OTHER_ALWAYS or following & OTHER_AFTER or letters_end + 1 == n)):
                            flags[letters_end] = WORD_LETTER | _others_flag(t, st, chars, n, letters_end, outer_before,
                                                                            outer_after)
                        else:
                            flags[letters_end] = WORD_LETTER
                        letters_end += 1
                        if following & SMALL_SCRIPT != script:
                            break
                        bits = following
                    if letters_end - k < st.foreign_word_least:
                        word_end = 0
                    else:
                        # The windows' edges past k: where none falls inside
                        # the run, every window that reaches it holds it whole.
                        while next_start <= k:
                            next_start += step
                        while next_end <= k:
                            next_end += step
                        word_end = letters_end if (whole or (next_start >= letters_end and next_end >= letters_end)
                                                   or _word_in_every_window(st, n, k, letters_end)) else 0
                        if not word_end:
                            cut_end = letters_end  # (see CUT)
                    # (Not over the trial's last character: the general way
                    # below takes it, then the trial.)
                    stop = min(word_end, BOUND_TRIAL - 1) if k < BOUND_TRIAL else word_end
                    if stop > k:
                        # The word's letters in a row, flagged above as the
                        # general way below takes them: no pair counts them,
                        # the runs end.
                        words = True
                        streak = 0
                        if running:
                            for b in range(5):
                                run[b] = 0
                            running = False
                        k = stop
                        continue
                if k < word_end:
                    lead = rel = 0
                    words = True
                    f = WORD_LETTER
            lead &= on
            if not (lead or rel):
                # Nothing any pair counts (a Hangul syllable, which no wrong
                # codec writes): the runs end, and no pair is asked (a page
                # of Korean had its screen 2.96 -> 4.38 ms with the flags).
                if running:
                    for b in range(5):
                        run[b] = 0
                    running = False
            else:
                seen = True
                # Only the pairs whose lead may start a sequence that counts
                # (may_start): the others' _starts_utf8 is sure to be 0.
                starting = lead & st.may_start[c]
                if starting:
                    for b in range(5):
                        if not (starting >> b) & 1:
                            continue
                        starts = _starts_utf8(t, st, chars, n, k, st.encoded[st.read_of[hkscs][b]])
                        if starts < 2 and not hkscs and st.read_of[1][b] != st.read_of[0][b]:
                            starts = max(starts, _starts_utf8(t, st, chars, n, k, st.encoded[st.read_of[1][b]]))
                        if starts:
                            f |= 1 << b
                        if starts == 2:
                            f |= 1 << (8 + b)
                            hits[b] += 1
                for b in range(5):
                    if not ((on & ~utf8) >> b) & 1:
                        continue  # (a pair read as UTF-8, or one no longer bounded)
                    if (rel >> b) & 1:
                        run[b] += 1
                        running = True
                        if run[b] >= st.least:
                            f |= 1 << b
                            hits[b] += 1
                    else:
                        run[b] = 0
            if k < cut_end:
                f |= CUT
            if others:
                # _others_flag's first test here, as in the run above (a call
                # at each letter outside a word was 5% of the screen).
                bits = st.letter_bits[c]
                if bits & OTHER_ALWAYS or (bits & OTHER_LEAD and (k + 1 == n or (
                        chars[k + 1] < 0x10000 and st.letter_bits[chars[k + 1]] & OTHER_AFTER))):
                    f |= _others_flag(t, st, chars, n, k, outer_before, outer_after)
            if quick:
                if c == 0x20AC:
                    f |= SLOW
                if st.word_reread[c] and not f & WORD_LETTER:
                    streak += 1
                    if streak >= st.short_least:
                        f |= SLOW
                else:
                    streak = 0
        elif c >= 0x80:
            for b in range(5):
                run[b] = 0
            streak = 0  # (no re-reading: word_reread is 0)
            if c == 0xFFFD:
                f = SLOW
        else:
            streak = 0
        flags[k] = f
        if k + 1 == BOUND_TRIAL:
            if not seen and not words:
                # None in the trial: a page of another script, whose windows
                # are cheap to screen; flags only cost there.  (Not one of
                # Greek or Russian: their words rule every window out.)
                return (1 << 5) - 1
            for b in range(5):
                if hits[b] * BOUND_HITS_IN > BOUND_TRIAL:
                    on &= ~(1 << b)
            if not on:
                return (1 << 5) - 1
            quick = on == (1 << 5) - 1
        k += 1
    return ((1 << 5) - 1) & ~on


cdef inline uint16_t _others_flag(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                                  Py_ssize_t k, int64_t outer_before, int64_t outer_after) noexcept nogil:
    """VIABLE_OTHER and VIABLE_OTHER_UTF8 of ``chars[k]`` (in U+0080-U+FFFF, no
    loss) in the region ``chars``: _other_asked's bits."""
    cdef int viable = _other_asked(t, st, chars, n, k, outer_before, outer_after)
    return ((VIABLE_OTHER if viable & st.other else 0)
            | (VIABLE_OTHER_UTF8 if viable & st.other_utf8 else 0))


cdef inline int _other_asked(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                             Py_ssize_t k, int64_t outer_before, int64_t outer_after) noexcept nogil:
    """_other_viable of ``chars[k]`` (in U+0080-U+FFFF, no loss) in the
    region ``chars``, 0 for a character not of MAYBE_OTHER, its cheapest
    tests first.  A character of MAYBE_OTHER that _other_viable reads only
    before one of OTHER_AFTER (a lead) is asked only where a continuation, a
    loss or the region's end follows it (nearly every Cyrillic letter is a
    lead of Windows-1251's: asked at each, the quick way cost twice as
    much)."""
    cdef uint8_t bits = st.letter_bits[chars[k]]
    cdef int64_t after
    if not bits & (OTHER_LEAD | OTHER_ALWAYS):
        return 0
    if not bits & OTHER_ALWAYS:
        after = chars[k + 1] if k + 1 < n else outer_after
        if 0 <= after and (after >= 0x10000 or not st.letter_bits[after] & OTHER_AFTER):
            return 0
        if k + 2 < n and not _may_continue(st, chars, k):
            # No page continues the lead (nor is a loss after it): where
            # _other_viable is sure to find nothing, as no character of
            # LATIN_MADE and no € is a lead alone (the Serbian and Kazakh
            # letters before ј, і, ң: the call alone was 4% of the screen).
            return 0
    return _other_viable(t, st, chars, n, k, outer_before, outer_after)


cdef bint _word_in_every_window(const ScreenTables* st, Py_ssize_t n, Py_ssize_t start,
                                Py_ssize_t end) noexcept nogil:
    """Whether every window of a region of ``n`` characters (_screen_all's)
    that overlaps the run of letters [start, end) holds FOREIGN_WORD_LEAST
    of them or more: a word of real text in each (_foreign_at reads a run a
    window cuts from the window's edge)."""
    cdef Py_ssize_t step = st.window - st.overlap, last = (n - st.overlap - 1) // step, m, lo, hi
    if end - start < st.foreign_word_least:
        return False
    m = 0 if start < st.window else (start - st.window) // step + 1
    while m <= last and m * step < end:
        lo = m * step
        hi = min(lo + st.window, n)
        if min(end, hi) - max(start, lo) < st.foreign_word_least:
            return False
        m += 1
    return True


cdef inline int _cannot(const uint16_t* flags, Py_ssize_t lo, Py_ssize_t hi, int on, int utf8,
                        uint16_t* any_flag) noexcept nogil:
    """The pairs of ``on`` whose test fails on every segment of the window
    [lo, hi), by the flags of _bound_flags: a pair read as UTF-8 with fewer
    than two characters that count or none of them plausible, the others
    with none.  ``any_flag``: every flag of the window, or-ed (for the
    quick way's bits: SLOW, CUT, VIABLE_OTHER, VIABLE_OTHER_UTF8)."""
    cdef Py_ssize_t k = lo
    cdef uint16_t f, seen = 0, twice = 0
    cdef uint16_t seen_in[4]
    cdef uint16_t twice_in[4]
    cdef int j, i
    # Four characters at a time, each of the four in a lane of its own (a bit
    # is twice in the window where it is twice in a lane or in two lanes):
    # the one lane this was, each character's or-ing waiting for the one
    # before, a page of Greek spent 9% of its screen here.  No branch on an
    # empty flag: it alternates with its words' WORD_LETTER.
    for j in range(4):
        seen_in[j] = twice_in[j] = 0
    while k + 4 <= hi:
        for j in range(4):
            f = flags[k + j]
            twice_in[j] |= seen_in[j] & f
            seen_in[j] |= f
        k += 4
    for j in range(4):
        twice |= twice_in[j]
        for i in range(j):
            twice |= seen_in[i] & seen_in[j]
        seen |= seen_in[j]
    while k < hi:
        f = flags[k]
        twice |= seen & f
        seen |= f
        k += 1
    any_flag[0] = seen
    return on & ~((twice & (seen >> 8) & utf8) | (seen & ~utf8))


cdef bint _loss_or_euro(const ucs_t* chars, Py_ssize_t n) noexcept nogil:
    # Whether ``chars`` hold a loss or a € (the twin's test of a long region).
    cdef Py_ssize_t k
    for k in range(n):
        if chars[k] == 0xFFFD or chars[k] == 0x20AC:
            return True
    return False


cdef bint _loss_markers_only(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n) noexcept nogil:
    """Whether ``chars`` are LOSS_MARKER over and over (cut anywhere): every
    test fails on them (a megabyte of them took 13 ms to find so)."""
    cdef Py_ssize_t k
    cdef int phase = 0
    if n == 0:
        return False
    while phase < 3 and chars[0] != st.marker[phase]:
        phase += 1
    if phase == 3:
        return False
    for k in range(n):
        if chars[k] != st.marker[phase]:
            return False
        phase = 0 if phase == 2 else phase + 1
    return True


cdef int _region_mask(const Tables* t, const ScreenTables* st, const ucs_t* region, Py_ssize_t length,
                      int64_t outer_before, int64_t outer_after, Py_ssize_t lo, Py_ssize_t hi, uint32_t before,
                      uint32_t after, bint hkscs, uint8_t* data, uint32_t* reread, uint8_t* known,
                      int cannot, int* two, const uint16_t* flags, int quick) noexcept nogil:
    """The mask of the window ``region[lo:hi]`` (``before``, ``after``: the
    characters beside it, 0 for none); _other_viable sees the whole region
    and the text's characters beside it (``outer_before``, ``outer_after``:
    -1 for none).  ``cannot``: the pairs of SCREENED whose tests fail on
    every segment of the window (_cannot); ``two``: the region's
    _two_characters, or 1 where it holds a loss or a € (-1: not asked yet);
    ``flags``: _bound_flags' from the window's first character, or NULL;
    ``quick``: -1, or where _cannot rules out every pair and the flags
    shows no SLOW in the window, the bits of _other_viable there (the
    segments and the word test are sure to find nothing, and the window
    holds no loss and no €)."""
    cdef const ucs_t* chars = region + lo
    cdef Py_ssize_t n = hi - lo
    cdef Py_ssize_t k, found[2]
    cdef int b
    cdef const int* encoded
    cdef const unsigned int* decoded
    cdef uint32_t c
    cdef int mask = 0
    cdef int both = <int>(st.other | st.other_utf8)
    cdef bint losses = False, euro = False, astral = False
    # For the word test: which readings re-read two characters side by side
    # as the start and the end of some pair (word_reread; a bit each, at its
    # WORD_FIRST): looked up in this loop, which reads every character anyway
    # (a pass of its own for each reading made the screen of a Korean page,
    # which no codec here reads at all, three times as slow).
    # Not a letter of a word in a script other than Latin (_foreign_run),
    # which _word_windows re-reads as nothing: a page of Russian has such a
    # pair in nearly every word.
    cdef uint8_t sides, previous = 0, adjacent = 0
    cdef Words words
    _words_start(&words)
    if _loss_markers_only(st, chars, n):
        return 0
    if quick >= 0:
        mask = quick  # (all the pass below would find)
    else:
        for k in range(n):
            c = chars[k]
            sides = st.word_reread[c] if c < 0x10000 else 0
            if sides and _foreign_here(st, chars, n, k, &words, flags):
                sides = 0
            adjacent |= previous & (sides >> 1)
            previous = sides
            astral = astral or c >= 0x10000
            if c == 0xFFFD:
                losses = True
            elif c < 0x10000 and st.relevant[c] & MAYBE_OTHER:
                euro = euro or c == 0x20AC
                if mask != both and (st.letter_bits[c] & OTHER_ALWAYS or lo + k + 1 == length or (
                        region[lo + k + 1] < 0x10000 and st.letter_bits[region[lo + k + 1]] & OTHER_AFTER)):
                    mask |= _other_asked(t, st, region, length, lo + k, outer_before, outer_after)
    if mask & st.other and not losses and not euro and length < st.windows_from:
        if not _two_characters(t, st, region, length):
            mask &= ~(<int>st.other)
    # With losses, the tests of the UTF-8 pairs run across them; not beside
    # a character past the Basic Plane, which the screen's tables do not
    # encode (Big5-HKSCS writes 𢥫 in two bytes): every pair is worth a try.
    if quick < 0:
        mask |= ((1 << 5) - 1) if losses and astral else _segments(t, st, chars, n, hkscs, losses, data, cannot,
                                                                   flags)
    for b in range(5):  # GBK and Big5 read as each other in spans too short for the judge: the word test
        if st.right_of[b] < 0 or not adjacent & (WORD_FIRST << st.word_of[hkscs][b]):
            continue
        encoded = st.encoded[st.read_of[hkscs][b]]
        decoded = st.decoded[st.right_of[b]]
        if _may_hold_words(st, chars, n, st.word_of[hkscs][b], encoded, decoded, flags) and _word_windows(
                st, chars, n, before, after, encoded, decoded, reread, known, found, True):
            mask |= <int>st.word_spans << b
    if mask == st.other and not losses and not euro and length >= st.windows_from:
        # (The twin's: a window of a long region kept for those pairs alone.)
        if two[0] < 0:
            two[0] = _loss_or_euro(region, length) or _two_characters(t, st, region, length)
        if not two[0]:
            mask = 0
    return mask


cdef inline Py_ssize_t _next_cut(const uint16_t* region, Py_ssize_t k, Py_ssize_t n) noexcept nogil:
    """The first character from ``k`` whose flags hold CUT, ``n`` for none:
    four flags at a time (nearly every one holds none)."""
    cdef uint64_t four
    while k + 4 <= n:
        memcpy(&four, region + k, 8)
        if four & (<uint64_t>CUT * 0x0001000100010001ULL):
            break
        k += 4
    while k < n and not region[k] & CUT:
        k += 1
    return k


cdef inline bint _word_ends(const uint16_t* region, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    # Whether a run of WORD_LETTER ends just before ``k`` (0 < k <= n).
    return region[k - 1] & WORD_LETTER and (k == n or not region[k] & WORD_LETTER)


cdef inline Py_ssize_t _after_word(const uint16_t* region, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    # The first end of a word past ``k`` (_word_ends), ``n`` for none.
    k += 1
    while k < n and not _word_ends(region, n, k):
        k += 1
    return k


cdef inline Py_ssize_t _before_word(const uint16_t* region, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    # The last end of a word at ``k`` or before (_word_ends), 0 for none.
    while k > 0 and not _word_ends(region, n, k):
        k -= 1
    return k


cdef int _window_flags(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, bint hkscs,
                       int utf8, const uint16_t* region, uint16_t* flags, uint16_t* seen) noexcept nogil:
    """_bound_flags of a window ``chars`` of a long region as if it were a
    region screened whole, into ``flags`` (a window is shorter than
    BOUND_TRIAL: every pair bounded), and _cannot of them; ``seen``: _cannot's
    (SLOW as the window's; it has no VIABLE_OTHER bits: the region's hold
    them, read with the characters beside the window as the region's).
    ``region``: the region's flags from the window's first character.

    Only where they may differ are the window's own flags read afresh; the
    rest are the region's.  After a word of the region (WORD_LETTER: a
    word in every window, so in this one, where it ends at the same
    character: a run ends where the next letter is of another script, from
    wherever it is read) both readings start over (no run, no streak), and
    read the characters up to the next word alike, unless those hold a
    letter of CUT (a word here, or cut short by this window's edge, not in
    the region), the window's first character (the region's runs go on
    from before it) or one of its last OWN_TAIL (whose sequences the region
    reads on past the window).  Those stretches, from the word before to
    the word after, are read afresh (_bound_flags from the word before, to
    the window's end, stopping at the word after); the others are the
    region's, less its own bits (CUT, VIABLE_OTHER, VIABLE_OTHER_UTF8).
    (A page of Serbian, its regions all read window by window, had a
    third of its flags' time in windows read in full, over again.)"""
    cdef Py_ssize_t j, cut, first = 0, last, tail
    cdef uint16_t own = ~(CUT | VIABLE_OTHER | VIABLE_OTHER_UTF8)
    for j in range(n):
        flags[j] = region[j] & own
    # [first, last): the stretch to read afresh, grown while the next one
    # starts where it ends.
    last = _after_word(region, n, 0)
    tail = _before_word(region, n, n - OWN_TAIL if n > OWN_TAIL else 0)
    while True:
        cut = _next_cut(region, last, n)
        j = tail if cut >= tail else _before_word(region, n, cut)
        if j > last:
            _bound_flags(t, st, chars + first, n - first, hkscs, True, flags + first, -1, -1, False, last - first)
            first = j
        if cut >= tail:
            break
        last = _after_word(region, n, cut)
    _bound_flags(t, st, chars + first, n - first, hkscs, True, flags + first, -1, -1, False, n - first)
    return _cannot(flags, 0, n, (1 << 5) - 1, utf8, seen)


cdef int _flag_region(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n, bint hkscs,
                      uint16_t* flags, int64_t outer_before, int64_t outer_after) noexcept nogil:
    """_bound_flags for the region ``chars`` (with VIABLE_OTHER and
    VIABLE_OTHER_UTF8): the pairs left unbounded.  Not for a region of loss
    markers over and over, which every window rules out at once (a megabyte
    of 锟斤拷 took 7.4 ms to flag, 0.7 to screen)."""
    if _loss_markers_only(st, chars, n):
        return (1 << 5) - 1
    return _bound_flags(t, st, chars, n, hkscs, n < st.windows_from, flags, outer_before, outer_after, True, n)


cdef bint _shows_hkscs(const ScreenTables* st, const ucs_t* chars, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k = 0, j
    cdef uint8_t bits
    # Sixteen characters at a time, one test for them all: nearly every text
    # holds none (a page of Greek or Russian, one region from end to end,
    # spent 5% of its screen here one character at a time).
    while k + 16 <= n:
        bits = 0
        for j in range(k, k + 16):
            bits |= st.relevant[chars[j]] if chars[j] < 0x10000 else 0
        if bits & SHOWS_HKSCS:
            return True
        k += 16
    for j in range(k, n):
        if chars[j] < 0x10000 and st.relevant[chars[j]] & SHOWS_HKSCS:
            return True
    return False


cdef inline uint32_t _read(int kind, const void* source, Py_ssize_t i) noexcept nogil:
    if kind == 1:
        return (<const uint8_t*>source)[i]
    if kind == 2:
        return (<const uint16_t*>source)[i]
    return (<const uint32_t*>source)[i]


cdef bint _screen_all(const Tables* t, const ScreenTables* st, int kind, const void* source, Py_ssize_t length,
                      const Py_ssize_t* regions, Py_ssize_t count, Spans* kept) noexcept nogil:
    """The screen of ``count`` regions (start and end of each in turn) into
    ``kept`` (start, end and mask of each region kept); False where memory
    ran out."""
    cdef Py_ssize_t longest = 0, start, end, n, r, lo, hi
    cdef Py_ssize_t step = st.window - st.overlap
    cdef int mask
    cdef bint hkscs = False, have = False, full = False
    cdef int64_t merged_start = 0, merged_end = 0, merged_mask = 0
    cdef uint32_t before, after, edge_before, edge_after
    cdef int64_t outer_before, outer_after
    cdef int b, off, cannot, two, quick, utf8 = 0
    cdef uint16_t seen, others
    for b in range(5):
        if st.right_of[b] < 0:
            utf8 |= 1 << b
    for r in range(count):
        start, end = regions[2 * r], regions[2 * r + 1]
        if end - start > longest:
            longest = end - start
        if hkscs or kind == 1:
            continue  # no Latin-1 character shows it (tables.SHOWS_HKSCS_RANGES)
        if kind == 2:
            hkscs = _shows_hkscs(st, <const uint16_t*>source + start, end - start)
        else:
            hkscs = _shows_hkscs(st, <const uint32_t*>source + start, end - start)
    cdef int64_t reading = st.read_as_hkscs if hkscs else 0
    cdef uint8_t* data = <uint8_t*>malloc((2 * longest + 1) * sizeof(uint8_t))
    cdef uint8_t* known = <uint8_t*>malloc((longest + 1) * sizeof(uint8_t))
    cdef uint32_t* reread = <uint32_t*>malloc((longest + 1) * sizeof(uint32_t))
    cdef uint16_t* flags = <uint16_t*>malloc((longest + 1) * sizeof(uint16_t))
    cdef uint16_t* window_flags = <uint16_t*>malloc((st.window + 1) * sizeof(uint16_t))
    cdef bint own
    if data == NULL or known == NULL or reread == NULL or flags == NULL or window_flags == NULL:
        free(data)
        free(known)
        free(reread)
        free(flags)
        free(window_flags)
        return False
    for r in range(count):
        start, end = regions[2 * r], regions[2 * r + 1]
        n = end - start
        before = _read(kind, source, start - 1) if start > 0 else 0
        after = _read(kind, source, end) if end < length else 0
        outer_before = <int64_t>before if start > 0 else -1
        outer_after = <int64_t>after if end < length else -1
        have = False  # a run of windows kept, while the next may overlap it
        two = -1
        lo = 0
        off = (1 << 5) - 1
        if n >= FLAGS_FROM:
            if kind == 1:
                off = _flag_region(t, st, <const uint8_t*>source + start, n, hkscs, flags, outer_before, outer_after)
            elif kind == 2:
                off = _flag_region(t, st, <const uint16_t*>source + start, n, hkscs, flags, outer_before, outer_after)
            else:
                off = _flag_region(t, st, <const uint32_t*>source + start, n, hkscs, flags, outer_before, outer_after)
        while True:
            hi = n if n < st.windows_from else min(lo + st.window, n)
            edge_before = _read(kind, source, start + lo - 1) if lo > 0 else before
            edge_after = _read(kind, source, start + hi) if hi < n else after
            cannot = 0
            quick = -1
            own = False  # the window's own flags, in window_flags
            if off != (1 << 5) - 1:
                cannot = _cannot(flags, lo, hi, ((1 << 5) - 1) & ~off, utf8, &seen)
                others = seen  # (the region's VIABLE_OTHER bits, the window's own flags have none)
                if off == 0:  # (the flags hold the quick way's bits)
                    if not (cannot == (1 << 5) - 1 and not seen & SLOW) and n >= st.windows_from and seen & CUT:
                        # The region's flags count a word for every window
                        # once one window cuts it (CUT): the window's own, as
                        # if it were the region, count it only where it is
                        # cut (a page of Greek had a quarter of its windows
                        # read in full, most beside a word the window next to
                        # it cuts).
                        if kind == 1:
                            cannot = _window_flags(t, st, <const uint8_t*>source + start + lo, hi - lo, hkscs, utf8,
                                                   flags + lo, window_flags, &seen)
                        elif kind == 2:
                            cannot = _window_flags(t, st, <const uint16_t*>source + start + lo, hi - lo, hkscs, utf8,
                                                   flags + lo, window_flags, &seen)
                        else:
                            cannot = _window_flags(t, st, <const uint32_t*>source + start + lo, hi - lo, hkscs, utf8,
                                                   flags + lo, window_flags, &seen)
                        own = True
                    if cannot == (1 << 5) - 1 and not seen & SLOW:
                        quick = ((<int>st.other if others & VIABLE_OTHER else 0)
                                 | (<int>st.other_utf8 if others & VIABLE_OTHER_UTF8 else 0))
            if kind == 1:
                mask = _region_mask(t, st, <const uint8_t*>source + start, n, outer_before, outer_after, lo, hi,
                                    edge_before, edge_after, hkscs, data, reread, known, cannot, &two,
                                    NULL if off == (1 << 5) - 1 else window_flags if own else flags + lo, quick)
            elif kind == 2:
                mask = _region_mask(t, st, <const uint16_t*>source + start, n, outer_before, outer_after, lo, hi,
                                    edge_before, edge_after, hkscs, data, reread, known, cannot, &two,
                                    NULL if off == (1 << 5) - 1 else window_flags if own else flags + lo, quick)
            else:
                mask = _region_mask(t, st, <const uint32_t*>source + start, n, outer_before, outer_after, lo, hi,
                                    edge_before, edge_after, hkscs, data, reread, known, cannot, &two,
                                    NULL if off == (1 << 5) - 1 else window_flags if own else flags + lo, quick)
            if mask:
                if have and start + lo <= merged_end:
                    merged_end = start + hi
                    merged_mask |= mask
                else:
                    if have:
                        full = full or spans_add(kept, merged_start, merged_end, merged_mask, 0, 3) < 0
                    have = True
                    merged_start, merged_end, merged_mask = start + lo, start + hi, mask | reading
            if hi >= n:
                break
            lo += step
        if have:
            full = full or spans_add(kept, merged_start, merged_end, merged_mask, 0, 3) < 0
    free(data)
    free(known)
    free(reread)
    free(flags)
    free(window_flags)
    return not full


def screen(text, regions):
    """The regions worth a look, each with the mask of the pairs worth a try;
    a long one window by window (tables.SCREEN_WINDOWS_FROM), each run of
    windows kept as one region."""
    PyUnicode_READY(text)
    if not regions:
        return []
    cdef const Tables* t = _tables_ready()
    cdef const ScreenTables* st = _screen_ready()
    cdef Py_ssize_t count = len(regions), length = PyUnicode_GET_LENGTH(text), r = 0, start, end
    cdef Py_ssize_t* spans = <Py_ssize_t*>malloc(2 * count * sizeof(Py_ssize_t))
    cdef Spans kept
    cdef bint done
    spans_init(&kept)
    if spans == NULL:
        raise MemoryError()
    try:
        for start, end in regions:
            if r == count or not 0 <= start <= end <= length:
                raise ValueError("the regions are not spans of the text")
            spans[2 * r] = start
            spans[2 * r + 1] = end
            r += 1
        if r != count:
            raise ValueError("the regions are not spans of the text")
        done = _screen_all(t, st, PyUnicode_KIND(text), PyUnicode_DATA(text), length, spans, count, &kept)
        if not done:
            raise MemoryError()
        return spans_list(&kept, 3)
    finally:
        free(spans)
        spans_free(&kept)


def scan_and_screen(text):
    """``screen(text, find_regions(text))``, the regions passed in C: no
    Python object for each (a page of Vietnamese or Czech makes some 15 a
    kilobyte, the screen rules every one out), the GIL released once for
    both on a long text.  The screen's tables are built only for a text
    with regions, or a long one (a first call on a line of clean Chinese
    took 125 ms where it took 3)."""
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    if PyUnicode_IS_ASCII(text) or n == 0:
        return []
    cdef const Tables* t = _tables_ready()
    cdef const ScreenTables* st
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* source = PyUnicode_DATA(text)
    cdef Regions regions
    cdef Spans kept
    cdef bint done = True
    regions_init(&regions)
    spans_init(&kept)
    try:
        if n >= SCAN_RELEASE_CHARS:
            st = _screen_ready()  # built with the GIL, before it goes
            with nogil:
                _dispatch_scan(t, source, kind, n, &regions)
                done = _screen_found(t, st, kind, source, n, &regions, &kept)
        else:
            _dispatch_scan(t, source, kind, n, &regions)
            if regions.spans.used or regions.failed:
                done = _screen_found(t, _screen_ready(), kind, source, n, &regions, &kept)
        if not done:
            raise MemoryError()
        return spans_list(&kept, 3)
    finally:
        spans_free(&regions.spans)
        spans_free(&kept)


cdef inline bint _screen_found(const Tables* t, const ScreenTables* st, int kind, const void* source, Py_ssize_t n,
                               const Regions* regions, Spans* kept) noexcept nogil:
    """The screen of the scan's ``regions`` into ``kept``; False where memory
    ran out, for the scan or for the screen."""
    return not regions.failed and _screen_all(
        t, st, kind, source, n, regions.spans.items, regions.spans.used // 2, kept)


def word_windows(text, Py_ssize_t start, Py_ssize_t end, str wrong, str right):
    """The spans of ``text[start:end]`` the word test finds to be ``right``'s
    bytes read by ``wrong``, each with its re-reading (the twin's, the same)."""
    PyUnicode_READY(text)
    cdef const ScreenTables* st = _screen_ready()
    cdef const int[:] encoded = encode_table(wrong)
    cdef const unsigned int[:] decoded = decode_table(right)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* source = PyUnicode_DATA(text)
    cdef Py_ssize_t n = end - start, count, k, i
    if not 0 <= start <= end <= len(text):
        raise ValueError("the span is not inside the text")
    if n == 0:
        return []
    cdef uint32_t before = PyUnicode_READ(kind, <void*>source, start - 1) if start > 0 else 0
    cdef uint32_t after = PyUnicode_READ(kind, <void*>source, end) if end < len(text) else 0
    cdef uint8_t* known = <uint8_t*>malloc((n + 1) * sizeof(uint8_t))
    cdef uint32_t* reread = <uint32_t*>malloc((n + 1) * sizeof(uint32_t))
    cdef Py_ssize_t* found = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
    try:
        if known == NULL or reread == NULL or found == NULL:
            raise MemoryError()
        if kind == 1:
            count = _word_windows(st, <const uint8_t*>source + start, n, before, after, &encoded[0], &decoded[0],
                                  reread, known, found, False)
        elif kind == 2:
            count = _word_windows(st, <const uint16_t*>source + start, n, before, after, &encoded[0], &decoded[0],
                                  reread, known, found, False)
        else:
            count = _word_windows(st, <const uint32_t*>source + start, n, before, after, &encoded[0], &decoded[0],
                                  reread, known, found, False)
        windows = []
        for k in range(count):
            windows.append((start + found[2 * k], start + found[2 * k + 1],
                            "".join([chr(reread[i]) for i in range(found[2 * k], found[2 * k + 1])])))
        return windows
    finally:
        free(known)
        free(reread)
        free(found)
