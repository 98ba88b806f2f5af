"""The mojibake loops, compiled: the twin of ``_loops_py.py``.

Every per-character loop of the repair runs here over the string's own
PEP 393 storage with 64 KiB tables: the scan for regions worth a look, the
statistics the plausibility test reads, the collapsing of loss runs and the
single-byte encoder; the re-reading of GBK and Big5 read as each other with
losses is ``_resync_c``, re-exported here so that this module is the whole
set of loops.  Clean text, the common case, costs one table lookup per
character.  This module imports only tables (``tables``, ``charsets``,
``records``); the repair that calls it receives it as an argument.
"""
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New
from libc.stdint cimport int16_t, int64_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport calloc, free, malloc, realloc

from zhclean._unicode cimport PyUnicode_IS_ASCII, PyUnicode_MAX_CHAR_VALUE, PyUnicode_READY

from .._lazy import Lazy
from . import tables as _tables
from .charsets import CP1252_EXTRAS, EVERY_PAIR, OTHER_PAIRS, SCREENED, decode_table, encode_table
from .records import TextStats

cdef enum:
    # Mirrors of tables.SUSPECT, LEAD, CONTINUATION (compared by a test).
    SUSPECT = 1
    LEAD = 2
    CONTINUATION = 4
from ._resync_c import _lead_trail, resync  # the re-reading: a loops module of its own
from ._resync_c import _mirrors as _resync_mirrors

cdef extern from "Python.h":
    object PyBytes_FromStringAndSize(const char*, Py_ssize_t)
    char* PyBytes_AS_STRING(object)

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t

# When to release the GIL.  Re-acquiring it after work done without it waits
# for whichever thread holds it meanwhile, up to the 5 ms switch interval when
# another Python thread is busy; so each call releases it at most once, and
# only for work long enough to pay for that wait.  The scan of clean Chinese
# runs at about 1 ns a character (sample 003, 2.7 GB/s), so 2 Mi characters
# are some 2 ms of work.
cdef Py_ssize_t SCAN_RELEASE_CHARS = 1 << 21


# --- tables, built once per process by _build() ----------------------------
cdef struct Tables:
    uint8_t scan[0x10000]        # tables.scan_table()'s bits, and SUSPECT for U+FFFD (see _scan)
    uint8_t classes[0x10000]
    uint8_t single_byte[0x10000]  # 1 for U+0080-U+00FF and CP1252_EXTRAS
    int16_t byte_of[0x10000]      # the byte a single-byte decoder read as it, or -1
    Py_ssize_t max_gap, min_suspects, pad_before, pad_after


cdef class _CTables:
    """Owns one complete Tables; published through the lazy loader."""
    cdef Tables* t

    def __dealloc__(self):
        free(self.t)


def _build():
    """Every table in C arrays, complete before anyone can see it."""
    cdef _CTables owner = _CTables.__new__(_CTables)
    cdef Tables* t = <Tables*>calloc(1, sizeof(Tables))
    cdef Py_ssize_t cp
    if t == NULL:
        raise MemoryError()
    owner.t = t
    cdef const uint8_t[:] classes = _tables.class_table()
    cdef const uint8_t[:] scan = _tables.scan_table()
    for cp in range(0x10000):
        t.classes[cp] = classes[cp]
        t.scan[cp] = scan[cp]
        t.single_byte[cp] = 0x80 <= cp <= 0xFF
        t.byte_of[cp] = cp if cp < 0x100 else -1
    t.scan[0xFFFD] |= SUSPECT  # see _scan
    for ch in CP1252_EXTRAS:
        t.single_byte[ord(ch)] = 1
        t.byte_of[ord(ch)] = ch.encode("cp1252")[0]
    t.max_gap = _tables.MAX_GAP
    t.min_suspects = _tables.MIN_SUSPECTS
    t.pad_before = _tables.PAD_BEFORE
    t.pad_after = _tables.PAD_AFTER
    return owner


_TABLES = Lazy(_build)
cdef const Tables* _T = NULL  # set from _TABLES, holding the GIL, once complete


cdef inline const Tables* _tables_ready() except NULL:
    global _T
    if _T == NULL:
        _T = (<_CTables>_TABLES.get()).t
    return _T


def _mirrors():
    """What the loops mirror of ``tables`` and ``charsets``, for the test that compares them."""
    return {**_resync_mirrors(), "SUSPECT": SUSPECT, "LEAD": LEAD, "CONTINUATION": CONTINUATION}


