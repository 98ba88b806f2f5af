"""The unit scan, compiled: the twin of ``_loops_py.py``.

One pass over the string's own PEP 393 storage with one look-up per
character in the side's code table (``_codes``): each sentence's classes,
whether two of its minority characters are close enough to be a run, and
whether they sit in one clause; the sentences of both scripts are read a
second time, clause by clause, and the clauses of rule 3 a third time, for
their windows.  The spans are gathered in C arrays (without the GIL from
``RELEASE_CHARS`` characters) and turned into tuples once, at the end.
``joined`` writes the pieces OpenCC converts, and ``spliced`` a unified
text: the pieces converted whole, and the windows' edits, copied in place
in one string.
This module imports nothing from zhclean but the code bits (``_codes``).
"""
from cpython.unicode cimport (
    PyUnicode_CopyCharacters, PyUnicode_DATA, PyUnicode_FindChar, PyUnicode_FromKindAndData, PyUnicode_GET_LENGTH,
    PyUnicode_KIND, PyUnicode_New,
)
from libc.stdint cimport uint8_t, uint16_t, uint32_t

from zhclean._spans cimport Spans, spans_add, spans_free, spans_init, spans_list
from zhclean._unicode cimport PyUnicode_MAX_CHAR_VALUE, PyUnicode_READ, PyUnicode_READY, PyUnicode_WRITE
from zhclean.script import _codes

# Texts this long are scanned without the GIL: the zhwiki text, 780,000
# characters, takes about 2 ms; below 1 << 16 characters getting the lock
# back would cost more than it frees.
RELEASE_CHARS = 1 << 16

cdef uint8_t MINORITY = _codes.MINORITY
cdef uint8_t MAJORITY = _codes.MAJORITY
cdef uint8_t STRONG = _codes.STRONG
cdef uint8_t SENTENCE_END = _codes.SENTENCE_END
cdef uint8_t CLAUSE_END = _codes.CLAUSE_END
cdef uint8_t KANA = _codes.KANA
cdef uint8_t CHANGING = _codes.CHANGING
cdef uint8_t REACH = _codes.REACH
cdef uint8_t OWN = _codes.OWN  # (REACH's bit, on a minority character)
cdef Py_ssize_t TABLE_SIZE = _codes.TABLE_SIZE

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t


cdef struct Scan:
    const uint8_t* codes
    Py_ssize_t max_gap
    Py_ssize_t extend
    Py_ssize_t changes
    uint8_t kana  # KANA, or 0: sentences are not checked for kana
    Spans whole
    Spans windows


cdef inline uint8_t _code(const uint8_t* codes, uint32_t c) noexcept nogil:
    return codes[c] if c < 0x10000 else 0


cdef int _scan(Scan* scan, const ucs_t* s, Py_ssize_t lo, Py_ssize_t hi) noexcept nogil:
    """The sentences of ``s[lo:hi]`` (rule 1; those of both scripts go to ``_clauses``)."""
    cdef const uint8_t* codes = scan.codes
    cdef Py_ssize_t i = lo, start, last_m, last_c, m_start, m_end
    cdef uint8_t f, seen
    cdef bint pair, several, open_clause
    while i < hi:
        start = i
        # Most sentences hold no minority character: to their end or the first one, nothing else looked at.
        while i < hi and not (_code(codes, s[i]) & (MINORITY | SENTENCE_END)):
            i += 1
        if i >= hi or not (_code(codes, s[i]) & MINORITY):
            i += 1  # past the sentence end
            continue
        i = start  # a minority character: the sentence read from its start
        seen = 0
        last_m = -1
        last_c = i - 1  # the last clause end inside the sentence
        m_start = m_end = -1  # the clause of the first minority character
        pair = several = open_clause = False
        while i < hi:
            f = _code(codes, s[i])
            if f:
                if f & SENTENCE_END:
                    break
                seen |= f
                if f & MINORITY:
                    if last_m < 0:
                        m_start = last_c + 1
                    elif last_c > last_m:
                        several = True  # minority characters in two clauses
                    elif i - last_m <= scan.max_gap and not (f & _code(codes, s[last_m]) & OWN):
                        pair = True  # (not two of the page's own words: see _loops_py's pair)
                    last_m = i
                    open_clause = True
                elif f & CLAUSE_END:
                    last_c = i
                    if open_clause:
                        m_end = i
                        open_clause = False
            i += 1
        if open_clause:
            m_end = i
        if (seen & MINORITY) and not (seen & scan.kana):
            if seen & MAJORITY:
                if _clauses(scan, s, start, i) < 0:
                    return -1
            elif (seen & STRONG) or pair:
                if several:
                    m_start, m_end = start, i
                if spans_add(&scan.whole, m_start, m_end, 0, 0, 2) < 0:
                    return -1
        i += 1  # past the sentence end
    return 0


