"""The pinyin loops, compiled: the twin of ``_loops_py.py``.

The rules are those of the pure-Python twin, which is the readable
reference; this module applies them to the string's own PEP 393 storage
(2- or 4-byte code units; a 1-byte string holds no Han character and is
returned at once), with every table in C arrays, so the scan touches no
Python object per character and can run without the GIL.  What one group
or bare syllable spells is in ``_groups_c.pxi`` (included below).  It
imports only ``tables``; the facade above checked the arguments.
"""
from cpython.unicode cimport (
    PyUnicode_1BYTE_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New,
)
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcpy

from zhclean._unicode cimport PyUnicode_MAX_CHAR_VALUE, PyUnicode_READY

from . import tables as _tables
from .._lazy import Lazy

ctypedef fused ucs_t:
    uint16_t
    uint32_t

cdef enum:
    # Mirrors of tables.MAX_GROUP, MAX_SYLLABLE, MAX_WORD, MAX_TOKEN,
    # VIETNAMESE_WINDOW, TRIGGER_LOW and TRIGGER_HIGH, needed as C constants (array sizes, the
    # scan); test_loops compares them.
    MAX_GROUP = 48
    MAX_SYLLABLE = 6
    MAX_WORD = 4
    MAX_TOKEN = 12
    VIETNAMESE_WINDOW = 48
    TRIGGER_LOW = 0xC0
    TRIGGER_HIGH = 0x370
    BMP_BASE = 0x3000   # readings of BMP characters are indexed from here
    MAX_LABELS = 8
    MAX_LABEL_LENGTH = 8
    MAX_SYMBOLS = 32    # tables.SYMBOL_AFTER's entries at most (checked when the tables are built)
    LETTER_TONE = 0x100     # in Tables.letter: the letter carries a tone
    LETTER_UPPER = 0x200    # in Tables.letter: written upper case

# When to release the GIL.  Re-acquiring it after work done without it waits
# for whichever thread holds it meanwhile, up to the 5 ms switch interval when
# another Python thread is busy; so it is released once per call, and only
# for work long enough to pay for that wait (40k characters of clean text
# take 4 us alone and took 1 ms beside a busy thread when every call of 32 Ki
# characters or more released it).  The first PROBE_CHARS are scanned holding
# the GIL; the rest is done without it when the work it predicts, at the
# density of triggers seen so far, is at least RELEASE_NS.
cdef Py_ssize_t PROBE_CHARS = 1 << 16
cdef double RELEASE_NS = 2000000.0
# The cost model, measured on the project's 2-core machine: sample 003
# (clean, 2 brackets in 3,000 characters) scans at 0.13 ns a character;
# sample 004 (a bracket every 7 characters) at 5.6 ns a character, 40 ns a
# bracket.
cdef double CHAR_NS = 0.13
cdef double BRACKET_NS = 40.0


include "_tables_c.pxi"


# --- character classes (mirroring tables; compared by a test) --------------
cdef inline bint _is_han(uint32_t c) noexcept nogil:
    if c < 0x3007:
        return False
    return (
        c == 0x3007
        or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0x20000 <= c <= 0x2FA1F
        or 0x30000 <= c <= 0x323AF
    )


cdef inline bint _is_open(uint32_t c) noexcept nogil:
    return c == 0x28 or c == 0xFF08 or c == 0x5B or c == 0x3010


cdef inline uint32_t _closer(uint32_t c) noexcept nogil:
    if c == 0x28:
        return 0x29
    if c == 0xFF08:
        return 0xFF09
    if c == 0x5B:
        return 0x5D
    return 0x3011


cdef inline bint _is_quote(uint32_t c) noexcept nogil:
    return c == 0x201D or c == 0x300D or c == 0x300F or c == 0x22


cdef inline bint _is_lookalike(uint32_t c) noexcept nogil:
    return c == 0x4E00 or c == 0x7C or c == 0x4E28


cdef inline bint _is_zhuyin_tone(uint32_t c) noexcept nogil:
    return c == 0x02C9 or c == 0x02CA or c == 0x02C7 or c == 0x02CB or c == 0x02D9


cdef inline bint _is_latin_word(uint32_t c) noexcept nogil:
    if c < 0x80:
        return (0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A
                or c == 0x2D or c == 0x5F or c == 0x27)
    return (0xC0 <= c < 0x370 and c != 0xD7 and c != 0xF7) or 0x1E00 <= c <= 0x1EFF or c == 0x2019


