"""The crawlers' mixture's reading, compiled: the twin of ``_hybrid_py.py``,
re-exported by ``_loops_c``.

The same dynamic programme, state for state and in the same order (so that
ties go the same way), with each distinct character's options copied once
into C arrays (a page holds a few hundred distinct characters), each
character of the text finding its own by a binary search over their code
points, and the steps run without the GIL on long texts.  Imports
nothing; the caller passes the tables and the costs.
"""
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.object cimport PyObject
from cpython.tuple cimport PyTuple_GET_ITEM
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from libc.stdint cimport int16_t, int32_t, int64_t, uint8_t, uint32_t
from libc.stdlib cimport free, malloc, qsort, realloc

from zhclean._unicode cimport PyUnicode_READ, PyUnicode_READY

# When to release the GIL: the steps of a text this long take a millisecond
# or more (about 50 ns a character), enough to pay for waiting up to the
# 5 ms switch interval to get it back beside a busy thread.
cdef Py_ssize_t HYBRID_RELEASE_CHARS = 1 << 15
cdef enum:
    MAX_OPTION_BYTES = 4  # the longest option: four bytes of UTF-8


cdef struct Option:
    uint8_t data[MAX_OPTION_BYTES]
    int32_t size
    int64_t cost
    int16_t alone_byte
    bint continuation
    bint own
    PyObject *bytes_object  # borrowed from the caller's options, alive for the call


cdef struct Entry:
    int16_t pending  # lead byte waiting for its second byte, or -1
    int16_t alone  # last byte read alone as a two-byte UTF-8 lead, or -1
    int64_t score
    int32_t back  # index of the state it came from in the step before
    int32_t choice  # index in the option pool, or -1 (no reading)


cdef struct Known:
    Py_UCS4 cp  # a distinct character of the text
    int32_t start, count  # its options in the pool


cdef int _by_code_point(const void *a, const void *b) noexcept nogil:
    cdef Py_UCS4 x = (<const Known *> a).cp, y = (<const Known *> b).cp
    return (x > y) - (x < y)


cdef Py_ssize_t _find(const Known *known, Py_ssize_t size, Py_UCS4 cp) noexcept nogil:
    """The index of ``cp`` in ``known`` (sorted), or -1."""
    cdef Py_ssize_t lo = 0, hi = size, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if known[mid].cp < cp:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < size and known[lo].cp == cp else -1


cdef struct Pool:
    Option *options
    Py_ssize_t size, capacity


cdef struct Steps:
    Entry *entries
    Py_ssize_t size, capacity


cdef int _grow_pool(Pool *pool) except -1:
    cdef Py_ssize_t capacity = pool.capacity * 2 if pool.capacity else 256
    cdef Option *grown = <Option *> realloc(pool.options, capacity * sizeof(Option))
    if grown == NULL:
        raise MemoryError()
    pool.options, pool.capacity = grown, capacity
    return 0


cdef int _add_options(Pool *pool, object choices) except -1:
    """Copy one character's options list into the pool."""
    cdef Py_ssize_t k, b, n = PyList_GET_SIZE(choices), size
    cdef object option, data
    cdef Option *slot
    cdef const char *raw
    for k in range(n):
        option = <object> PyList_GET_ITEM(choices, k)
        data = <object> PyTuple_GET_ITEM(option, 0)
        size = PyBytes_GET_SIZE(data)
        if size < 1 or size > MAX_OPTION_BYTES:
            raise ValueError("an option of the mixture is 1 to 4 bytes")
        if pool.size == pool.capacity:
            _grow_pool(pool)
        slot = &pool.options[pool.size]
        raw = PyBytes_AS_STRING(data)
        for b in range(size):
            slot.data[b] = <uint8_t> raw[b]
        slot.size = <int32_t> size
        slot.cost = <object> PyTuple_GET_ITEM(option, 1)
        slot.alone_byte = <object> PyTuple_GET_ITEM(option, 2)
        slot.continuation = bool(<object> PyTuple_GET_ITEM(option, 3))
        slot.own = bool(<object> PyTuple_GET_ITEM(option, 4))
        slot.bytes_object = <PyObject *> data
        pool.size += 1
    return 0