# --- the scan ---------------------------------------------------------------
cdef struct Regions:
    Py_ssize_t* data
    Py_ssize_t count
    Py_ssize_t capacity
    bint failed


cdef inline void _push(const Tables* t, const ucs_t* s, Regions* r, Py_ssize_t first,
                       Py_ssize_t last, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t start = first - t.pad_before, end = last + t.pad_after
    cdef Py_ssize_t* grown
    if start < 0:
        start = 0
    if end > n:
        end = n
    # Losses at the edges belong to the damage: take them in whole.
    while start > 0 and s[start - 1] == 0xFFFD:
        start -= 1
    while end < n and s[end] == 0xFFFD:
        end += 1
    if r.count and start <= r.data[2 * r.count - 1]:
        r.data[2 * r.count - 1] = end
        return
    if r.count == r.capacity:
        r.capacity = 16 if r.capacity == 0 else 2 * r.capacity
        grown = <Py_ssize_t*>realloc(r.data, r.capacity * 2 * sizeof(Py_ssize_t))
        if grown == NULL:
            r.failed = True
            return
        r.data = grown
    r.data[2 * r.count] = start
    r.data[2 * r.count + 1] = end
    r.count += 1


cdef void _scan(const Tables* t, const ucs_t* s, Py_ssize_t n, Regions* r) noexcept nogil:
    cdef Py_ssize_t i = 0, first = -1, last = -1, count = 0, k
    cdef Py_ssize_t unblocked = 0  # the block test is not run again before this index
    cdef uint32_t c, following
    cdef uint8_t bits, previous = 0
    cdef int any_flag
    cdef bint suspect, leads
    while i < n:
        # Clean text: test 16 characters at a time without branching; only a
        # suspect or a UTF-8 lead byte's character (×, the one lead that is
        # not a suspect: 2×3 is real text, ×© is Hebrew's ש read as
        # Latin-1) needs a closer look.  Once a block holds one, the
        # characters up to it are read one by one, with no block test in
        # between.
        if count == 0 and i >= unblocked:
            while i + 16 <= n:
                any_flag = 0
                for k in range(16):
                    c = s[i + k]
                    any_flag |= ((c >= 0x80) & (c < 0x10000)) * t.scan[c & 0xFFFF]
                if any_flag & (SUSPECT | LEAD):
                    # The first suspect of the block by the table (the end of
                    # the block if it holds only leads), and whether a lead
                    # stands before it (or just before the block): without
                    # one, nothing before it is suspicious (a continuation
                    # is only after a lead) and the scan goes straight to it.
                    k = i
                    leads = 0 < i and 0x80 <= s[i - 1] < 0x10000 and (t.scan[s[i - 1]] & LEAD) != 0
                    while k < i + 16:
                        c = s[k]
                        bits = t.scan[c] if 0x80 <= c < 0x10000 else 0
                        if bits & SUSPECT:
                            break
                        leads = leads or (bits & LEAD) != 0
                        k += 1
                    unblocked = k + 1
                    if not leads:
                        i = k
                    break
                i += 16
            if i >= n:
                break
            previous = t.scan[s[i - 1]] if 0 < i and 0x80 <= s[i - 1] < 0x10000 else 0
        elif count:
            # Inside a cluster, in a tight loop: suspects by the table (every
            # Hangul syllable is one) and characters with no bit at all;
            # U+FFFD and a lead or continuation take the general way below.
            while i < n:
                c = s[i]
                bits = t.scan[c] if 0x80 <= c < 0x10000 else 0
                if bits & (LEAD | CONTINUATION) or c == 0xFFFD:
                    break
                if i - last - 1 > t.max_gap:
                    if bits & SUSPECT:
                        break
                    if count >= t.min_suspects:
                        _push(t, s, r, first, last, n)
                    count = 0
                    previous = bits
                    i += 1
                    break
                if bits & SUSPECT:
                    last = i
                    count += 1
                previous = bits
                i += 1
            if count == 0 or i >= n:
                continue
        c = s[i]
        bits = t.scan[c] if 0x80 <= c < 0x10000 else 0
        following = s[i + 1] if i + 1 < n else 0
        # U+FFFD is a suspect in the table only to stop the block test; it is
        # suspicious only before an orphaned second byte (see the twin).
        if c == 0xFFFD:
            suspect = 0x40 <= following <= 0x7E
        else:
            suspect = (
                (bits & SUSPECT) != 0
                or ((bits & LEAD) != 0 and 0x80 <= following < 0x10000
                    and (t.scan[following] & CONTINUATION) != 0)
                or ((bits & CONTINUATION) != 0 and (previous & LEAD) != 0)
            )
        if suspect:
            if count and i - last - 1 > t.max_gap:
                if count >= t.min_suspects:
                    _push(t, s, r, first, last, n)
                count = 0
            if count == 0:
                first = i
            last = i
            count += 1
        elif count and i - last - 1 > t.max_gap:
            if count >= t.min_suspects:
                _push(t, s, r, first, last, n)
            count = 0
        previous = bits
        i += 1
    if count >= t.min_suspects:
        _push(t, s, r, first, last, n)


cdef void _dispatch_scan(const Tables* t, const void* data, int kind, Py_ssize_t n,
                         Regions* r) noexcept nogil:
    if kind == 1:
        _scan(t, <const uint8_t*>data, n, r)
    elif kind == 2:
        _scan(t, <const uint16_t*>data, n, r)
    else:
        _scan(t, <const uint32_t*>data, n, r)


def find_regions(text):
    """Regions of ``text`` that may hold mojibake, sorted and disjoint."""
    PyUnicode_READY(text)
    if PyUnicode_IS_ASCII(text):
        return []
    cdef const Tables* t = _tables_ready()
    cdef Regions r
    r.data = NULL
    r.count = 0
    r.capacity = 0
    r.failed = False
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    if n >= SCAN_RELEASE_CHARS:
        with nogil:
            _dispatch_scan(t, data, kind, n, &r)
    else:
        _dispatch_scan(t, data, kind, n, &r)
    try:
        if r.failed:
            raise MemoryError()
        return [(r.data[2 * i], r.data[2 * i + 1]) for i in range(r.count)]
    finally:
        free(r.data)


# --- statistics ---------------------------------------------------------------
cdef void _stats(const Tables* t, const ucs_t* s, Py_ssize_t n, Py_ssize_t* out) noexcept nogil:
    cdef Py_ssize_t i, non_ascii = 0, class_sum = 0, controls = 0, losses = 0
    cdef Py_ssize_t single_byte = 0, wide = 0
    cdef uint32_t c, previous = 0
    for i in range(n):
        c = s[i]
        if c < 0x80:
            if c < 0x20 and c != 0x09 and c != 0x0A and c != 0x0D:
                controls += 1
        elif c == 0xFFFD:
            losses += previous != 0xFFFD
        else:
            non_ascii += 1
            if c < 0xA0:
                controls += 1
            if c < 0x10000:
                class_sum += t.classes[c]
                if t.single_byte[c]:
                    single_byte += 1
                else:
                    wide += 1
            else:
                wide += 1
        previous = c
    out[0] = non_ascii
    out[1] = class_sum
    out[2] = controls
    out[3] = losses
    out[4] = single_byte
    out[5] = wide


def text_stats(text):
    """What the plausibility test reads of ``text`` (see ``records.TextStats``)."""
    PyUnicode_READY(text)
    cdef const Tables* t = _tables_ready()
    cdef Py_ssize_t out[6]
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    if kind == 1:
        _stats(t, <const uint8_t*>data, n, out)
    elif kind == 2:
        _stats(t, <const uint16_t*>data, n, out)
    else:
        _stats(t, <const uint32_t*>data, n, out)
    return TextStats(out[0], out[1], out[2], out[3], out[4], out[5])


# --- losses and single bytes ----------------------------------------------------
cdef Py_ssize_t _collapse(const ucs_t* src, Py_ssize_t n, ucs_t* dst) noexcept nogil:
    """Copy ``src`` without the second and later U+FFFD of each run; count what
    is kept (``dst`` may be NULL to count only)."""
    cdef Py_ssize_t i, kept = 0
    cdef bint after_loss = False
    for i in range(n):
        if src[i] == 0xFFFD:
            if after_loss:
                continue
            after_loss = True
        else:
            after_loss = False
        if dst != NULL:
            dst[kept] = src[i]
        kept += 1
    return kept


def collapse_losses(text):
    """One U+FFFD for each run of them; ``text`` itself when there is no run."""
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), kept
    cdef const void* data = PyUnicode_DATA(text)
    if kind == 1:
        return text  # no U+FFFD in a one-byte string
    if kind == 2:
        kept = _collapse(<const uint16_t*>data, n, <uint16_t*>NULL)
    else:
        kept = _collapse(<const uint32_t*>data, n, <uint32_t*>NULL)
    if kept == n:
        return text
    # Only repeated U+FFFD go and one of each run stays: same storage width.
    result = PyUnicode_New(kept, PyUnicode_MAX_CHAR_VALUE(text))
    if kind == 2:
        _collapse(<const uint16_t*>data, n, <uint16_t*>PyUnicode_DATA(result))
    else:
        _collapse(<const uint32_t*>data, n, <uint32_t*>PyUnicode_DATA(result))
    return result