cdef inline bint _is_vietnamese(uint32_t c) noexcept nogil:
    # tables.VIETNAMESE_LETTERS
    if c < 0x1A0:
        return False
    if 0x1EA2 <= c <= 0x1EF7:
        return (0x1EA4 <= c <= 0x1EB7 or 0x1EC2 <= c <= 0x1EC7 or 0x1ED0 <= c <= 0x1EE3 or 0x1EE8 <= c <= 0x1EF1
                or c == 0x1EA2 or c == 0x1EA3 or c == 0x1EBA or c == 0x1EBB or c == 0x1EC8 or c == 0x1EC9
                or c == 0x1ECE or c == 0x1ECF or c == 0x1EE6 or c == 0x1EE7 or c == 0x1EF6 or c == 0x1EF7)
    return c == 0x1A0 or c == 0x1A1 or c == 0x1AF or c == 0x1B0 or c == 0x309 or c == 0x31B


cdef inline bint _is_trigger(uint32_t c) noexcept nogil:
    return _is_open(c) or TRIGGER_LOW <= c < TRIGGER_HIGH


def _mirrors():
    """What this module mirrors of ``tables``, for the test that compares them."""
    return {"MAX_GROUP": MAX_GROUP, "MAX_SYLLABLE": MAX_SYLLABLE, "MAX_WORD": MAX_WORD, "MAX_TOKEN": MAX_TOKEN,
            "VIETNAMESE_WINDOW": VIETNAMESE_WINDOW,
            "VIETNAMESE_AFTER_CIRCUMFLEX": frozenset((0x300, 0x301, 0x303, 0x309, 0x323)),  # _vietnamese_near's
            "ROMANISED_SEPARATORS": frozenset((0x2C, 0x2F, 0x3B, 0xFF0C, 0x3001, 0xFF1B)),  # _is_separator's
            "TRIGGER_LOW": TRIGGER_LOW, "TRIGGER_HIGH": TRIGGER_HIGH,
            # the literal code points _pinyin_letters, _label_end, _group_annotates,
            # _zhuyin_pieces and _scan.h test against
            "SEPARATORS": frozenset((0x20, 0x27, 0x2019)), "COLONS": frozenset((0x3A, 0xFF1A)),
            "ROUND_PARENS": frozenset((0x28, 0xFF08)),
            "ZHUYIN_LOOKALIKES": {0x4E00: 0x3127, 0x7C: 0x3127, 0x4E28: 0x3127}}


def _classes_of(uint32_t c):
    """How the loops classify ``c``: (Han, opening bracket, its closer or 0,
    closing quote, zhuyin tone, zhuyin letter, look-alike of ㄧ, part of a
    Latin word, scan trigger, Vietnamese letter)."""
    return (_is_han(c), _is_open(c), _closer(c) if _is_open(c) else 0, _is_quote(c), _is_zhuyin_tone(c),
            _zhuyin_index(c) != 0, _is_lookalike(c), _is_latin_word(c), _is_trigger(c), _is_vietnamese(c))


cdef inline Py_ssize_t _bsearch(const uint32_t* keys, Py_ssize_t n, uint32_t key) noexcept nogil:
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < n and keys[lo] == key:
        return lo
    return -1


cdef inline bint _has_reading(const Tables* t, uint32_t han, uint32_t code) noexcept nogil:
    cdef Py_ssize_t i, start, stop
    if BMP_BASE <= han < 0x10000:
        start = t.bmp_offsets[han - BMP_BASE]
        stop = t.bmp_offsets[han - BMP_BASE + 1]
    elif han >= 0x10000:
        i = _bsearch(t.astral_cps, t.n_astral, han)
        if i < 0:
            return False
        start = t.astral_offsets[i]
        stop = t.astral_offsets[i + 1]
    else:
        return False
    for i in range(start, stop):
        if t.codes[i] == code:
            return True
    return False


# --- the spans to delete, and where the scan stands ------------------------
cdef struct Runs:
    Py_ssize_t* spans       # [start, end) pairs, in order, disjoint
    Py_ssize_t count
    Py_ssize_t capacity
    Py_ssize_t pos          # where the scan resumes
    Py_ssize_t chained      # the Han character after the last dropped space
    Py_ssize_t viet_from    # _vietnamese_near's memo: the first Vietnamese letter at or after
    Py_ssize_t viet_next    # viet_from is at viet_next (n: none); -1: not looked for yet
    Py_ssize_t brackets     # triggers looked at so far
    bint failed             # out of memory