cdef int _clauses(Scan* scan, const ucs_t* s, Py_ssize_t lo, Py_ssize_t hi) noexcept nogil:
    """The clauses of a sentence of both scripts, ``s[lo:hi]`` (rules 2 and 3)."""
    cdef const uint8_t* codes = scan.codes
    cdef Py_ssize_t i = lo, start, last_m, last_b, changing
    cdef uint8_t f, seen
    cdef bint pair, run
    while i <= hi:
        start = i
        seen = 0
        last_m = last_b = -1
        changing = 0
        pair = run = False  # two minority characters close enough; and with no majority one between
        while i < hi:
            f = _code(codes, s[i])
            if f & CLAUSE_END:
                break
            seen |= f
            if f & CHANGING:
                changing += 1
            if f & MINORITY:
                if last_m >= 0 and i - last_m <= scan.max_gap and not (f & _code(codes, s[last_m]) & OWN):
                    pair = True
                    if last_b < last_m:
                        run = True
                last_m = i
            elif f & MAJORITY:
                last_b = i
            i += 1
        if seen & MINORITY:
            if seen & MAJORITY:
                if run and _windows(scan, s, start, i) < 0:
                    return -1
            elif ((seen & STRONG) and changing >= scan.changes) or pair:
                if spans_add(&scan.whole, start, i, 0, 0, 2) < 0:
                    return -1
        i += 1  # past the clause end
    return 0


cdef int _windows(Scan* scan, const ucs_t* s, Py_ssize_t lo, Py_ssize_t hi) noexcept nogil:
    """The runs and lone minority characters of the clause ``s[lo:hi]``, each in its window."""
    cdef const uint8_t* codes = scan.codes
    cdef Py_ssize_t p = lo, first, last, k, a, b
    cdef uint8_t stops = MINORITY | MAJORITY | CLAUSE_END
    while p < hi:
        first = p
        while first < hi and not (_code(codes, s[first]) & MINORITY):
            first += 1
        if first >= hi:
            break
        a = first  # back over the characters a window reaches, never before p
        while a > p and first - a < scan.extend and (_code(codes, s[a - 1]) & (REACH | MINORITY)) == REACH:
            a -= 1
        last = first
        while True:  # the next minority character at most max_gap on, nothing that breaks a run between
            k = last + 1
            while k < hi and k - last <= scan.max_gap and not (_code(codes, s[k]) & stops):
                k += 1
            if k < hi and k - last <= scan.max_gap and (_code(codes, s[k]) & MINORITY):
                last = k
            else:
                break
        b = last + 1
        while b < hi and b - last - 1 < scan.extend and (_code(codes, s[b]) & (REACH | MINORITY)) == REACH:
            b += 1
        if spans_add(&scan.windows, a, first, last + 1, b, 4) < 0:
            return -1
        p = b
    return 0


cdef int _over(Scan* scan, int kind, const void* data, Py_ssize_t lo, Py_ssize_t hi) noexcept nogil:
    if kind == 1:
        return _scan(scan, <const uint8_t*>data, lo, hi)
    if kind == 2:
        return _scan(scan, <const uint16_t*>data, lo, hi)
    return _scan(scan, <const uint32_t*>data, lo, hi)


def units(str text, table, Py_ssize_t lo, Py_ssize_t hi, bint kana, Py_ssize_t max_gap, Py_ssize_t extend,
          Py_ssize_t changes):
    """The sentences and clauses to convert whole, and the windows of the
    runs, in ``text[lo:hi]`` (``lo`` a sentence start, ``hi`` a sentence end
    or the text's end), in text order; ``table``: the codes of one minority
    side (``_codes``); ``kana``: whether the text may hold kana (a sentence
    with kana converts nothing)."""
    cdef const uint8_t[:] cells = table
    if cells.shape[0] != TABLE_SIZE:
        raise ValueError("a code table has 65,536 cells")
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    lo, hi, _ = slice(lo, hi).indices(n)
    cdef Scan scan
    scan.codes = &cells[0]
    scan.max_gap, scan.extend, scan.changes = max_gap, extend, changes
    scan.kana = KANA if kana else 0
    spans_init(&scan.whole)
    spans_init(&scan.windows)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef int failed = 0
    try:
        if lo < hi:
            if hi - lo >= RELEASE_CHARS:
                with nogil:
                    failed = _over(&scan, kind, data, lo, hi)
            else:
                failed = _over(&scan, kind, data, lo, hi)
        if failed:
            raise MemoryError("the unit scan ran out of memory")
        whole = spans_list(&scan.whole, 2)
        windows = spans_list(&scan.windows, 4)
    finally:
        spans_free(&scan.whole)
        spans_free(&scan.windows)
    return whole, windows