cdef Py_ssize_t _single_bytes(const Tables* t, const ucs_t* s, Py_ssize_t n,
                              uint8_t* out) noexcept nogil:
    """Write each character's byte; the index of the first that has none, or -1."""
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(n):
        c = s[i]
        if c >= 0x10000 or t.byte_of[c] < 0:
            return i
        out[i] = <uint8_t>t.byte_of[c]
    return -1


def encode_single_byte(text):
    """The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    ``text``; UnicodeEncodeError at the first character none of them makes."""
    PyUnicode_READY(text)
    cdef const Tables* t = _tables_ready()
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), bad
    cdef const void* data = PyUnicode_DATA(text)
    result = PyBytes_FromStringAndSize(NULL, n)
    cdef uint8_t* out = <uint8_t*>PyBytes_AS_STRING(result)
    if kind == 1:
        bad = _single_bytes(t, <const uint8_t*>data, n, out)
    elif kind == 2:
        bad = _single_bytes(t, <const uint16_t*>data, n, out)
    else:
        bad = _single_bytes(t, <const uint32_t*>data, n, out)
    if bad >= 0:
        raise UnicodeEncodeError("windows-1252", text, bad, bad + 1, "no single-byte decoder makes this character")
    return result


# --- a few characters looked for at once --------------------------------------
cdef bint _contains(const uint8_t* wanted, const ucs_t* s, Py_ssize_t n) noexcept nogil:
    # Blocks of 16 without branching, as the scan's (wanted is 0 or 1).
    cdef Py_ssize_t i = 0, k
    cdef uint32_t c
    cdef uint8_t hit
    while i + 16 <= n:
        hit = 0
        for k in range(16):
            c = s[i + k]
            hit |= (c < 0x10000) & wanted[c & 0xFFFF]
        if hit:
            return True
        i += 16
    for k in range(i, n):
        c = s[k]
        if c < 0x10000 and wanted[c]:
            return True
    return False


