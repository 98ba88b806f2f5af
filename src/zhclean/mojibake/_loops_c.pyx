"""The mojibake loops, compiled: the twin of ``_loops_py.py``.

Every per-character loop of the repair runs here over the string's own
PEP 393 storage with 64 KiB tables: the scan for regions worth a look, the
statistics the plausibility test reads, each character's class, the
collapsing of loss runs and the single-byte encoder; the re-reading of GBK and Big5 read as each other with
losses is ``_resync_c``, the reading of the crawlers' mixture ``_hybrid_c``
and the screen of regions ``_screen_c`` (which reads this module's tables,
declared in ``_loops_c.pxd``), all re-exported here so
that this module is the whole set of loops.  Clean text, the common case, costs one table lookup per
character.  This module imports only tables (``tables``, ``charsets``,
``records``); the repair that calls it receives it as an argument.
"""
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New
from libc.stdint cimport int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t
from libc.stdlib cimport calloc, free

from zhclean._spans cimport spans_add, spans_free, spans_init, spans_list
from zhclean._unicode cimport PyUnicode_IS_ASCII, PyUnicode_MAX_CHAR_VALUE, PyUnicode_READ, PyUnicode_READY

from .._lazy import Lazy
from . import tables as _tables
from .charsets import CP1252_EXTRAS
from .records import TextStats

from ._hybrid_c import hybrid_path  # the crawlers' mixture: a loops module of its own
from ._resync_c import _lead_trail, resync  # the re-reading: a loops module of its own
from ._resync_c import _mirrors as _resync_mirrors

cdef extern from "Python.h":
    object PyBytes_FromStringAndSize(const char*, Py_ssize_t)
    char* PyBytes_AS_STRING(object)

# SCAN_RELEASE_CHARS: when the scan releases the GIL (_loops_c.pxd).


# --- tables, built once per process by _build() ----------------------------
# (Tables, the character classes and SUSPECT, LEAD, CONTINUATION: _loops_c.pxd)
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


cdef const Tables* _tables_ready() except NULL:
    global _T
    if _T == NULL:
        _T = (<_CTables>_TABLES.get()).t
    return _T


def _mirrors():
    """What the loops mirror of ``tables`` and ``charsets``, for the test that compares them."""
    return {**_resync_mirrors(), "SUSPECT": SUSPECT, "LEAD": LEAD, "CONTINUATION": CONTINUATION}


# --- the scan ---------------------------------------------------------------
cdef inline void _push(const Tables* t, const ucs_t* s, Regions* r, Py_ssize_t first,
                       Py_ssize_t last, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t start = first - t.pad_before, end = last + t.pad_after
    if start < 0:
        start = 0
    if end > n:
        end = n
    # Losses at the edges belong to the damage: take them in whole.
    while start > 0 and s[start - 1] == 0xFFFD:
        start -= 1
    while end < n and s[end] == 0xFFFD:
        end += 1
    if r.spans.used and start <= r.spans.items[r.spans.used - 1]:
        r.spans.items[r.spans.used - 1] = end
    elif spans_add(&r.spans, start, end, 0, 0, 2) < 0:
        r.failed = True


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
            # Hangul syllable is one, and nearly every Cyrillic letter, a lead
            # too: a suspect's own lead or continuation bit changes nothing
            # here, only ``previous`` for the next) and characters with no
            # bit at all; U+FFFD and a lead or continuation that is no
            # suspect take the general way below.
            while i < n:
                c = s[i]
                bits = t.scan[c] if 0x80 <= c < 0x10000 else 0
                if (bits & (LEAD | CONTINUATION) and not bits & SUSPECT) or c == 0xFFFD:
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
    regions_init(&r)
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
        return spans_list(&r.spans, 2)
    finally:
        spans_free(&r.spans)


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


cdef void _classes(const Tables* t, const ucs_t* s, Py_ssize_t n, uint8_t* out) noexcept nogil:
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(n):
        c = s[i]
        out[i] = t.classes[c] if 0x80 <= c < 0x10000 else 0


def class_bytes(text):
    """The frequency class of each character of ``text``, one byte each
    (ASCII and astral characters 0)."""
    PyUnicode_READY(text)
    cdef const Tables* t = _tables_ready()
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const void* data = PyUnicode_DATA(text)
    result = PyBytes_FromStringAndSize(NULL, n)
    cdef uint8_t* out = <uint8_t*>PyBytes_AS_STRING(result)
    if kind == 1:
        _classes(t, <const uint8_t*>data, n, out)
    elif kind == 2:
        _classes(t, <const uint16_t*>data, n, out)
    else:
        _classes(t, <const uint32_t*>data, n, out)
    return result


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
                              uint8_t* out, int others) noexcept nogil:
    """Write each character's byte, ``others`` (0-255) for one that has none;
    with ``others`` -1, the index of the first that has none, or -1."""
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(n):
        c = s[i]
        if c >= 0x10000 or t.byte_of[c] < 0:
            if others < 0:
                return i
            out[i] = <uint8_t>others
            continue
        out[i] = <uint8_t>t.byte_of[c]
    return -1


