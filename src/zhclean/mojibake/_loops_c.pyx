"""The mojibake loops, compiled: the twin of ``_loops_py.py``.

Every per-character loop of the repair runs here over the string's own
PEP 393 storage with 64 KiB tables: the scan for regions worth a look, the
statistics the plausibility test reads, the collapsing of loss runs, the
single-byte encoder, and the re-reading of GBK and Big5 read as each other
with losses.  Clean text, the common case, costs one table lookup per
character.  This module imports only tables (``tables``, ``charsets``,
``records``); the repair that calls it receives it as an argument.
"""
from cpython.unicode cimport (
    PyUnicode_DATA, PyUnicode_FromKindAndData, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New,
)
from libc.stdint cimport INT64_MIN, int16_t, int64_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memset

from zhclean._unicode cimport PyUnicode_IS_ASCII, PyUnicode_MAX_CHAR_VALUE, PyUnicode_READY

from .._lazy import Lazy
from . import tables as _tables
from .charsets import CP1252_EXTRAS, REREAD_AS, REREAD_FROM, decode_table, encode_table
from .records import TextStats

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
# are some 2 ms of work; the re-reading at about 60 ns a character (Big5 read
# as GBK, 32 MB/s), so 32 Ki are some 2 ms.  (Releasing it from 1 Ki
# characters of re-reading, once for each 16 Ki-character piece, made 2 MB of
# Big5 read as GBK take 2.3 s beside a busy thread, against 0.14 s alone.)
cdef Py_ssize_t SCAN_RELEASE_CHARS = 1 << 21
cdef Py_ssize_t RESYNC_RELEASE_CHARS = 1 << 15


# --- tables, built once per process by _build() ----------------------------
cdef struct Tables:
    uint8_t suspicious[0x10000]  # 1 where tables.suspicious_table() is, and U+FFFD (see _scan)
    uint8_t classes[0x10000]
    uint8_t single_byte[0x10000]  # 1 for U+0080-U+00FF and CP1252_EXTRAS
    int16_t byte_of[0x10000]      # the byte a single-byte decoder read as it, or -1
    Py_ssize_t max_gap, min_suspects, pad_before, pad_after
    int64_t scale, lost_class, through


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
    cdef const uint8_t[:] suspicious = _tables.suspicious_table()
    for cp in range(0x10000):
        t.classes[cp] = classes[cp]
        t.suspicious[cp] = suspicious[cp]
        t.single_byte[cp] = 0x80 <= cp <= 0xFF
        t.byte_of[cp] = cp if cp < 0x100 else -1
    t.suspicious[0xFFFD] = 1  # see _scan
    for ch in CP1252_EXTRAS:
        t.single_byte[ord(ch)] = 1
        t.byte_of[ord(ch)] = ch.encode("cp1252")[0]
    t.max_gap = _tables.MAX_GAP
    t.min_suspects = _tables.MIN_SUSPECTS
    t.pad_before = _tables.PAD_BEFORE
    t.pad_after = _tables.PAD_AFTER
    t.scale = _tables.SCALE
    t.lost_class = _tables.LOST_CLASS * _tables.SCALE
    t.through = _tables.THROUGH
    return owner


_TABLES = Lazy(_build)
cdef const Tables* _T = NULL  # set from _TABLES, holding the GIL, once complete


cdef inline const Tables* _tables_ready() except NULL:
    global _T
    if _T == NULL:
        _T = (<_CTables>_TABLES.get()).t
    return _T


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
    cdef uint32_t c
    cdef int any_flag
    while i < n:
        # Clean text: test 16 characters at a time without branching.
        if count == 0:
            while i + 16 <= n:
                any_flag = 0
                for k in range(16):
                    c = s[i + k]
                    any_flag |= (c >= 0x80) & (c < 0x10000) & t.suspicious[c & 0xFFFF]
                if any_flag:
                    break
                i += 16
            if i >= n:
                break
        c = s[i]
        # U+FFFD is in the table only to stop the block test above; it is
        # suspicious only before an orphaned second byte (see the twin).
        if c >= 0x80 and c < 0x10000 and t.suspicious[c] and (
            c != 0xFFFD or (i + 1 < n and s[i + 1] >= 0x40 and s[i + 1] <= 0x7E)
        ):
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


# --- GBK and Big5 read as each other with losses (see the twin's resync) ------