def spliced(str text, list spans, str converted, list edits):
    """``text`` with each of ``spans`` replaced by the piece of ``converted``
    of its rank (the pieces joined by line breaks, none of which holds one)
    and ``edits`` made, ``(start, end, replacement)``; spans and edits
    sorted and disjoint, together.  ``text`` itself when there are none."""
    if not spans and not edits:
        if converted:
            raise ValueError("the converted pieces do not match the spans")
        return text
    PyUnicode_READY(text)
    PyUnicode_READY(converted)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyUnicode_GET_LENGTH(converted)
    cdef Py_ssize_t n_spans = len(spans), n_edits = len(edits), i = 0, j = 0
    cdef Py_ssize_t size = n + m - (n_spans - 1 if n_spans else 0), start, end, at = 0, piece = 0, stop, w = 0
    cdef Py_UCS4 bound = max(PyUnicode_MAX_CHAR_VALUE(text), PyUnicode_MAX_CHAR_VALUE(converted))
    for start, end in spans:
        size -= end - start
    for start, end, new in edits:
        size -= end - start - len(<str?>new)
        bound = max(bound, PyUnicode_MAX_CHAR_VALUE(new))
    if size < 0:
        raise ValueError("the spans and edits overlap")
    out = PyUnicode_New(size, bound)
    cdef tuple span, edit
    cdef bint from_spans
    while i < n_spans or j < n_edits:
        # The span first unless the edit is before it (as the tuples compare;
        # read as typed numbers: comparing a slice of each edit was most of
        # the splice's 2.5 ms on the zhwiki text).
        from_spans = j >= n_edits
        if not from_spans and i < n_spans:
            span, edit = <tuple?>spans[i], <tuple?>edits[j]
            start, end = span[0], edit[0]
            from_spans = start < end or (start == end and <Py_ssize_t>span[1] <= <Py_ssize_t>edit[1])
        if from_spans:
            start, end = spans[i]
            i += 1
            stop = PyUnicode_FindChar(converted, 10, piece, m, 1)
            if (stop < 0) != (i == n_spans):
                raise ValueError("the converted pieces do not match the spans")
            if stop < 0:
                stop = m
            new = None
        else:
            start, end, new = edits[j]
            j += 1
        if start < at or end < start or end > n or w + (start - at) > size:
            raise ValueError("the spans and edits must be sorted and disjoint, within the text")
        PyUnicode_CopyCharacters(out, w, text, at, start - at)
        w += start - at
        if w + (stop - piece if new is None else len(new)) > size:
            raise ValueError("the spans and edits must be sorted and disjoint, within the text")
        if new is None:
            PyUnicode_CopyCharacters(out, w, converted, piece, stop - piece)
            w += stop - piece
            piece = stop + 1
        else:
            PyUnicode_CopyCharacters(out, w, new, 0, len(new))
            w += len(new)
        at = end
    if n_spans == 0 and m:
        raise ValueError("the converted pieces do not match the spans")
    if w + n - at != size:
        raise ValueError("the spans and edits must be sorted and disjoint, within the text")
    PyUnicode_CopyCharacters(out, w, text, at, n - at)
    return _canonical(out, bound)


cdef bint _same(str a, Py_ssize_t i, str b, Py_ssize_t j, Py_ssize_t n):
    """Whether ``a[i:i + n] == b[j:j + n]``."""
    cdef int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b)
    cdef const void* da = PyUnicode_DATA(a)
    cdef const void* db = PyUnicode_DATA(b)
    cdef Py_ssize_t k
    for k in range(n):
        if PyUnicode_READ(ka, da, i + k) != PyUnicode_READ(kb, db, j + k):
            return False
    return True