def encode_single_byte(text, int others=-1):
    """The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    ``text``; UnicodeEncodeError at the first character none of them makes,
    or with ``others`` (a byte), that byte for each such character."""
    if others > 0xFF:
        raise ValueError("others: a byte (0-255), or -1")
    PyUnicode_READY(text)
    cdef const Tables* t = _tables_ready()
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), bad
    cdef const void* data = PyUnicode_DATA(text)
    result = PyBytes_FromStringAndSize(NULL, n)
    cdef uint8_t* out = <uint8_t*>PyBytes_AS_STRING(result)
    if kind == 1:
        bad = _single_bytes(t, <const uint8_t*>data, n, out, others)
    elif kind == 2:
        bad = _single_bytes(t, <const uint16_t*>data, n, out, others)
    else:
        bad = _single_bytes(t, <const uint32_t*>data, n, out, others)
    if bad >= 0:
        raise UnicodeEncodeError("windows-1252", text, bad, bad + 1, "no single-byte decoder makes this character")
    return result


# --- the screen: a loops module of its own (_screen_c), re-exported here ---------
from ._screen_c import scan_and_screen, screen, word_windows


# --- the browsers' GBK: which bytes each € was --------------------------------

cdef int _utf8_replacements(const uint8_t* d, int n, bint* ends_replaced) noexcept nogil:
    """How many U+FFFD ``d[:n].decode("utf-8", "replace")`` holds (Python's
    decoder: one for each maximal subpart of a broken sequence, as Unicode
    recommends, and a well-formed EF BF BD is one too); ``ends_replaced``:
    whether the last character decoded is one."""
    cdef int i = 0, j, k, need, count = 0
    cdef uint8_t b, c, lo, hi
    cdef bint last = False
    while i < n:
        b = d[i]
        if b < 0x80:
            last = False
            i += 1
            continue
        lo, hi = 0x80, 0xBF
        if 0xC2 <= b <= 0xDF:
            need = 1
        elif 0xE0 <= b <= 0xEF:
            need = 2
            if b == 0xE0:
                lo = 0xA0
            elif b == 0xED:
                hi = 0x9F
        elif 0xF0 <= b <= 0xF4:
            need = 3
            if b == 0xF0:
                lo = 0x90
            elif b == 0xF4:
                hi = 0x8F
        else:  # a continuation byte, C0, C1 or F5-FF: one byte, one U+FFFD
            count += 1
            last = True
            i += 1
            continue
        j = i + 1
        k = 0
        while k < need:
            if j >= n:
                break  # cut short by the end: one U+FFFD for what there is
            c = d[j]
            if not (lo <= c <= hi):
                break
            lo, hi = 0x80, 0xBF
            j += 1
            k += 1
        if k < need:
            count += 1
            last = True
        else:  # well formed: U+FFFD itself is EF BF BD
            last = need == 2 and b == 0xEF and d[i + 1] == 0xBF and d[i + 2] == 0xBD
            count += last
        i = j
    ends_replaced[0] = last
    return count


cdef int _gb_bytes(Py_UCS4 ch, const int32_t* table, uint8_t* out) noexcept nogil:
    """``ch``'s bytes in ``table`` (charsets.encode_table): their count (1 or
    2), 0 for none (a loss, U+FFFD, or a lone surrogate), -1 for bytes this
    loop does not look at (four of them, or a character past the BMP)."""
    cdef int32_t v
    if ch == 0xFFFD or 0xD800 <= ch <= 0xDFFF:
        return 0
    if ch >= 0x10000:
        return -1
    v = table[ch]
    if v < 0:
        return -1
    if v < 0x100:
        out[0] = <uint8_t>v
        return 1
    out[0] = <uint8_t>((v >> 8) & 0xFF)
    out[1] = <uint8_t>(v & 0xFF)
    return 2


