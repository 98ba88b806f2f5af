"""The character-set scan, compiled: the twin of ``_loops_py.py``.

One lookup in the set's 64 KiB table per character of the string's own
PEP 393 storage, in blocks of 16 without a branch; a string whose widest
character is below the set's lowest is ruled out before the loop.  This
module imports nothing from zhclean: the set (``classes.CharTable``) is read
by its attributes.
"""
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New
from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.string cimport memcpy

from zhclean._spans cimport Spans, spans_add, spans_free, spans_init, spans_list
from zhclean._unicode cimport PyUnicode_MAX_CHAR_VALUE, PyUnicode_READY

# Strings this long are scanned without the GIL: 2 MB of Chinese text (about
# 700,000 characters) takes about 0.5 ms, which a second thread can use;
# below 1 << 16 characters (under 50 us) getting the lock back would cost
# more than it frees.
RELEASE_CHARS = 1 << 16

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t


cdef Py_ssize_t _first(const uint8_t* table, const ucs_t* s, Py_ssize_t i, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    cdef uint8_t hit
    while i + 16 <= n:
        hit = 0
        for k in range(16):
            c = s[i + k]
            hit |= (c < 0x10000) & table[c & 0xFFFF]
        if hit:
            break
        i += 16
    while i < n:
        c = s[i]
        if c < 0x10000 and table[c]:
            return i
        i += 1
    return -1


def first_of(str text, table, Py_ssize_t start=0):
    """Where ``text`` first holds a character of ``table`` (a
    ``classes.CharTable``) at or after ``start`` (negative: from the end,
    as in slicing); -1 if nowhere."""
    return _run(text, table, start, None, False)


def count_of(str text, table, Py_ssize_t start=0, end=None):
    """How many characters of ``text[start:end]`` are in ``table`` (a
    ``classes.CharTable``); ``start`` and ``end`` as in slicing."""
    return _run(text, table, start, end, True)


cdef Py_ssize_t _run(str text, table, Py_ssize_t start, object end, bint counting) except -2:
    """``count_of`` (``counting``) or ``first_of`` over ``text[start:end]``."""
    cdef const uint8_t[:] cells = table.table
    if cells.shape[0] != 0x10000:
        raise ValueError("a character table has 65,536 cells")
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t stop = n if end is None else end
    if start < 0:
        start = max(0, n + start)
    if stop < 0:
        stop = max(0, n + stop)
    stop = min(stop, n)
    if start >= stop or PyUnicode_MAX_CHAR_VALUE(text) < <uint32_t>table.lowest:
        return 0 if counting else -1
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef const uint8_t* t = &cells[0]
    cdef Py_ssize_t found
    if stop - start >= RELEASE_CHARS:
        with nogil:
            found = _over(kind, data, t, start, stop, counting)
    else:
        found = _over(kind, data, t, start, stop, counting)
    return found


cdef Py_ssize_t _count(const uint8_t* table, const ucs_t* s, Py_ssize_t i, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t total = 0
    cdef uint32_t c
    while i < n:
        c = s[i]
        total += (c < 0x10000) & table[c & 0xFFFF]
        i += 1
    return total


cdef inline Py_ssize_t _over(int kind, const void* data, const uint8_t* t, Py_ssize_t start, Py_ssize_t n,
                             bint counting) noexcept nogil:
    if kind == 1:
        return _count(t, <const uint8_t*>data, start, n) if counting else _first(t, <const uint8_t*>data, start, n)
    if kind == 2:
        return _count(t, <const uint16_t*>data, start, n) if counting else _first(t, <const uint16_t*>data, start, n)
    return _count(t, <const uint32_t*>data, start, n) if counting else _first(t, <const uint32_t*>data, start, n)


def first_astral(str text, Py_ssize_t start=0):
    """Where ``text`` first holds a character outside the BMP at or after
    ``start`` (negative: from the end, as in slicing); -1 if nowhere.  A
    string with none is told by its storage's width alone."""
    PyUnicode_READY(text)
    if PyUnicode_KIND(text) != 4:
        return -1
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    if start < 0:
        start = max(0, n + start)
    cdef const uint32_t* s = <const uint32_t*>PyUnicode_DATA(text)
    while start < n:
        if s[start] > 0xFFFF:
            return start
        start += 1
    return -1


cdef int _runs(const uint8_t* run, const uint8_t* stop, const ucs_t* s, Py_ssize_t n, Spans* found) noexcept nogil:
    cdef Py_ssize_t i, start = -1
    cdef uint32_t c
    for i in range(n):
        c = s[i]
        if c < 0x10000 and run[c]:
            if start < 0:
                start = i
        else:
            if start >= 0 and c < 0x10000 and stop[c] and spans_add(found, start, i, 0, 0, 2) < 0:
                return -1
            start = -1
    if start >= 0 and spans_add(found, start, n, 0, 0, 2) < 0:
        return -1
    return 0


cdef int _runs_over(int kind, const void* data, const uint8_t* run, const uint8_t* stop, Py_ssize_t n,
                    Spans* found) noexcept nogil:
    if kind == 1:
        return _runs(run, stop, <const uint8_t*>data, n, found)
    if kind == 2:
        return _runs(run, stop, <const uint16_t*>data, n, found)
    return _runs(run, stop, <const uint32_t*>data, n, found)


def runs_before(str text, run, stop):
    """The maximal runs of characters of ``run`` (a ``classes.CharTable``)
    that a character of ``stop`` or the end of ``text`` follows, as
    ``(start, end)`` pairs in text order."""
    cdef const uint8_t[:] run_cells = run.table
    cdef const uint8_t[:] stop_cells = stop.table
    if run_cells.shape[0] != 0x10000 or stop_cells.shape[0] != 0x10000:
        raise ValueError("a character table has 65,536 cells")
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    if n == 0 or PyUnicode_MAX_CHAR_VALUE(text) < <uint32_t>run.lowest:
        return []
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Spans found
    spans_init(&found)
    cdef int failed
    try:
        if n >= RELEASE_CHARS:
            with nogil:
                failed = _runs_over(kind, data, &run_cells[0], &stop_cells[0], n, &found)
        else:
            failed = _runs_over(kind, data, &run_cells[0], &stop_cells[0], n, &found)
        if failed:
            raise MemoryError("the run scan ran out of memory")
        return spans_list(&found, 2)
    finally:
        spans_free(&found)


cdef int _pairs(const uint8_t* first, const uint8_t* second, const ucs_t* s, Py_ssize_t i, Py_ssize_t n,
                Spans* found) noexcept nogil:
    cdef uint32_t c, d
    while i + 1 < n:
        c = s[i]
        if c < 0x10000 and first[c]:
            d = s[i + 1]
            if d < 0x10000 and second[d] and spans_add(found, i, 0, 0, 0, 1) < 0:
                return -1
        i += 1
    return 0


cdef int _pairs_over(int kind, const void* data, const uint8_t* first, const uint8_t* second, Py_ssize_t start,
                     Py_ssize_t n, Spans* found) noexcept nogil:
    if kind == 1:
        return _pairs(first, second, <const uint8_t*>data, start, n, found)
    if kind == 2:
        return _pairs(first, second, <const uint16_t*>data, start, n, found)
    return _pairs(first, second, <const uint32_t*>data, start, n, found)


def pairs_at(str text, first, second, Py_ssize_t start=0, end=None):
    """Every position ``i`` of ``text[start:end]`` whose character is in
    ``first`` and whose next character, also in that slice, is in
    ``second`` (both ``classes.CharTable``), in text order; ``start`` and
    ``end`` as in slicing."""
    cdef const uint8_t[:] first_cells = first.table
    cdef const uint8_t[:] second_cells = second.table
    if first_cells.shape[0] != 0x10000 or second_cells.shape[0] != 0x10000:
        raise ValueError("a character table has 65,536 cells")
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t stop = n if end is None else end
    if start < 0:
        start = max(0, n + start)
    if stop < 0:
        stop = max(0, n + stop)
    stop = min(stop, n)
    if stop - start < 2 or PyUnicode_MAX_CHAR_VALUE(text) < <uint32_t>first.lowest:
        return []
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Spans found
    spans_init(&found)
    cdef int failed
    try:
        if stop - start >= RELEASE_CHARS:
            with nogil:
                failed = _pairs_over(kind, data, &first_cells[0], &second_cells[0], start, stop, &found)
        else:
            failed = _pairs_over(kind, data, &first_cells[0], &second_cells[0], start, stop, &found)
        if failed:
            raise MemoryError("the pair scan ran out of memory")
        return spans_list(&found, 1)
    finally:
        spans_free(&found)


cdef Py_ssize_t _first_moved(const uint16_t* table, const ucs_t* s, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    for k in range(n):
        c = s[k]
        if c < 0x10000 and table[c] != c:
            return k
    return -1


cdef void _mapped(const uint16_t* table, const ucs_t* s, ucs_t* out, Py_ssize_t start, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    for k in range(start, n):
        c = s[k]
        out[k] = table[c] if c < 0x10000 else c


def translate(str text, charmap):
    """``text`` with each character that ``charmap`` (a ``classes.CharMap``)
    maps replaced by its image: ``text`` itself when none is; one pass to
    the first such character, one copy in the text's own storage after it."""
    cdef const uint16_t[:] cells = charmap.table
    if cells.shape[0] != 0x10000:
        raise ValueError("a character map has 65,536 cells")
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), first
    cdef uint32_t widest = PyUnicode_MAX_CHAR_VALUE(text)
    if n == 0 or widest < <uint32_t>charmap.lowest:
        return text
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef const uint16_t* t = &cells[0]
    if kind == 1:
        first = _first_moved(t, <const uint8_t*>data, n)
    elif kind == 2:
        first = _first_moved(t, <const uint16_t*>data, n)
    else:
        first = _first_moved(t, <const uint32_t*>data, n)
    if first < 0:
        return text
    if kind == 1 or (kind == 2 and charmap.narrowest < 0x100):
        # Images in another storage than the text's (a map of Latin-1, or to it): Python's own.
        return "".join([text[:first], text[first:].translate(charmap.ordinals)])
    out = PyUnicode_New(n, widest)
    cdef void* target = PyUnicode_DATA(out)
    if kind == 2:
        memcpy(target, data, n * 2)
        _mapped(t, <const uint16_t*>data, <uint16_t*>target, first, n)
    else:
        memcpy(target, data, n * 4)
        _mapped(t, <const uint32_t*>data, <uint32_t*>target, first, n)
    return out


cdef void _count_bits(const uint8_t* table, const ucs_t* s, Py_ssize_t n, Py_ssize_t* counts) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t c
    cdef uint8_t bits
    cdef int b
    for k in range(n):
        c = s[k]
        bits = table[c & 0xFFFF] if c < 0x10000 else 0
        if bits:
            for b in range(8):
                counts[b] += (bits >> b) & 1


def count_each(str text, charbits):
    """How many characters of ``text`` each set of ``charbits`` (a
    ``classes.CharBits``) holds, in one scan: a list, a count a set."""
    cdef const uint8_t[:] cells = charbits.table
    if cells.shape[0] != 0x10000:
        raise ValueError("a character table has 65,536 cells")
    cdef Py_ssize_t counts[8]
    cdef int b, sets = len(charbits.sets)
    for b in range(8):
        counts[b] = 0
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    if n and PyUnicode_MAX_CHAR_VALUE(text) >= <uint32_t>charbits.lowest:
        with nogil:
            if kind == 1:
                _count_bits(&cells[0], <const uint8_t*>data, n, counts)
            elif kind == 2:
                _count_bits(&cells[0], <const uint16_t*>data, n, counts)
            else:
                _count_bits(&cells[0], <const uint32_t*>data, n, counts)
    return [counts[b] for b in range(sets)]