cdef enum:
    R_UNKNOWN = -1   # charsets.UNKNOWN
    R_BARRIER = -2   # charsets.BARRIER
    R_NO_TEXT = 0xFFFFFFFF  # a step that writes nothing (beginning a re-read)

cdef int64_t R_NONE = INT64_MIN  # an (state, offset) not reached


def _mirrors():
    """What this module mirrors of ``charsets``, for the test that compares them."""
    return {"UNKNOWN": R_UNKNOWN, "BARRIER": R_BARRIER}


cdef inline bint _is_lead(int byte) noexcept nogil:
    # Mirrors charsets.is_lead (compared by a test).
    return 0x81 <= byte <= 0xFE


cdef inline bint _is_trail(int byte, bint big5) noexcept nogil:
    # Mirrors charsets.is_trail (compared by a test).
    if 0x40 <= byte <= 0x7E:
        return True
    return 0xA1 <= byte <= 0xFE if big5 else 0x80 <= byte <= 0xFE


def _lead_trail(int byte, bint big5):
    """(lead, trail) as the re-reading sees ``byte``, for the mirror test."""
    return _is_lead(byte), _is_trail(byte, big5)


cdef struct Resync:
    # input: the whole region, and the piece of it being re-read
    const uint32_t* chars
    Py_ssize_t n
    Py_ssize_t base         # where the piece starts in the region
    const int* encoded      # charsets.encode_table(wrong)
    const unsigned int* decoded  # charsets.decode_table(right)
    const Tables* t
    bint big5
    int64_t margin, switch
    bint pin_start, pin_end
    # work, sized for the longest piece
    int* stream
    Py_ssize_t* owner
    Py_ssize_t* starts
    Py_ssize_t* boundary   # the input character starting at each offset, or -1
    int64_t* best          # [2 * (size + 1)]: keeping, then re-reading
    uint8_t* came_state
    Py_ssize_t* came_from
    uint32_t* came_text
    Py_ssize_t size
    # the walk back: steps in order
    Py_ssize_t* step_from
    Py_ssize_t* step_to
    uint32_t* step_text
    uint8_t* step_read
    Py_ssize_t steps
    # output, for the whole region: stretches (start, end, text offset, text length)
    Py_ssize_t* out_spans
    Py_ssize_t out_count
    uint32_t* out_text
    Py_ssize_t out_length


cdef inline int64_t _class_of_char(const Tables* t, uint32_t c) noexcept nogil:
    if 0x80 <= c < 0x10000 and c != 0xFFFD:
        return t.classes[c]
    return 0


cdef inline void _reach(Resync* r, int state, Py_ssize_t to, int64_t score, int frm_state,
                        Py_ssize_t frm, uint32_t text) noexcept nogil:
    cdef Py_ssize_t k = state * (r.size + 1) + to
    cdef int64_t held = r.best[k]
    if held == R_NONE or score > held or (score == held and frm == to):
        r.best[k] = score
        r.came_state[k] = <uint8_t>frm_state
        r.came_from[k] = frm
        r.came_text[k] = text