def contains_any(text, chars):
    """Whether ``text`` holds any character of ``chars`` (one pass, where
    ``ch in text`` for each is one pass per character)."""
    PyUnicode_READY(text)
    for ch in chars:
        if ord(ch) >= 0x10000:
            return any(one in text for one in chars)
    cdef uint8_t* wanted = <uint8_t*>calloc(0x10000, 1)
    if wanted == NULL:
        raise MemoryError()
    for ch in chars:
        wanted[ord(ch)] = 1
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef bint found
    if kind == 1:
        found = _contains(wanted, <const uint8_t*>data, n)
    elif kind == 2:
        found = _contains(wanted, <const uint16_t*>data, n)
    else:
        found = _contains(wanted, <const uint32_t*>data, n)
    free(wanted)
    return found


# --- the screen (see the twin, _screen_py.py) ---------------------------------

cdef enum:
    # A bit of ScreenTables.relevant beside SCREENED's five: a character that
    # a wrong codec of a UTF-8 pair encodes as an ASCII byte (¥ in cp932).
    NEUTRAL = 1 << 5
    # And a character _other_viable may take: a €, a lead, a LATIN_MADE one.
    MAYBE_OTHER = 1 << 6


cdef struct ScreenTables:
    const int* encoded[3]          # charsets.encode_table of SCREENED's wrong codecs
    const unsigned int* decoded[2]  # charsets.decode_table of its two-byte right codecs
    int wrong_of[5]                # for each screened pair: index into encoded
    int right_of[5]                # index into decoded, or -1 for UTF-8
    uint8_t latin[0x800]           # 1 for tables.LATIN_MADE
    uint8_t relevant[0x10000]      # bit b: the character counts for SCREENED[b] (see _segments); NEUTRAL
    int64_t plausible, very_plausible, gain, least, gap, every, other


cdef class _CScreen:
    """Owns one complete ScreenTables, and the tables its pointers read."""
    cdef ScreenTables* t
    cdef object keep

    def __dealloc__(self):
        free(self.t)