def euro_choices(text, encoded, bint pair_first, stand_in):
    """For each € of ``text`` in turn, the bytes the browsers' GBK read it
    from, as ``cuts._web_gbk`` chooses them: 0 for byte 80, 1 for A2 E3, 2
    where that choice is left to the caller (a neighbour of four bytes or
    past the BMP, or a € before it left so).  ``encoded``: the gb18030
    encode table (charsets.encode_table); ``pair_first``: A2 E3 wins a tie
    (the text shows losses); ``stand_in``: the loss stand-in, which ends
    what follows a € as a loss does."""
    PyUnicode_READY(text)
    cdef const int32_t[::1] table = encoded
    if table.shape[0] < 0x10000:
        raise ValueError("encoded covers the Basic Plane")
    cdef const int32_t* t = &table[0]
    cdef Py_UCS4 loss_stand_in = ord(stand_in), ch
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), k, j
    cdef bytearray found = bytearray()
    # The last three € met: where, and what was chosen for each (a € among
    # the three characters before another is read as its choice).
    cdef Py_ssize_t[3] euro_at
    cdef int[3] euro_choice
    cdef int m, choice, size, errors, best, best_errors, option, n_before, n_after, skip, met = 0
    cdef uint8_t before[8]
    cdef uint8_t after[8]
    cdef uint8_t piece[2]
    cdef bint open_end, undecided, replaced
    for k in range(n):
        if PyUnicode_READ(kind, data, k) != 0x20AC:
            continue
        undecided = False
        n_before = 0
        for j in range(max(0, k - 3), k):
            choice = -1
            for m in range(3):
                if m < met and euro_at[m] == j:
                    choice = euro_choice[m]
            if choice >= 0:
                if choice == 2:
                    undecided = True
                    break
                if choice == 0:
                    size = 1
                    piece[0] = 0x80
                else:
                    size = 2
                    piece[0] = 0xA2
                    piece[1] = 0xE3
            else:
                size = _gb_bytes(PyUnicode_READ(kind, data, j), t, piece)
                if size < 0:
                    undecided = True
                    break
            if size:
                before[n_before] = piece[0]
                if size == 2:
                    before[n_before + 1] = piece[1]
                n_before += size
        n_after = 0
        open_end = False
        if not undecided:
            for j in range(k + 1, min(n, k + 4)):
                ch = PyUnicode_READ(kind, data, j)
                size = 0 if ch == loss_stand_in else _gb_bytes(ch, t, piece)
                if size < 0:
                    undecided = True
                    break
                if size == 0:  # a loss (or its stand-in): what follows may have lost bytes
                    open_end = True
                    break
                after[n_after] = piece[0]
                if size == 2:
                    after[n_after + 1] = piece[1]
                n_after += size
        choice = 2
        if not undecided:
            skip = n_before - 6 if n_before > 6 else 0  # the last six bytes before it
            best, best_errors = -1, 0
            for option in range(2):
                choice = (1 - option) if pair_first else option  # 0: byte 80, 1: A2 E3
                errors = _window_errors(before + skip, n_before - skip, choice, after, n_after, &replaced)
                errors -= open_end and replaced
                if best < 0 or errors < best_errors:
                    best, best_errors = choice, errors
                if errors == 0:
                    break  # none can do better, and the first wins a tie
            choice = best
        found.append(choice)
        euro_at[met % 3] = k
        euro_choice[met % 3] = choice
        met += 1
    return bytes(found)


cdef int _window_errors(const uint8_t* before, int n_before, int choice, const uint8_t* after, int n_after,
                        bint* replaced) noexcept:
    """The U+FFFD of before + the €'s bytes (``choice``) + after, decoded as UTF-8."""
    cdef uint8_t joined[16]
    cdef int n = 0, j
    for j in range(n_before):
        joined[n] = before[j]
        n += 1
    if choice == 0:
        joined[n] = 0x80
        n += 1
    else:
        joined[n] = 0xA2
        joined[n + 1] = 0xE3
        n += 2
    for j in range(n_after):
        joined[n] = after[j]
        n += 1
    return _utf8_replacements(joined, n, replaced)