cdef void _resync_piece(Resync* r) noexcept nogil:
    """The dynamic programme of the twin's _resync_chunk, step for step."""
    cdef const Tables* t = r.t
    cdef const uint32_t* chars = r.chars + r.base
    cdef Py_ssize_t n = r.n, size = 0, i, k, at, a, b, row = 0
    cdef int code, first, second, state
    cdef uint32_t c, cp
    cdef int64_t here, held, before, lost
    for k in range(n):
        r.starts[k] = size
        c = chars[k]
        if c == 0xFFFD:
            code = R_UNKNOWN
        elif c < 0x10000:
            code = r.encoded[c]
        else:
            code = R_BARRIER
        if code >= 0x10000:
            r.stream[size] = (code >> 8) & 0xFF
            r.owner[size] = k
            size += 1
            r.stream[size] = code & 0xFF
        else:
            r.stream[size] = code
        r.owner[size] = k
        size += 1
    r.starts[n] = size
    r.size = size
    row = size + 1
    for i in range(size + 1):
        r.boundary[i] = -1
        r.best[i] = R_NONE
        r.best[row + i] = R_NONE
    for k in range(n + 1):
        r.boundary[r.starts[k]] = k
    if r.pin_start:
        r.best[row] = 0
    else:
        r.best[0] = 0
    for i in range(size):
        at = r.boundary[i]
        if at >= 0:
            for state in range(2):
                held = r.best[state * row + i]
                if held != R_NONE:
                    _reach(r, 0, r.starts[at + 1], held, state, i, chars[at])
            held = r.best[i]
            if held != R_NONE:
                _reach(r, 1, i, held - r.switch * t.scale, 0, i, R_NO_TEXT)
        here = r.best[row + i]
        if here == R_NONE:
            continue
        first = r.stream[i]
        if 0 <= first < 0x80:
            _reach(r, 1, i + 1, here + t.through, 1, i, <uint32_t>first)
            continue
        if i + 1 >= size or first == R_BARRIER:
            continue
        second = r.stream[i + 1]
        if second == R_BARRIER:
            continue
        a = r.owner[i]
        b = r.owner[i + 1]
        if a != b:
            before = (_class_of_char(t, chars[a]) + _class_of_char(t, chars[b])) * (t.scale // 2)
        else:
            before = _class_of_char(t, chars[a]) * t.scale
        if first == R_UNKNOWN or second == R_UNKNOWN:
            if ((first == R_UNKNOWN or _is_lead(first))
                    and (second == R_UNKNOWN or _is_trail(second, r.big5))):
                lost = t.lost_class - before - r.margin
                if lost < t.through:
                    lost = t.through
                _reach(r, 1, i + 2, here + lost, 1, i, 0xFFFD)
            continue
        cp = r.decoded[(first << 8) | second]
        if cp:
            _reach(r, 1, i + 2, here + t.classes[cp] * t.scale - before - r.margin, 1, i, cp)
    # Walk back from the end, then put the steps in order.
    state = 1 if (r.best[row + size] != R_NONE
                  and (r.best[size] == R_NONE or r.best[row + size] > r.best[size] or r.pin_end)) else 0
    i = size
    r.steps = 0
    while i > 0:
        k = state * row + i
        at = r.came_from[k]
        if at != i:
            r.step_from[r.steps] = at
            r.step_to[r.steps] = i
            r.step_text[r.steps] = r.came_text[k]
            r.step_read[r.steps] = state == 1
            r.steps += 1
        state = r.came_state[k]
        i = at
    a = 0
    b = r.steps - 1
    while a < b:
        r.step_from[a], r.step_from[b] = r.step_from[b], r.step_from[a]
        r.step_to[a], r.step_to[b] = r.step_to[b], r.step_to[a]
        r.step_text[a], r.step_text[b] = r.step_text[b], r.step_text[a]
        r.step_read[a], r.step_read[b] = r.step_read[b], r.step_read[a]
        a += 1
        b -= 1
    _gather(r)


cdef void _gather(Resync* r) noexcept nogil:
    """Gather the re-read steps into stretches, as the twin does."""
    cdef Py_ssize_t i = 0, first, last, k
    cdef bint recovered
    while i <= r.steps:
        if i < r.steps and r.step_read[i]:
            first = i
            while i < r.steps and r.step_read[i]:
                i += 1
            last = i - 1
            # What is ASCII at either end was re-read as itself: no part of it.
            while first <= last and r.step_text[first] < 0x80 and r.boundary[r.step_to[first]] >= 0:
                first += 1
            while first <= last and r.step_text[last] < 0x80 and r.boundary[r.step_from[last]] >= 0:
                last -= 1
            recovered = False
            for k in range(first, last + 1):
                if r.step_text[k] != 0xFFFD:
                    recovered = True
                    break
            if first <= last and recovered:
                r.out_spans[4 * r.out_count] = r.base + r.boundary[r.step_from[first]]
                r.out_spans[4 * r.out_count + 1] = r.base + r.boundary[r.step_to[last]]
                r.out_spans[4 * r.out_count + 2] = r.out_length
                r.out_spans[4 * r.out_count + 3] = last - first + 1
                r.out_count += 1
                for k in range(first, last + 1):
                    r.out_text[r.out_length] = r.step_text[k]
                    r.out_length += 1
        i += 1


cdef void _resync_all(Resync* r, const Py_ssize_t* cuts, Py_ssize_t pieces) noexcept nogil:
    cdef Py_ssize_t p
    cdef bint pin_start = r.pin_start, pin_end = r.pin_end
    for p in range(pieces):
        r.base = cuts[p]
        r.n = cuts[p + 1] - cuts[p]
        r.pin_start = pin_start and p == 0
        r.pin_end = pin_end and p == pieces - 1
        _resync_piece(r)


cdef void _widen(const ucs_t* s, Py_ssize_t n, uint32_t* out) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = s[i]


def resync(region, str wrong, str right, margin, switch, bint pin_start, bint pin_end,
           Py_ssize_t chunk):
    """The twin's ``resync``: the stretches of ``region`` worth re-reading."""
    if wrong not in REREAD_FROM or right not in REREAD_AS:
        raise ValueError(f"no re-reading from {wrong!r} as {right!r}")
    PyUnicode_READY(region)
    cdef const Tables* t = _tables_ready()
    cdef const int[:] encoded = encode_table(wrong)
    cdef const unsigned int[:] decoded = decode_table(right)
    cut_list = _tables.chunk_bounds(region, chunk)
    cdef Py_ssize_t pieces = len(cut_list) - 1, longest = 0, p
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(region)
    cdef Py_ssize_t* cuts = <Py_ssize_t*>malloc((pieces + 1) * sizeof(Py_ssize_t))
    if cuts == NULL:
        raise MemoryError()
    for p in range(pieces + 1):
        cuts[p] = cut_list[p]
        if p and cuts[p] - cuts[p - 1] > longest:
            longest = cuts[p] - cuts[p - 1]
    cdef Resync r
    cdef Py_ssize_t size = 2 * longest, total = 2 * n
    cdef int kind = PyUnicode_KIND(region)
    cdef const void* data = PyUnicode_DATA(region)
    cdef uint32_t* chars = <uint32_t*>malloc((n + 1) * sizeof(uint32_t))
    memset(&r, 0, sizeof(Resync))
    r.stream = <int*>malloc((size + 1) * sizeof(int))
    r.owner = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.starts = <Py_ssize_t*>malloc((longest + 1) * sizeof(Py_ssize_t))
    r.boundary = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.best = <int64_t*>malloc(2 * (size + 1) * sizeof(int64_t))
    r.came_state = <uint8_t*>malloc(2 * (size + 1) * sizeof(uint8_t))
    r.came_from = <Py_ssize_t*>malloc(2 * (size + 1) * sizeof(Py_ssize_t))
    r.came_text = <uint32_t*>malloc(2 * (size + 1) * sizeof(uint32_t))
    r.step_from = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.step_to = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.step_text = <uint32_t*>malloc((size + 1) * sizeof(uint32_t))
    r.step_read = <uint8_t*>malloc((size + 1) * sizeof(uint8_t))
    r.out_spans = <Py_ssize_t*>malloc(4 * (total + 1) * sizeof(Py_ssize_t))
    r.out_text = <uint32_t*>malloc((total + 1) * sizeof(uint32_t))
    cdef list stretches = []
    try:
        if (chars == NULL or r.stream == NULL or r.owner == NULL or r.starts == NULL
                or r.boundary == NULL or r.best == NULL or r.came_state == NULL
                or r.came_from == NULL or r.came_text == NULL or r.step_from == NULL
                or r.step_to == NULL or r.step_text == NULL or r.step_read == NULL
                or r.out_spans == NULL or r.out_text == NULL):
            raise MemoryError()
        if kind == 1:
            _widen(<const uint8_t*>data, n, chars)
        elif kind == 2:
            _widen(<const uint16_t*>data, n, chars)
        else:
            _widen(<const uint32_t*>data, n, chars)
        r.chars = chars
        r.t = t
        r.encoded = &encoded[0]
        r.decoded = &decoded[0]
        r.big5 = right == "big5"
        r.margin = margin * t.scale
        r.switch = switch
        r.pin_start = pin_start
        r.pin_end = pin_end
        if n >= RESYNC_RELEASE_CHARS:
            with nogil:
                _resync_all(&r, cuts, pieces)
        else:
            _resync_all(&r, cuts, pieces)
        for p in range(r.out_count):
            stretches.append((
                r.out_spans[4 * p],
                r.out_spans[4 * p + 1],
                PyUnicode_FromKindAndData(4, &r.out_text[r.out_spans[4 * p + 2]], r.out_spans[4 * p + 3]),
            ))
    finally:
        free(cuts)
        free(chars)
        free(r.stream)
        free(r.owner)
        free(r.starts)
        free(r.boundary)
        free(r.best)
        free(r.came_state)
        free(r.came_from)
        free(r.came_text)
        free(r.step_from)
        free(r.step_to)
        free(r.step_text)
        free(r.step_read)
        free(r.out_spans)
        free(r.out_text)
    return stretches
