"""Cython kernel: find mojibake in Chinese text (see ``_mojibake_py.py``).

The two per-character loops, the scan for regions worth a look and the
statistics the plausibility test reads, run here over the string's own
PEP 393 storage with a 64 KiB table, without the GIL on long inputs.  What
to do with a region found is shared with the twin (``_mojibake_repair``).
Clean text, the common case, costs one table lookup per character and
comes back as the very object given.
"""
from cpython.unicode cimport PyUnicode_Check
from libc.stdint cimport INT64_MIN, int16_t, int64_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memset

from ._charfreq import class_table, suspicious_table
from ._mojibake_repair import CP1252_EXTRAS, Kernel, TextStats, check_text, fix_with, report
from ._mojibake_resync import (
    LOST_CLASS, RIGHT_CODECS, SCALE, THROUGH, WRONG_CODECS, decode_table, encode_table,
)

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    int PyUnicode_IS_ASCII(object)
    object PyBytes_FromStringAndSize(const char*, Py_ssize_t)
    char* PyBytes_AS_STRING(object)
    uint32_t PyUnicode_MAX_CHAR_VALUE(object)
    object PyUnicode_New(Py_ssize_t size, uint32_t maxchar)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t

cdef enum:
    MAX_GAP = 2         # _mojibake_py.MAX_GAP
    MIN_SUSPECTS = 2    # _mojibake_py.MIN_SUSPECTS
    PAD_BEFORE = 6      # _mojibake_py.PAD_BEFORE
    PAD_AFTER = 7       # _mojibake_py.PAD_AFTER
    NOGIL_THRESHOLD = 1 << 15
    RESYNC_NOGIL_THRESHOLD = 1 << 10

cdef uint8_t _suspicious[0x10000]  # 1 where _mojibake_py._suspicious is true
cdef uint8_t _classes[0x10000]
cdef uint8_t _single_byte[0x10000]  # 1 for U+0080-U+00FF and CP1252_EXTRAS
cdef int16_t _byte_of[0x10000]       # the byte a single-byte decoder read as it, or -1
cdef bint _ready = False


cdef int _load_tables() except -1:
    global _ready
    cdef Py_ssize_t cp
    cdef const uint8_t[:] classes = class_table()
    cdef const uint8_t[:] suspicious = suspicious_table()
    for cp in range(0x10000):
        _classes[cp] = classes[cp]
        _suspicious[cp] = suspicious[cp]
        _single_byte[cp] = 0x80 <= cp <= 0xFF
        _byte_of[cp] = cp if cp < 0x100 else -1
    _suspicious[0xFFFD] = 1  # see _scan
    for ch in CP1252_EXTRAS:
        _single_byte[ord(ch)] = 1
        _byte_of[ord(ch)] = ch.encode("cp1252")[0]
    _ready = True
    return 0


cdef struct Regions:
    Py_ssize_t* data
    Py_ssize_t count
    Py_ssize_t capacity
    bint failed