def window_edits(str text, list windows, str converted):
    """Each window's edit from OpenCC's conversion of it (``converted``: the
    windows' pieces joined by line breaks): its run, ``(start, end, new)``,
    or the whole window where the conversion is not one character for one;
    and the windows, with their converted piece, whose edges the conversion
    changed, ``((a, start, end, b), new)``."""
    PyUnicode_READY(text)
    PyUnicode_READY(converted)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyUnicode_GET_LENGTH(converted), piece = 0, stop
    cdef Py_ssize_t a, start, end, b, k, count = len(windows)
    cdef tuple window
    edits, edges = [], []
    for k in range(count):
        window = <tuple?>windows[k]
        a, start, end, b = window
        if not (0 <= a <= start <= end <= b <= n):
            raise ValueError("a window must be (a, start, end, b) within the text")
        stop = PyUnicode_FindChar(converted, 10, piece, m, 1)
        if (stop < 0) != (k == count - 1):
            raise ValueError("the converted pieces do not match the windows")
        if stop < 0:
            stop = m
        if stop - piece != b - a:
            edits.append((a, b, converted[piece:stop]))
        else:
            edits.append((start, end, converted[piece + start - a : piece + end - a]))
            if not _same(converted, piece, text, a, start - a) or not _same(converted, piece + end - a, text, end, b - end):
                edges.append((window, converted[piece:stop]))
        piece = stop + 1
    if count == 0 and m:
        raise ValueError("the converted pieces do not match the windows")
    return edits, edges


cdef inline int _storage(Py_UCS4 c) noexcept nogil:
    """Which storage a string whose widest character is ``c`` takes."""
    return 0 if c < 0x80 else 1 if c < 0x100 else 2 if c < 0x10000 else 3


def joined(str text, list spans):
    """The pieces of ``text`` that ``spans`` cover, each ``(start, ...,
    end)`` (a span's first and last numbers: a unit's span or window),
    joined by line breaks: one string, written once in the storage its
    widest character needs (what OpenCC converts in one call)."""
    if not spans:
        return ""
    PyUnicode_READY(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), size = len(spans) - 1, start, end, w = 0, k
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 bound = 10 if size else 0, widest = PyUnicode_MAX_CHAR_VALUE(text), c
    cdef tuple span
    for span in spans:
        if len(span) < 2:
            raise ValueError("a span has a start and an end")
        start, end = span[0], span[len(span) - 1]
        if start < 0 or end < start or end > n:
            raise ValueError("a span must lie within the text")
        size += end - start
        if _storage(bound) < _storage(widest):  # a wider storage may still be needed
            for k in range(start, end):
                c = PyUnicode_READ(kind, data, k)
                if c > bound:
                    bound = c
                    if _storage(bound) == _storage(widest):
                        break
    out = PyUnicode_New(size, bound)
    cdef bint later = False, narrowed = bound < 0x80 and widest >= 0x80
    for span in spans:
        start, end = span[0], span[len(span) - 1]
        if later:
            PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), w, 10)
            w += 1
        later = True
        if narrowed:  # CPython refuses to copy from Latin-1 into ASCII storage, even ASCII characters
            for k in range(start, end):
                PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), w + k - start, PyUnicode_READ(kind, data, k))
        else:
            PyUnicode_CopyCharacters(out, w, text, start, end - start)
        w += end - start
    return out


cdef Py_ssize_t _first_above(const ucs_t* s, Py_ssize_t n, Py_UCS4 limit) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(n):
        if s[k] > limit:
            return k
    return -1


cdef str _canonical(str out, Py_UCS4 bound):
    """``out``, written with storage for ``bound``, in the storage its own
    characters need (what ``str`` requires of every string): the first wide
    character found tells, mostly within a few characters (a loop typed by
    the storage: the zhwiki text's few astral characters come late)."""
    cdef Py_UCS4 narrower = 0xFFFF if bound > 0xFFFF else 0xFF if bound > 0xFF else 0x7F if bound > 0x7F else 0x10FFFF
    cdef int kind = PyUnicode_KIND(out)
    cdef void* data = PyUnicode_DATA(out)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(out), found
    if narrower == 0x10FFFF:
        return out
    if kind == 1:
        found = _first_above(<const uint8_t*>data, n, narrower)
    elif kind == 2:
        found = _first_above(<const uint16_t*>data, n, narrower)
    else:
        found = _first_above(<const uint32_t*>data, n, narrower)
    return out if found >= 0 else PyUnicode_FromKindAndData(kind, data, n)