def _build_screen():
    cdef _CScreen owner = _CScreen.__new__(_CScreen)
    cdef ScreenTables* t = <ScreenTables*>calloc(1, sizeof(ScreenTables))
    cdef const int[:] enc
    cdef const unsigned int[:] dec
    if t == NULL:
        raise MemoryError()
    owner.t = t
    wrongs = sorted({wrong for wrong, _ in SCREENED})
    rights = sorted({right for _, right in SCREENED if right != "utf-8"})
    if len(wrongs) > 3 or len(rights) > 2 or len(SCREENED) > 5:
        raise RuntimeError("the screen's tables are sized for charsets.SCREENED as it was")
    owner.keep = [encode_table(w) for w in wrongs] + [decode_table(r) for r in rights]
    for k in range(len(wrongs)):
        enc = owner.keep[k]
        t.encoded[k] = &enc[0]
    for k in range(len(rights)):
        dec = owner.keep[len(wrongs) + k]
        t.decoded[k] = &dec[0]
    for k, (wrong, right) in enumerate(SCREENED):
        t.wrong_of[k] = wrongs.index(wrong)
        t.right_of[k] = rights.index(right) if right != "utf-8" else -1
    for cp in _tables.LATIN_MADE:
        t.latin[cp] = 1
    cdef Py_ssize_t c
    cdef int code
    for k in range(len(SCREENED)):
        for c in range(0x80, 0x10000):
            code = t.encoded[t.wrong_of[k]][c]
            if t.right_of[k] < 0:
                if code >= 0x80:
                    t.relevant[c] |= 1 << k
                elif code >= 0:
                    t.relevant[c] |= NEUTRAL
            elif code >= 0x10000 and t.decoded[t.right_of[k]][code & 0xFFFF]:
                t.relevant[c] |= 1 << k
    cdef const uint8_t[:] scan = _tables.scan_table()
    for c in range(0x10000):
        if c == 0x20AC or scan[c] & LEAD or (c < 0x800 and t.latin[c]):
            t.relevant[c] |= MAYBE_OTHER
    t.plausible = _tables.PLAUSIBLE
    t.very_plausible = _tables.VERY_PLAUSIBLE
    t.gain = _tables.GAIN
    t.least = _tables.LEAST_TWO_BYTE_EVIDENCE_UNMARKED
    t.gap = _tables.SCREEN_GAP
    t.every = EVERY_PAIR
    t.other = OTHER_PAIRS
    return owner


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


cdef inline uint32_t _sequence_at(const uint8_t* data, Py_ssize_t n, Py_ssize_t i, int* size) noexcept nogil:
    cdef uint32_t lead = data[i], cp, low
    cdef int k, length
    if 0xC2 <= lead <= 0xDF:
        length, cp, low = 2, lead & 0x1F, 0x80
    elif 0xE0 <= lead <= 0xEF:
        length, cp, low = 3, lead & 0x0F, 0x800
    elif 0xF0 <= lead <= 0xF4:
        length, cp, low = 4, lead & 0x07, 0x10000
    else:
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
    cdef Py_ssize_t k, m = 0, i = 0, gap = 0
    cdef int code, size
    cdef uint32_t c, cp
    cdef Run run
    for k in range(n):
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
            data[m] = 0xFF
            m += 1
    _run_start(&run, st.plausible, 2)
    while i < m:
        if data[i] < 0x80:
            i += 1
            continue
        cp = _sequence_at(data, m, i, &size)
        if size and not (0x250 <= cp <= 0x1FFF or 0xA000 <= cp <= 0xF8FF or cp == 0xFFFD):
            if gap > st.gap:
                if run.found:
                    return True
                _run_start(&run, st.plausible, 2)
            _run_add(&run, t.classes[cp] if cp < 0x10000 else 0)
            gap = 0
            i += size
        else:
            gap += 1
            i += 1
    return run.found


cdef bint _two_byte_viable(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                           const int* encoded, const unsigned int* decoded) noexcept nogil:
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
        if not out:
            if reads.found and gains.found:
                return True
            _run_start(&reads, st.very_plausible, st.least)
            _run_start(&gains, st.gain, st.least)
            continue
        klass = t.classes[out] if out < 0x10000 else 0
        _run_add(&reads, klass)
        _run_add(&gains, klass - t.classes[c])
    return False


