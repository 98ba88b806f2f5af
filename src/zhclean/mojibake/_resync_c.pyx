"""The re-reading of GBK and Big5 read as each other with losses, compiled:
the twin of ``_resync_py.py``, re-exported by ``_loops_c``.

The dynamic programme over a region's bytes, step for step as the twin does
it, with integer scores so that the two agree exactly; a long region goes in
pieces, all of them without the GIL at once.  Imports only tables.
"""
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_FromKindAndData, PyUnicode_GET_LENGTH, PyUnicode_KIND
from libc.stdint cimport INT64_MIN, int64_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport calloc, free, malloc
from libc.string cimport memset

from zhclean._unicode cimport PyUnicode_READY

from .._lazy import Lazy
from . import tables as _tables
from .charsets import REREAD_AS, REREAD_FROM, decode_table, encode_table

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t

# When to release the GIL: once per call, for work long enough to pay for
# waiting up to the 5 ms switch interval to get it back beside a busy thread.
# The re-reading runs at about 60 ns a character (Big5 read as GBK, 32 MB/s),
# so 32 Ki characters are some 2 ms.  (Releasing it from 1 Ki characters, once
# for each 16 Ki-character piece, made 2 MB of Big5 read as GBK take 2.3 s
# beside a busy thread, against 0.14 s alone.)
cdef Py_ssize_t RESYNC_RELEASE_CHARS = 1 << 15


# --- tables, built once per process by _build() ----------------------------
cdef struct Tables:
    uint8_t classes[0x10000]
    int64_t scale, lost_class, through


cdef class _CTables:
    """Owns one complete Tables; published through the lazy loader."""
    cdef Tables* t

    def __dealloc__(self):
        free(self.t)


def _build():
    """The scores in C, complete before anyone can see them."""
    cdef _CTables owner = _CTables.__new__(_CTables)
    cdef Tables* t = <Tables*>calloc(1, sizeof(Tables))
    cdef Py_ssize_t cp
    if t == NULL:
        raise MemoryError()
    owner.t = t
    cdef const uint8_t[:] classes = _tables.class_table()
    for cp in range(0x10000):
        t.classes[cp] = classes[cp]
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


# --- the re-reading ----------------------------------------------------------

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
    Py_ssize_t least        # fewest input characters outside ASCII (U+FFFD apart) a stretch keeps
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


cdef inline Py_ssize_t _others_in(const uint32_t* chars, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """The characters of chars[start:end] outside ASCII, U+FFFD apart."""
    cdef Py_ssize_t k, others = 0
    for k in range(start, end):
        if chars[k] >= 0x80 and chars[k] != 0xFFFD:
            others += 1
    return others


cdef void _gather(Resync* r) noexcept nogil:
    """Gather the re-read steps into stretches, as the twin does."""
    cdef Py_ssize_t i = 0, first, last, k, start, end
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
                start = r.base + r.boundary[r.step_from[first]]
                end = r.base + r.boundary[r.step_to[last]]
                if _others_in(r.chars, start, end) >= r.least:
                    r.out_spans[4 * r.out_count] = start
                    r.out_spans[4 * r.out_count + 1] = end
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
           Py_ssize_t chunk, Py_ssize_t least=0):
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
        r.least = least
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