cdef inline bint _vietnamese_at(const ucs_t* s, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    """Whether a Vietnamese letter stands at k (a decomposed one: its base)."""
    cdef uint32_t c = s[k], mark
    if _is_vietnamese(c):
        return True
    if (c == 0x61 or c == 0x6F or c == 0x41 or c == 0x4F) and k + 2 < n and s[k + 1] == 0x302:
        mark = s[k + 2]
        return mark == 0x300 or mark == 0x301 or mark == 0x303 or mark == 0x309 or mark == 0x323
    return False


cdef bint _vietnamese_near(const ucs_t* s, Py_ssize_t n, Runs* r, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """Whether a Vietnamese letter lies within VIETNAMESE_WINDOW of s[start:end]
    (the twin's vietnamese_near).  The chains come in text order: the first
    letter at or after a point is remembered, so that the windows of a
    page of bare ruby are not read again and again (each was, and the page
    ran at half its speed); a window before that point is read as it is."""
    cdef Py_ssize_t low = start - VIETNAMESE_WINDOW if start > VIETNAMESE_WINDOW else 0
    cdef Py_ssize_t high = end + VIETNAMESE_WINDOW if end + VIETNAMESE_WINDOW < n else n
    cdef Py_ssize_t k
    if r.viet_next >= 0 and r.viet_from <= low <= r.viet_next:
        return r.viet_next < high
    if r.viet_next >= 0 and low < r.viet_from:
        k = low
        while k < high and k < r.viet_from:
            if _vietnamese_at(s, n, k):
                return True
            k += 1
        return high > r.viet_from and r.viet_next < high
    k = low
    while k < n and not _vietnamese_at(s, n, k):
        k += 1
    r.viet_from, r.viet_next = low, k
    return k < high


cdef inline void _remove(Runs* r, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    cdef Py_ssize_t* grown
    if start == end or r.failed:
        return
    if r.count and r.spans[2 * r.count - 1] == start:
        r.spans[2 * r.count - 1] = end
        return
    if r.count == r.capacity:
        r.capacity = 64 if r.capacity == 0 else r.capacity * 2
        grown = <Py_ssize_t*>realloc(r.spans, r.capacity * 2 * sizeof(Py_ssize_t))
        if grown == NULL:
            r.failed = True
            return
        r.spans = grown
    r.spans[2 * r.count] = start
    r.spans[2 * r.count + 1] = end
    r.count += 1


cdef int _fill_word(const ucs_t* s, const Runs* r, Py_ssize_t owner, Py_ssize_t hypothetical,
                    uint32_t* word) noexcept nogil:
    """The characters a group after owner may annotate, nearest first: the
    owner (unless a quote), then the output before it -- or, when
    hypothetical >= 0, before the owner the character at hypothetical (a
    space between them about to be dropped) and the output before that."""
    cdef int count = 0
    cdef Py_ssize_t j
    if not _is_quote(s[owner]):
        word[count] = s[owner]
        count += 1
    j = owner - 1
    if hypothetical >= 0:
        word[count] = s[hypothetical]
        count += 1
        j = hypothetical - 1
    return _output_before(s, r, j, word, count, MAX_WORD)


cdef int _output_before(const ucs_t* s, const Runs* r, Py_ssize_t j, uint32_t* out, int count,
                        int most) noexcept nogil:
    """Fill out[count:most] with the output's characters from j back (the
    spans removed so far skipped), nearest first; return how many out holds."""
    cdef Py_ssize_t k = r.count - 1
    while j >= 0 and count < most:
        while k >= 0 and r.spans[2 * k] > j:
            k -= 1
        if k >= 0 and r.spans[2 * k + 1] > j:
            j = r.spans[2 * k] - 1
            continue
        out[count] = s[j]
        count += 1
        j -= 1
    return count


include "_groups_c.pxi"


# --- the rules: see _loops_py.py -------------------------------------------
cdef inline Py_ssize_t _item_end(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, const Runs* r,
                          Py_ssize_t owner, Py_ssize_t pos, Py_ssize_t hypothetical) noexcept nogil:
    """Where the bracket item at pos (after at most one space) ends, if it annotates owner; else -1."""
    cdef bint spaced = pos < n and s[pos] == 0x20
    cdef Py_ssize_t limit, stop = -1, k
    cdef uint32_t close
    if spaced:
        pos += 1
    if pos >= n or not _is_open(s[pos]):
        return -1
    close = _closer(s[pos])
    limit = pos + 2 + MAX_GROUP
    if limit > n:
        limit = n
    for k in range(pos + 1, limit):
        if s[k] == close:
            stop = k
            break
    if stop < 0:
        return -1
    if not spaced and s[pos] != 0x5B and s[pos] != 0x3010 and not _is_quote(s[owner]) and _plain_reads(
            t, s, pos + 1, stop, s[owner], by_reading):
        return stop + 1
    if _group_annotates(t, s, pos + 1, stop, s[pos], spaced, r, owner, hypothetical, by_reading):
        return stop + 1
    return -1


cdef Py_ssize_t _bare_end(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, Py_ssize_t han,
                          Py_ssize_t pos, bint* reading, bint* marked) noexcept nogil:
    """The end of han's bare syllable at pos (after at most one space), or -1."""
    cdef Py_ssize_t end
    cdef uint32_t after, code
    cdef bint tonal
    cdef int m, i
    cdef Letter letters[MAX_TOKEN]
    if pos < n and s[pos] == 0x20:
        pos += 1
    end = pos
    while end < n and _is_latin_word(s[end]) and end - pos <= MAX_TOKEN:
        end += 1
    if end == pos or end - pos > MAX_TOKEN:
        return -1
    if end < n:  # a whole word, alone: not before a bracket or another Latin word
        after = s[end]
        if _is_open(after):
            return -1
        if after == 0x20 and end + 1 < n and (_is_latin_word(s[end + 1]) or _is_open(s[end + 1])):
            return -1
    m = _pinyin_letters(t, s, pos, end, True, letters)
    if m < 0 or not _syllable(letters, 0, m, &code, &tonal):
        return -1
    reading[0] = _has_reading(t, s[han], code)
    if not reading[0] and not (not by_reading and (tonal or m > 1)
                               and _bsearch(t.syllables, t.n_syllables, code) >= 0):
        return -1
    marked[0] = False
    for i in range(m):
        if letters[i].flags & L_MARKED:
            marked[0] = True
    return end


cdef inline bint _is_separator(uint32_t c) noexcept nogil:
    # tables.ROMANISED_SEPARATORS
    return (c == 0x2C or c == 0x2F or c == 0x3B or c == 0xFF0C or c == 0x3001 or c == 0xFF1B)


cdef bint _tonal_word(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    for k in range(start, end):
        c = s[k]
        if c == 0x300 or c == 0x301 or c == 0x304 or c == 0x306 or c == 0x30C:
            return True
        if c >= 0x80 and _letter_of(t, c) & LETTER_TONE:
            return True
    return False


cdef bint _syllable_word(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """Whether s[start:end] is a Mandarin syllable, written bare."""
    cdef Letter letters[MAX_TOKEN]
    cdef int m
    cdef uint32_t code
    cdef bint tonal
    if end - start > MAX_TOKEN:
        return False
    m = _pinyin_letters(t, s, start, end, True, letters)
    if m < 2 or not _syllable(letters, 0, m, &code, &tonal):
        return False
    return _passes(t, 0, code, m, tonal, False)


cdef Py_ssize_t _word_before(const ucs_t* s, const Runs* r, Py_ssize_t k) noexcept nogil:
    """See the twin's word_before: where the Latin word ending at k starts,
    -1 for none or for one removed already."""
    cdef Py_ssize_t w = k
    while w > 0 and _is_latin_word(s[w - 1]) and k - w <= MAX_TOKEN:
        w -= 1
    if w == k or (r.count and r.spans[2 * r.count - 2] <= w and k <= r.spans[2 * r.count - 1]):
        return -1
    return w


cdef bint _prose_before(const Tables* t, const ucs_t* s, Py_ssize_t n, const Runs* r,
                        Py_ssize_t first) noexcept nogil:
    """See the twin's prose_before: the Han character at first glossed in
    Latin prose (a word and a space before it, its reading after a space)."""
    cdef Py_ssize_t k, w
    if not (first >= 2 and s[first - 1] == 0x20 and first + 1 < n and s[first + 1] == 0x20):
        return False
    k = first - 1
    w = _word_before(s, r, k)
    return w >= 0 and not (_tonal_word(t, s, w, k) and _syllable_word(t, s, w, k))


cdef bint _romanised_beside(const Tables* t, const ucs_t* s, Py_ssize_t n, const Runs* r,
                            Py_ssize_t first, Py_ssize_t end) noexcept nogil:
    """See the twin's romanised_beside: a tone-marked syllable no Han
    character owns beside the chain from first to end, or a gloss in prose."""
    cdef Py_ssize_t k = end, w
    cdef uint32_t before[2]
    cdef int count
    if _prose_before(t, s, n, r, first):
        return True
    if k < n and _is_separator(s[k]):
        k += 1
        if k < n and s[k] == 0x20:
            k += 1
    if end < k:
        w = k
        while w < n and _is_latin_word(s[w]) and w - k <= MAX_TOKEN:
            w += 1
        if w > k and _tonal_word(t, s, k, w) and _syllable_word(t, s, k, w):
            return True
    k = first
    if k >= 1 and s[k - 1] == 0x20:
        k -= 1
    if not (k >= 1 and _is_separator(s[k - 1])):
        return False
    k -= 1
    w = _word_before(s, r, k)
    if w < 0:
        return False
    count = _output_before(s, r, w - 1, before, 0, 2)  # as the output will have them
    if count == 2 and before[0] == 0x20:
        if _is_han(before[1]):
            return False
    elif count >= 1 and _is_han(before[0]):
        return False
    return _tonal_word(t, s, w, k) and _syllable_word(t, s, w, k)


cdef Py_ssize_t _chain(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, Py_ssize_t han,
                       Py_ssize_t pos, Runs* commit, Py_ssize_t remove_from, bint* goes,
                       Py_ssize_t* last_han) noexcept nogil:
    """Walk the chain of bare syllables whose first is han's at pos; return
    its end (-1 if there is none).  goes: one member is a tone-marked
    reading.  With commit, remove it (from remove_from on)."""
    cdef Py_ssize_t end = -1, found, nxt
    cdef bint reading, marked
    goes[0] = False
    while True:
        found = _bare_end(t, s, n, by_reading, han, pos, &reading, &marked)
        if found < 0:
            return end
        if reading and marked:
            goes[0] = True
        if commit != NULL:
            if end < 0:
                _remove(commit, remove_from, found)
            else:
                if han > end:  # the flattener's space between two members
                    _remove(commit, end, han)
                    commit.chained = han
                _remove(commit, han + 1, found)
        last_han[0] = han
        end = found
        nxt = found + 1 if found < n and s[found] == 0x20 else found
        if nxt >= n or not _is_han(s[nxt]):
            return end
        han = nxt
        pos = nxt + 1


cdef bint _annotated(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, const Runs* r,
                     Py_ssize_t han, Py_ssize_t owner) noexcept nogil:
    """Whether han has a tail, were the space between owner and it dropped."""
    cdef bint goes
    cdef Py_ssize_t last, end
    if _item_end(t, s, n, by_reading, r, han, han + 1, owner) >= 0:
        return True
    end = _chain(t, s, n, by_reading, han, han + 1, NULL, 0, &goes, &last)
    return end >= 0 and goes and not _vietnamese_near(s, n, <Runs*>r, han, end) and not _romanised_beside(
        t, s, n, r, han, end)


cdef Py_ssize_t _process(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, Runs* r,
                         Py_ssize_t owner) noexcept nogil:
    """Remove owner's tail (and what follows through dropped spaces); return where the scan resumes."""
    cdef Py_ssize_t pos, end, chain_end, last_han = -1, tail_end, han, k
    cdef bint goes = False
    while True:
        pos = owner + 1
        while True:
            end = _item_end(t, s, n, by_reading, r, owner, pos, -1)
            if end < 0:
                break
            pos = end
        chain_end = -1
        k = pos + 1 if pos < n and s[pos] == 0x20 else pos
        if k < n and _is_latin_word(s[k]) and _is_han(s[owner]):
            chain_end = _chain(t, s, n, by_reading, owner, pos, NULL, 0, &goes, &last_han)
        if chain_end >= 0 and goes and not _vietnamese_near(s, n, r, owner, chain_end) and not _romanised_beside(
                t, s, n, r, owner, chain_end):
            _chain(t, s, n, by_reading, owner, pos, r, owner + 1, &goes, &last_han)
            owner = last_han
            tail_end = chain_end
        elif pos > owner + 1:
            _remove(r, owner + 1, pos)
            if chain_end >= 0:  # a chain that stays: skip it
                return chain_end
            tail_end = pos
        else:
            return chain_end if chain_end >= 0 else owner + 1
        if tail_end + 1 < n and s[tail_end] == 0x20 and _is_han(s[tail_end + 1]):
            han = tail_end + 1
            if owner == r.chained or _annotated(t, s, n, by_reading, r, han, owner):
                _remove(r, tail_end, han)
                r.chained = han
                owner = han
                continue
        return tail_end


cdef inline Py_ssize_t _bracket_owner(const ucs_t* s, Py_ssize_t p) noexcept nogil:
    if p >= 1 and (_is_han(s[p - 1]) or _is_quote(s[p - 1])):
        return p - 1
    if p >= 2 and s[p - 1] == 0x20 and (_is_han(s[p - 2]) or _is_quote(s[p - 2])):
        return p - 2
    return -1


cdef Py_ssize_t _previous_member(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading,
                                 Py_ssize_t han, Py_ssize_t floor) noexcept nogil:
    """The Han character of the chain member just before han's, or -1."""
    cdef Py_ssize_t end = han - 1 if han >= 1 and s[han - 1] == 0x20 else han
    cdef Py_ssize_t start = end, owner
    cdef bint reading, marked
    while start > floor and _is_latin_word(s[start - 1]) and end - start <= MAX_TOKEN:
        start -= 1
    if start == end or end - start > MAX_TOKEN or start <= floor or _is_latin_word(s[start - 1]):
        return -1
    owner = start - 1
    if s[owner] == 0x20:
        owner -= 1
    if owner < floor or not _is_han(s[owner]):
        return -1
    if _bare_end(t, s, n, by_reading, owner, owner + 1, &reading, &marked) != end:
        return -1
    return owner


cdef Py_ssize_t _from_tone_mark(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading, Runs* r,
                                Py_ssize_t p) noexcept nogil:
    """A possible tone mark at p: remove its syllable's chain if it goes; return where the scan resumes."""
    cdef Py_ssize_t start = p, end = p + 1, owner, first, previous, resumed, floor
    cdef bint reading, marked
    if not _is_latin_word(s[p]):
        return p + 1
    while start > 0 and _is_latin_word(s[start - 1]) and p - start <= MAX_TOKEN:
        start -= 1
    while end < n and _is_latin_word(s[end]):
        end += 1
    if end - start > MAX_TOKEN or start < 1:
        return end
    owner = start - 1
    if s[owner] == 0x20 and owner >= 1:
        owner -= 1
    if not _is_han(s[owner]):
        return end
    if _bare_end(t, s, n, by_reading, owner, owner + 1, &reading, &marked) != end or not marked:
        return end
    floor = r.spans[2 * r.count - 1] if r.count else 0
    first = owner
    while True:
        previous = _previous_member(t, s, n, by_reading, first, floor)
        if previous < 0:
            break
        first = previous
    resumed = _process(t, s, n, by_reading, r, first)
    return resumed if resumed > end else end


# --- the scan ---------------------------------------------------------------
cdef extern from "_scan.h":
    Py_ssize_t zhclean_next_trigger_u16(const uint16_t* s, Py_ssize_t n, Py_ssize_t i) nogil


cdef inline Py_ssize_t _next_trigger(const ucs_t* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """Index of the next opening bracket or possible tone mark at or after i, or n."""
    cdef Py_ssize_t k, near
    cdef int hit
    cdef uint32_t c
    if ucs_t is uint16_t:
        # In annotated text the next trigger is a few characters on: look
        # there first, then hand the long clean stretches to the vector scan
        # (in C, built for the widest vectors the machine has: see _scan.h).
        near = i + 16 if i + 16 < n else n
        while i < near:
            if _is_trigger(s[i]):
                return i
            i += 1
        return zhclean_next_trigger_u16(s, n, i)
    # Clean text is the common case: test 32 code units per step with no
    # early exit, which the C compiler turns into vector compares.
    while i + 32 <= n:
        hit = 0
        for k in range(32):
            c = s[i + k]
            hit |= (c == 0x28) | (c == 0xFF08) | (c == 0x5B) | (c == 0x3010) | (c - TRIGGER_LOW < TRIGGER_HIGH - TRIGGER_LOW)
        if hit:
            break
        i += 32
    while i < n:
        if _is_trigger(s[i]):
            return i
        i += 1
    return n


cdef inline Py_ssize_t _plain_run(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading,
                                  Py_ssize_t p) noexcept nogil:
    """The common case the short way: a run of plain one-syllable groups at p
    after a Han character, followed by nothing that could continue it (no
    space, bracket or Latin letter).  Its end, or -1: then _process reads it
    in full (with the same result where this one answers)."""
    cdef Py_ssize_t e = p, k, stop, limit
    cdef uint32_t close
    while e < n and (s[e] == 0x28 or s[e] == 0xFF08):
        close = 0x29 if s[e] == 0x28 else 0xFF09
        limit = e + 2 + MAX_GROUP if e + 2 + MAX_GROUP < n else n
        stop = -1
        for k in range(e + 1, limit):
            if s[k] == close:
                stop = k
                break
        if stop < 0 or not _plain_reads(t, s, e + 1, stop, s[p - 1], by_reading):
            return -1
        e = stop + 1
    if e < n and (s[e] == 0x20 or _is_open(s[e]) or _is_latin_word(s[e])):
        return -1
    return e


cdef void _find_runs(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading,
                     Runs* r, Py_ssize_t limit) noexcept nogil:
    """Remove what the triggers before limit start (their spans may reach past it)."""
    cdef Py_ssize_t p, owner, resumed
    while not r.failed:
        p = _next_trigger(s, n, r.pos)
        if p >= limit:
            return
        r.brackets += 1
        if (s[p] == 0x28 or s[p] == 0xFF08) and p >= 1 and _is_han(s[p - 1]):
            resumed = _plain_run(t, s, n, by_reading, p)
            if resumed > p:
                _remove(r, p, resumed)
                r.pos = resumed
                continue
        if _is_open(s[p]):
            owner = _bracket_owner(s, p)
            resumed = -1 if owner < 0 else _process(t, s, n, by_reading, r, owner)
            r.pos = resumed if resumed > p + 1 else p + 1
        else:
            r.pos = _from_tone_mark(t, s, n, by_reading, r, p)


cdef void _scan(const Tables* t, const char* data, int kind, Py_ssize_t n, bint by_reading,
                Runs* r, Py_ssize_t limit) noexcept nogil:
    if kind == 2:
        _find_runs(t, <const uint16_t*>data, n, by_reading, r, limit)
    else:
        _find_runs(t, <const uint32_t*>data, n, by_reading, r, limit)


cdef void _copy_kept(const char* src, char* dst, int kind, Py_ssize_t n,
                     const Py_ssize_t* spans, Py_ssize_t count) noexcept nogil:
    cdef Py_ssize_t i, kept_from = 0, out = 0, length
    for i in range(count + 1):
        length = (spans[2 * i] if i < count else n) - kept_from
        memcpy(dst + out * kind, src + kept_from * kind, length * kind)
        out += length
        if i < count:
            kept_from = spans[2 * i + 1]


def strip(text, bint by_reading):
    """``text`` without its annotations; ``text`` itself if it has none."""
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return text  # Latin-1 only: no Han character, so no annotation
    cdef const Tables* t = _tables_ready()
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const char* data = <const char*>PyUnicode_DATA(text)
    cdef Runs r
    cdef Py_ssize_t removed = 0, i
    cdef double predicted
    r.spans = NULL
    r.count = r.capacity = r.brackets = 0
    r.pos = 0
    r.chained = -1
    r.viet_from = r.viet_next = -1
    r.failed = False
    _scan(t, data, kind, n, by_reading, &r, PROBE_CHARS if n > PROBE_CHARS else n)
    if n > PROBE_CHARS and not r.failed:
        predicted = (n - PROBE_CHARS) * (CHAR_NS + BRACKET_NS * r.brackets / PROBE_CHARS)
        if predicted >= RELEASE_NS:
            with nogil:
                _scan(t, data, kind, n, by_reading, &r, n)
        else:
            _scan(t, data, kind, n, by_reading, &r, n)
    try:
        if r.failed:
            raise MemoryError()
        if r.count == 0:
            return text
        for i in range(r.count):
            removed += r.spans[2 * i + 1] - r.spans[2 * i]
        # Only BMP characters are ever removed and the Han character before
        # every annotation stays, so the result needs the same storage width.
        result = PyUnicode_New(n - removed, PyUnicode_MAX_CHAR_VALUE(text))
        _copy_kept(data, <char*>PyUnicode_DATA(result), kind, n, r.spans, r.count)
        return result
    finally:
        free(r.spans)