cdef inline int _push(Steps *steps) noexcept nogil:
    """Room for one more entry; -1 when memory runs out."""
    cdef Py_ssize_t capacity
    cdef Entry *grown
    if steps.size == steps.capacity:
        capacity = steps.capacity * 2 if steps.capacity else 1024
        grown = <Entry *> realloc(steps.entries, capacity * sizeof(Entry))
        if grown == NULL:
            return -1
        steps.entries, steps.capacity = grown, capacity
    return 0


cdef inline void _move(const Option *option, int16_t pending, const uint32_t *decoded,
                       const uint8_t *classes, int64_t broken, int64_t base,
                       int64_t *gain, int16_t *lead_left) noexcept nogil:
    cdef int64_t total = 0
    cdef int16_t lead = pending
    cdef uint8_t byte
    cdef uint32_t cp
    cdef int32_t b
    for b in range(option.size):
        byte = option.data[b]
        if lead < 0:
            if byte < 0x80:
                continue
            if 0x81 <= byte <= 0xFE:
                lead = byte
            else:
                total += broken
        else:
            cp = decoded[(<uint32_t> lead) << 8 | byte]
            if cp and cp < 0x10000:
                total += <int64_t> classes[cp] - base
            else:
                total += broken
            lead = -1
    gain[0] = total
    lead_left[0] = lead


cdef inline int _keep(Steps *steps, Py_ssize_t first, int16_t pending, int16_t alone, int64_t total,
                      int32_t back, int32_t choice) noexcept nogil:
    """The state (pending, alone) of the step that starts at ``first``: added,
    or updated where this path scores higher; -1 when memory runs out."""
    cdef Py_ssize_t j
    cdef Entry *entry
    for j in range(first, steps.size):
        entry = &steps.entries[j]
        if entry.pending == pending and entry.alone == alone:
            if total > entry.score:
                entry.score, entry.back, entry.choice = total, back, choice
            return 0
    if _push(steps) < 0:
        return -1
    entry = &steps.entries[steps.size]
    entry.pending, entry.alone, entry.score, entry.back, entry.choice = pending, alone, total, back, choice
    steps.size += 1
    return 0


cdef int _run(int kind, void *data, Py_ssize_t n, const int32_t *starts, const int32_t *counts,
              const Option *pool, const uint32_t *decoded, const uint8_t *classes,
              int64_t broken, int64_t base, int64_t unlikely, int64_t ascii_alone,
              Steps *steps, Py_ssize_t *step_first) noexcept nogil:
    """The steps: step i's states are entries step_first[i] to step_first[i + 1]."""
    cdef Py_ssize_t i, j, previous_first, previous_end
    cdef int32_t index, o
    cdef Py_UCS4 ch
    cdef bint stray
    cdef Entry state
    cdef const Option *option
    cdef int64_t total, gain
    cdef int16_t lead_left
    # Step -1: the start, one state.
    if _push(steps) < 0:
        return -1
    steps.entries[0].pending, steps.entries[0].alone, steps.entries[0].score = -1, -1, 0
    steps.entries[0].back, steps.entries[0].choice = -1, -1
    steps.size = 1
    previous_first, previous_end = 0, 1
    for i in range(n):
        ch = PyUnicode_READ(kind, data, i)
        stray = (0x40 <= ch <= 0x7E and 0 < i < n - 1 and PyUnicode_READ(kind, data, i - 1) > 0x7F
                 and PyUnicode_READ(kind, data, i + 1) > 0x7F)
        step_first[i] = steps.size
        for j in range(previous_first, previous_end):
            state = steps.entries[j]
            index = <int32_t> (j - previous_first)
            if counts[i] == 0:
                # No reading fits: the decoder starts afresh after it.
                total = state.score + (broken if state.pending >= 0 else 0)
                if _keep(steps, step_first[i], -1, -1, total, index, -1) < 0:
                    return -1
                continue
            for o in range(starts[i], starts[i] + counts[i]):
                option = &pool[o]
                if option.own and state.pending >= 0:
                    continue  # the page's own character stands between whole GBK characters
                total = state.score + option.cost
                if stray and state.pending < 0:
                    total += ascii_alone
                if state.alone >= 0 and option.continuation:
                    total += unlikely
                _move(option, state.pending, decoded, classes, broken, base, &gain, &lead_left)
                if _keep(steps, step_first[i], lead_left, option.alone_byte, total + gain, index, o) < 0:
                    return -1
        previous_first, previous_end = step_first[i], steps.size
    step_first[n] = steps.size
    return 0