cdef inline void _push(const ucs_t* s, Regions* r, Py_ssize_t first, Py_ssize_t last,
                       Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t start = first - PAD_BEFORE, end = last + PAD_AFTER
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


cdef void _scan(const ucs_t* s, Py_ssize_t n, Regions* r) noexcept nogil:
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
                    any_flag |= (c >= 0x80) & (c < 0x10000) & _suspicious[c & 0xFFFF]
                if any_flag:
                    break
                i += 16
            if i >= n:
                break
        c = s[i]
        # U+FFFD is in the table only to stop the block test above; it is
        # suspicious only before an orphaned second byte (see the twin).
        if c >= 0x80 and c < 0x10000 and _suspicious[c] and (
            c != 0xFFFD or (i + 1 < n and s[i + 1] >= 0x40 and s[i + 1] <= 0x7E)
        ):
            if count and i - last - 1 > MAX_GAP:
                if count >= MIN_SUSPECTS:
                    _push(s, r, first, last, n)
                count = 0
            if count == 0:
                first = i
            last = i
            count += 1
        elif count and i - last - 1 > MAX_GAP:
            if count >= MIN_SUSPECTS:
                _push(s, r, first, last, n)
            count = 0
        i += 1
    if count >= MIN_SUSPECTS:
        _push(s, r, first, last, n)


cdef void _stats(const ucs_t* s, Py_ssize_t n, Py_ssize_t* out) noexcept nogil:
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
                class_sum += _classes[c]
                if _single_byte[c]:
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


cdef void _dispatch_scan(const void* data, int kind, Py_ssize_t n, Regions* r) noexcept nogil:
    if kind == 1:
        _scan(<const uint8_t*>data, n, r)
    elif kind == 2:
        _scan(<const uint16_t*>data, n, r)
    else:
        _scan(<const uint32_t*>data, n, r)


cdef int _ready_for(text, str name) except -1:
    if not PyUnicode_Check(text):
        check_text(text, name)
    if not _ready:
        _load_tables()
    PyUnicode_READY(text)
    return 0


def find_regions(text):
    """Regions of ``text`` that may hold mojibake, sorted and disjoint."""
    _ready_for(text, "find_regions")
    if PyUnicode_IS_ASCII(text):
        return []
    cdef Regions r
    r.data = NULL
    r.count = 0
    r.capacity = 0
    r.failed = False
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    if n >= NOGIL_THRESHOLD:
        with nogil:
            _dispatch_scan(data, kind, n, &r)
    else:
        _dispatch_scan(data, kind, n, &r)
    try:
        if r.failed:
            raise MemoryError()
        return [(r.data[2 * i], r.data[2 * i + 1]) for i in range(r.count)]
    finally:
        free(r.data)


def text_stats(text):
    _ready_for(text, "text_stats")
    cdef Py_ssize_t out[6]
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    if kind == 1:
        _stats(<const uint8_t*>data, n, out)
    elif kind == 2:
        _stats(<const uint16_t*>data, n, out)
    else:
        _stats(<const uint32_t*>data, n, out)
    return TextStats(out[0], out[1], out[2], out[3], out[4], out[5])


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
    _ready_for(text, "collapse_losses")
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


cdef Py_ssize_t _single_bytes(const ucs_t* s, Py_ssize_t n, uint8_t* out) noexcept nogil:
    """Write each character's byte; the index of the first that has none, or -1."""
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(n):
        c = s[i]
        if c >= 0x10000 or _byte_of[c] < 0:
            return i
        out[i] = <uint8_t>_byte_of[c]
    return -1


def encode_single_byte(text):
    """The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    ``text``; UnicodeEncodeError at the first character none of them makes."""
    _ready_for(text, "encode_single_byte")
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), bad
    cdef const void* data = PyUnicode_DATA(text)
    result = PyBytes_FromStringAndSize(NULL, n)
    cdef uint8_t* out = <uint8_t*>PyBytes_AS_STRING(result)
    if kind == 1:
        bad = _single_bytes(<const uint8_t*>data, n, out)
    elif kind == 2:
        bad = _single_bytes(<const uint16_t*>data, n, out)
    else:
        bad = _single_bytes(<const uint32_t*>data, n, out)
    if bad >= 0:
        raise UnicodeEncodeError("windows-1252", text, bad, bad + 1, "no single-byte decoder makes this character")
    return result


# --- GBK and Big5 read as each other with losses (see _mojibake_resync) ------

cdef enum:
    R_UNKNOWN = -1   # _mojibake_resync.UNKNOWN
    R_BARRIER = -2   # _mojibake_resync.BARRIER
    R_NO_TEXT = 0xFFFFFFFF  # a step that writes nothing (beginning a re-read)

cdef int64_t R_NONE = INT64_MIN  # an (state, offset) not reached