cdef inline bint _other_viable(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                               Py_ssize_t k) noexcept nogil:
    # See the twin's _other_viable.
    cdef uint32_t c = chars[k]
    cdef int64_t after = chars[k + 1] if k + 1 < n else -1
    cdef int64_t before = chars[k - 1] if k > 0 else -1
    if c == 0x20AC:
        return True
    if c < 0x10000 and t.scan[c] & LEAD and (
            after < 0 or (after == 0xFFFD and c < 0x800 and st.latin[c])
            or (after < 0x10000 and t.scan[after] & CONTINUATION)):
        return True
    if c >= 0x800 or not st.latin[c]:
        return False
    return (after < 0 or before < 0
            or (0x80 <= after < 0x10000 and t.single_byte[after]) or 0x40 <= after <= 0x7E
            or (0x80 <= before < 0x10000 and t.single_byte[before]))


cdef bint _pair_viable(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                       int bit, uint8_t* data) noexcept nogil:
    if st.right_of[bit] < 0:
        return _utf8_viable(t, st, chars, n, st.encoded[st.wrong_of[bit]], data)
    return _two_byte_viable(t, st, chars, n, st.encoded[st.wrong_of[bit]], st.decoded[st.right_of[bit]])


cdef int _segments(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                   uint8_t* data) noexcept nogil:
    """The mask of SCREENED's pairs viable in ``chars``: each pair's test (the
    twin's, unchanged) run only on the segments of the region that could
    pass it.  A segment ends where the test starts afresh whatever came
    before: for GBK and Big5 read as each other, at any character that does
    not re-read (its runs restart there); for UTF-8, after more than
    SCREEN_GAP characters the wrong codec does not encode (each is a byte
    0xFF, in no sequence: the run restarts at the next sequence).  ASCII
    changes nothing for either.  The tests are true on a segment only with
    enough characters that count (``relevant``): LEAST_TWO_BYTE_EVIDENCE_UNMARKED
    re-reading ones in a row, or two that encode to bytes of 0x80 and
    more (two sequences of UTF-8, of two bytes or more each).  Korean text
    is all Hangul, which none of the wrong codecs encodes: no segment at
    all, where each test read the whole page."""
    cdef Py_ssize_t k, first[5], last[5], count[5], streak[5]
    cdef int b, mask = 0, pending = 0, opened = 0
    cdef uint32_t c
    cdef uint8_t bits
    cdef bint close
    for b in range(5):
        pending |= 1 << b
        count[b] = 0
        streak[b] = 0
    for k in range(n + 1):
        if k < n:
            c = chars[k]
            if c < 0x80:
                continue
            bits = st.relevant[c] if c < 0x10000 else 0
            if not (bits & pending) and not opened:
                continue
        else:
            bits = 0
        for b in range(5):
            if not (pending >> b) & 1:
                continue
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
            if k == n:
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
            if count[b] >= (st.least if st.right_of[b] >= 0 else 2) and _pair_viable(
                    t, st, chars + first[b], last[b] + 1 - first[b], b, data):
                mask |= 1 << b
                pending &= ~(1 << b)
            count[b] = 0
            streak[b] = 0
            opened &= ~(1 << b)
        if not pending:
            break
    return mask


cdef int _region_mask(const Tables* t, const ScreenTables* st, const ucs_t* chars, Py_ssize_t n,
                      uint8_t* data) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    cdef int mask = 0
    cdef bint losses = False
    for k in range(n):
        c = chars[k]
        if c == 0xFFFD:
            losses = True
        elif not mask and c < 0x10000 and st.relevant[c] & MAYBE_OTHER and _other_viable(t, st, chars, n, k):
            mask = <int>st.other
    if losses:
        return mask | ((1 << 5) - 1)
    return mask | _segments(t, st, chars, n, data)


def screen(text, regions):
    """The regions worth a look, each with the mask of the pairs worth a try."""
    PyUnicode_READY(text)
    if not regions:
        return []
    cdef const Tables* t = _tables_ready()
    cdef const ScreenTables* st = _screen_ready()
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* source = PyUnicode_DATA(text)
    cdef Py_ssize_t longest = 0, start, end, n, k
    cdef int mask
    for start, end in regions:
        if end - start > longest:
            longest = end - start
    cdef uint8_t* data = <uint8_t*>malloc((2 * longest + 1) * sizeof(uint8_t))
    kept = []
    try:
        if data == NULL:
            raise MemoryError()
        for start, end in regions:
            n = end - start
            if kind == 1:
                mask = _region_mask(t, st, <const uint8_t*>source + start, n, data)
            elif kind == 2:
                mask = _region_mask(t, st, <const uint16_t*>source + start, n, data)
            else:
                mask = _region_mask(t, st, <const uint32_t*>source + start, n, data)
            if mask:
                kept.append((start, end, mask))
    finally:
        free(data)
    return kept
