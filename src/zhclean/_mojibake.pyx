"""Cython kernel: find mojibake in Chinese text (see ``_mojibake_py.py``).

The two per-character loops, the scan for regions worth a look and the
statistics the plausibility test reads, run here over the string's own
PEP 393 storage with a 64 KiB table, without the GIL on long inputs.  What
to do with a region found is shared with the twin (``_mojibake_repair``).
Clean text, the common case, costs one table lookup per character and
comes back as the very object given.
"""
from cpython.unicode cimport PyUnicode_Check
from libc.stdint cimport int16_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport free, realloc

from ._charfreq import class_table, suspicious_table
from ._mojibake_repair import CP1252_EXTRAS, Kernel, TextStats, check_text, fix_with, report

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
                    any_flag |= ((c >= 0x80) & (c < 0x10000) & _suspicious[c & 0xFFFF]) | (c == 0xFFFD)
                if any_flag:
                    break
                i += 16
            if i >= n:
                break
        c = s[i]
        if (c >= 0x80 and c < 0x10000 and _suspicious[c]) or (
            c == 0xFFFD and i + 1 < n and s[i + 1] >= 0x40 and s[i + 1] <= 0x7E
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


KERNEL = Kernel(find_regions, text_stats, collapse_losses, encode_single_byte)


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