cdef inline bint _is_lead(int byte) noexcept nogil:
    return 0x81 <= byte <= 0xFE


cdef inline bint _is_trail(int byte, bint big5) noexcept nogil:
    if 0x40 <= byte <= 0x7E:
        return True
    return 0xA1 <= byte <= 0xFE if big5 else 0x80 <= byte <= 0xFE


cdef void _widen(const ucs_t* s, Py_ssize_t n, uint32_t* out) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n):
        out[i] = s[i]


cdef struct Resync:
    # input
    const uint32_t* chars
    Py_ssize_t n
    const int* encoded      # _mojibake_resync.encode_table(wrong)
    const unsigned int* decoded  # _mojibake_resync.decode_table(right)
    bint big5
    int64_t margin, switch, scale, lost_class, through
    bint pin_start, pin_end
    # work
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


cdef inline void _reach(Resync* r, int state, Py_ssize_t to, int64_t score, int frm_state,
                        Py_ssize_t frm, uint32_t text) noexcept nogil:
    cdef Py_ssize_t k = state * (r.size + 1) + to
    cdef int64_t held = r.best[k]
    if held == R_NONE or score > held or (score == held and frm == to):
        r.best[k] = score
        r.came_state[k] = <uint8_t>frm_state
        r.came_from[k] = frm
        r.came_text[k] = text