def hybrid_path(str text, dict readings, decoded, const uint8_t[::1] classes, costs):
    """The bytes of the chosen option of each character (None where it has
    none); ``readings``: each distinct character's options."""
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i, k, best, j, distinct = len(readings)
    if n == 0:
        return []
    cdef const uint32_t[::1] table = decoded
    # Raw pointers into the tables for the steps: a memoryview passed to a C
    # function is acquired and released at every call (atomic counts).  With
    # the steps declared noexcept (else each call is followed by an error
    # check that takes the GIL), 30,000 characters of the news mixture took
    # 130-150 ns a character, against 245 before.
    if table.shape[0] < 0x10000 or classes.shape[0] < 0x10000:
        raise ValueError("decoded and classes cover the Basic Plane")
    cdef const uint32_t *table_at = &table[0]
    cdef const uint8_t *classes_at = &classes[0]
    cdef int64_t broken = costs[0], base = costs[1], unlikely = costs[2], ascii_alone = costs[3]
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Pool pool
    cdef Steps steps
    pool.options, pool.size, pool.capacity = NULL, 0, 0
    steps.entries, steps.size, steps.capacity = NULL, 0, 0
    cdef int32_t *starts = <int32_t *> malloc(n * sizeof(int32_t))
    cdef int32_t *counts = <int32_t *> malloc(n * sizeof(int32_t))
    cdef Py_ssize_t *step_first = <Py_ssize_t *> malloc((n + 1) * sizeof(Py_ssize_t))
    cdef Known *known = <Known *> malloc((distinct if distinct else 1) * sizeof(Known))
    cdef object ch, choices
    cdef int failed
    cdef int64_t score, best_score
    cdef list chosen
    cdef object found
    try:
        if starts == NULL or counts == NULL or step_first == NULL or known == NULL:
            raise MemoryError()
        k = 0
        for ch, choices in readings.items():
            if not isinstance(ch, str) or len(ch) != 1 or not isinstance(choices, list):
                raise ValueError("readings: one character -> a list of its options")
            known[k].cp = ord(ch)
            known[k].start, known[k].count = <int32_t> pool.size, <int32_t> len(choices)
            _add_options(&pool, choices)
            k += 1
        qsort(known, distinct, sizeof(Known), _by_code_point)
        for i in range(n):
            j = _find(known, distinct, PyUnicode_READ(kind, data, i))
            if j < 0:
                raise ValueError(f"readings: no options for the character at {i}")
            starts[i], counts[i] = known[j].start, known[j].count
        if n >= HYBRID_RELEASE_CHARS:
            with nogil:
                failed = _run(kind, data, n, starts, counts, pool.options, table_at, classes_at, broken, base,
                              unlikely, ascii_alone, &steps, step_first)
        else:
            failed = _run(kind, data, n, starts, counts, pool.options, table_at, classes_at, broken, base,
                          unlikely, ascii_alone, &steps, step_first)
        if failed:
            raise MemoryError()
        if step_first[n] == step_first[n - 1]:
            raise RuntimeError("no reading of the mixture fits")  # every character has one that is not its own
        # Walk back from the best final state (a pending lead at the end is
        # broken); the first of equal ones, as the twin's max() takes it.
        best, best_score = 0, 0
        for j in range(step_first[n - 1], step_first[n]):
            score = steps.entries[j].score + (broken if steps.entries[j].pending >= 0 else 0)
            if j == step_first[n - 1] or score > best_score:
                best, best_score = j - step_first[n - 1], score
        chosen = [None] * n
        k = best
        for i in range(n - 1, -1, -1):
            j = step_first[i] + k
            if steps.entries[j].choice >= 0:
                found = <object> pool.options[steps.entries[j].choice].bytes_object
                chosen[i] = found
            k = steps.entries[j].back
        return chosen
    finally:
        free(starts)
        free(counts)
        free(known)
        free(step_first)
        free(pool.options)
        free(steps.entries)
