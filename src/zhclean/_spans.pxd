# Spans gathered in C without the GIL, turned into Python tuples once: the
# one growable array the compiled scans that return positions share.
from libc.stdlib cimport free, realloc


cdef struct Spans:
    Py_ssize_t* items  # ``width`` numbers a span, one after the other
    Py_ssize_t used
    Py_ssize_t size


cdef inline void spans_init(Spans* spans) noexcept nogil:
    spans.items = NULL
    spans.used = spans.size = 0


cdef inline int spans_add(Spans* spans, Py_ssize_t a, Py_ssize_t b, Py_ssize_t c, Py_ssize_t d,
                          int width) noexcept nogil:
    """Append ``width`` (1 to 4) numbers; -1 when memory runs out."""
    cdef Py_ssize_t size
    cdef Py_ssize_t* grown
    if spans.used + width > spans.size:
        size = 2 * spans.size + 64
        grown = <Py_ssize_t*>realloc(spans.items, size * sizeof(Py_ssize_t))
        if grown == NULL:
            return -1
        spans.items, spans.size = grown, size
    spans.items[spans.used] = a
    if width >= 2:
        spans.items[spans.used + 1] = b
    if width >= 3:
        spans.items[spans.used + 2] = c
    if width == 4:
        spans.items[spans.used + 3] = d
    spans.used += width
    return 0


cdef inline list spans_list(Spans* spans, int width):
    """The spans as a list of ``width``-tuples (of numbers: width 1)."""
    cdef Py_ssize_t k
    cdef Py_ssize_t* v = spans.items
    if width == 1:
        return [v[k] for k in range(spans.used)]
    if width == 2:
        return [(v[k], v[k + 1]) for k in range(0, spans.used, 2)]
    if width == 3:
        return [(v[k], v[k + 1], v[k + 2]) for k in range(0, spans.used, 3)]
    return [(v[k], v[k + 1], v[k + 2], v[k + 3]) for k in range(0, spans.used, 4)]


cdef inline void spans_free(Spans* spans) noexcept nogil:
    free(spans.items)
    spans.items = NULL
    spans.used = spans.size = 0