cdef void _resync_run(Resync* r) noexcept nogil:
    """The dynamic programme of _mojibake_resync.resync, step for step."""
    cdef Py_ssize_t n = r.n, size = 0, i, k, at, a, b, row = 0
    cdef int code, first, second, state
    cdef uint32_t c, cp
    cdef int64_t here, held, before, lost
    for k in range(n):
        r.starts[k] = size
        c = r.chars[k]
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
                    _reach(r, 0, r.starts[at + 1], held, state, i, r.chars[at])
            held = r.best[i]
            if held != R_NONE:
                _reach(r, 1, i, held - r.switch * r.scale, 0, i, R_NO_TEXT)
        here = r.best[row + i]
        if here == R_NONE:
            continue
        first = r.stream[i]
        if 0 <= first < 0x80:
            _reach(r, 1, i + 1, here + r.through, 1, i, <uint32_t>first)
            continue
        if i + 1 >= size or first == R_BARRIER:
            continue
        second = r.stream[i + 1]
        if second == R_BARRIER:
            continue
        a = r.owner[i]
        b = r.owner[i + 1]
        if a != b:
            before = (_class_of_char(r.chars[a]) + _class_of_char(r.chars[b])) * (r.scale // 2)
        else:
            before = _class_of_char(r.chars[a]) * r.scale
        if first == R_UNKNOWN or second == R_UNKNOWN:
            if ((first == R_UNKNOWN or _is_lead(first))
                    and (second == R_UNKNOWN or _is_trail(second, r.big5))):
                lost = r.lost_class - before - r.margin
                if lost < r.through:
                    lost = r.through
                _reach(r, 1, i + 2, here + lost, 1, i, 0xFFFD)
            continue
        cp = r.decoded[(first << 8) | second]
        if cp:
            _reach(r, 1, i + 2, here + _classes[cp] * r.scale - before - r.margin, 1, i, cp)
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


cdef inline int64_t _class_of_char(uint32_t c) noexcept nogil:
    if 0x80 <= c < 0x10000 and c != 0xFFFD:
        return _classes[c]
    return 0


def resync(region, wrong, right, margin, switch, pin_start=False, pin_end=False):
    """The twin of ``_mojibake_resync.resync``."""
    _ready_for(region, "resync")
    if wrong not in WRONG_CODECS or right not in RIGHT_CODECS:
        raise ValueError(f"no re-reading from {wrong!r} as {right!r}")
    cdef const int[:] encoded = encode_table(wrong)
    cdef const unsigned int[:] decoded = decode_table(right)
    cdef Resync r
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(region), size = 2 * n, i, first, last
    cdef int kind = PyUnicode_KIND(region)
    cdef const void* data = PyUnicode_DATA(region)
    cdef uint32_t* chars = <uint32_t*>malloc((n + 1) * sizeof(uint32_t))
    memset(&r, 0, sizeof(Resync))
    r.stream = <int*>malloc((size + 1) * sizeof(int))
    r.owner = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.starts = <Py_ssize_t*>malloc((n + 1) * sizeof(Py_ssize_t))
    r.boundary = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.best = <int64_t*>malloc(2 * (size + 1) * sizeof(int64_t))
    r.came_state = <uint8_t*>malloc(2 * (size + 1) * sizeof(uint8_t))
    r.came_from = <Py_ssize_t*>malloc(2 * (size + 1) * sizeof(Py_ssize_t))
    r.came_text = <uint32_t*>malloc(2 * (size + 1) * sizeof(uint32_t))
    r.step_from = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.step_to = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    r.step_text = <uint32_t*>malloc((size + 1) * sizeof(uint32_t))
    r.step_read = <uint8_t*>malloc((size + 1) * sizeof(uint8_t))
    cdef list stretches = []
    try:
        if (chars == NULL or r.stream == NULL or r.owner == NULL or r.starts == NULL
                or r.boundary == NULL or r.best == NULL or r.came_state == NULL
                or r.came_from == NULL or r.came_text == NULL or r.step_from == NULL
                or r.step_to == NULL or r.step_text == NULL or r.step_read == NULL):
            raise MemoryError()
        if kind == 1:
            _widen(<const uint8_t*>data, n, chars)
        elif kind == 2:
            _widen(<const uint16_t*>data, n, chars)
        else:
            _widen(<const uint32_t*>data, n, chars)
        r.chars = chars
        r.n = n
        r.encoded = &encoded[0]
        r.decoded = &decoded[0]
        r.big5 = right == "big5"
        r.margin = margin * SCALE
        r.switch = switch
        r.scale = SCALE
        r.lost_class = LOST_CLASS * SCALE
        r.through = THROUGH
        r.pin_start = pin_start
        r.pin_end = pin_end
        # The re-reading costs far more per character than the scan, and
        # comes in chunks of 16 Ki characters: worth releasing the GIL sooner.
        if n >= RESYNC_NOGIL_THRESHOLD:
            with nogil:
                _resync_run(&r)
        else:
            _resync_run(&r)
        # Gather the re-read steps into stretches, as the twin does.
        i = 0
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
                if first <= last and _any_recovered(r.step_text, first, last):
                    stretches.append((
                        r.boundary[r.step_from[first]],
                        r.boundary[r.step_to[last]],
                        PyUnicode_FromKindAndData(4, &r.step_text[first], last - first + 1),
                    ))
            i += 1
    finally:
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
    return stretches


cdef inline bint _any_recovered(const uint32_t* text, Py_ssize_t first, Py_ssize_t last) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(first, last + 1):
        if text[k] != 0xFFFD:
            return True
    return False


KERNEL = Kernel(find_regions, text_stats, collapse_losses, encode_single_byte, resync)


def fix_mojibake(text):
    """Repair Chinese text that was decoded with the wrong codec.

    Returns ``text`` itself when there is nothing to repair.

    >>> fix_mojibake("鍙戝竷浜嗘柊闂")
    '发布了新�'
    >>> fix_mojibake("·¢²¼ÁËÐÂÎÅ")
    '发布了新闻'
    >>> fix_mojibake("马丁·路德·金, 25°C±2, café")
    '马丁·路德·金, 25°C±2, café'
    """
    if not PyUnicode_Check(text):
        check_text(text, "fix_mojibake")
    return fix_with(text, KERNEL)


def mojibake_report(text):
    """What ``fix_mojibake`` would repair in ``text``, and what loss it cannot undo.

    Positions are indices into ``text``.
    """
    return report(text, KERNEL)
