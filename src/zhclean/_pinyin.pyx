"""Cython kernel: strip inline pinyin annotations (see ``_pinyin_py.py``).

The rules are those of the pure-Python twin, which is the readable
reference; this module applies them to the string's own PEP 393 storage
(2- or 4-byte code units; a 1-byte string holds no Han character and is
returned at once), with every table in C arrays so the scan touches no
Python object per character and can run without the GIL.
"""
from cpython.unicode cimport PyUnicode_Check
from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy

from . import _pinyin_tables as _tables

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    uint32_t PyUnicode_MAX_CHAR_VALUE(object)
    object PyUnicode_New(Py_ssize_t size, uint32_t maxchar)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND

ctypedef fused ucs_t:
    uint16_t
    uint32_t

cdef enum:
    MAX_GROUP = 16      # _pinyin_tables.MAX_GROUP
    MAX_SYLLABLE = 6    # _pinyin_tables.MAX_SYLLABLE
    # Inputs at least this long are scanned without the GIL, so threads
    # cleaning different documents run in parallel; shorter ones are not
    # worth the switch.
    NOGIL_THRESHOLD = 1 << 15
    BMP_BASE = 0x3000   # readings of BMP characters are indexed from here

# --- tables, filled once by _load_tables() -------------------------------
cdef uint8_t _letter[0x300]        # cp -> letter | 0x80 if it carries a tone
cdef uint8_t _tone_mark[0x70]      # combining mark - 0x300 -> 1 tone, 2 diaeresis, 3 circumflex
cdef uint32_t _high_cp[8]          # marked letters above U+02FF (ḿ, ế, ...)
cdef uint8_t _high_letter[8]
cdef int _n_high = 0
cdef uint32_t* _syllables = NULL   # sorted syllable codes
cdef Py_ssize_t _n_syllables = 0
cdef uint32_t* _bmp_offsets = NULL # readings of cp in [BMP_BASE, 0x10000): _codes[off[i]:off[i+1]]
cdef uint32_t* _astral_cps = NULL  # sorted astral code points with readings
cdef uint32_t* _astral_offsets = NULL
cdef Py_ssize_t _n_astral = 0
cdef uint32_t* _codes = NULL       # reading codes, grouped by character
cdef uint32_t* _zhuyin_keys = NULL # sorted zhuyin codes
cdef uint32_t* _zhuyin_offsets = NULL
cdef uint32_t* _zhuyin_codes = NULL
cdef Py_ssize_t _n_zhuyin = 0
cdef bint _ready = False


cdef uint32_t _syllable_code(str key):
    """Pack up to six letters a-z into 30 bits, 5 bits a letter."""
    cdef uint32_t code = 0
    for ch in key:
        code = code * 32 + (ord(ch) - 96)
    return code


cdef uint32_t _zhuyin_code(str key):
    cdef uint32_t code = 0
    for ch in key:
        code = code * 128 + _zhuyin_index(ord(ch))
    return code


cdef inline uint32_t _zhuyin_index(uint32_t c) noexcept nogil:
    if 0x3105 <= c <= 0x312F:
        return c - 0x3104
    if 0x31A0 <= c <= 0x31BF:
        return c - 0x31A0 + 44
    return 0


cdef uint32_t* _array(Py_ssize_t n) except NULL:
    cdef uint32_t* p = <uint32_t*>malloc((n if n > 0 else 1) * sizeof(uint32_t))
    if p == NULL:
        raise MemoryError()
    return p


cdef int _load_tables() except -1:
    """Copy the shared tables into C arrays (once; the GIL is held)."""
    global _syllables, _n_syllables, _bmp_offsets, _astral_cps, _astral_offsets
    global _n_astral, _codes, _zhuyin_keys, _zhuyin_offsets, _zhuyin_codes
    global _n_zhuyin, _n_high, _ready
    cdef Py_ssize_t i, pos
    if _ready:
        return 0
    t = _tables.reading_tables()
    for i in range(0x300):
        _letter[i] = 0
    for i in range(26):
        _letter[0x41 + i] = 0x61 + i
        _letter[0x61 + i] = 0x61 + i
    for i in range(0x70):
        _tone_mark[i] = 0
    for mark in _tables.TONE_MARKS:
        _tone_mark[mark - 0x300] = 1
    _tone_mark[_tables.DIAERESIS - 0x300] = 2
    _tone_mark[_tables.CIRCUMFLEX - 0x300] = 3
    _n_high = 0
    for cp, (letter, tonal) in sorted(_tables.MARKED_LETTERS.items()):
        value = ord(letter) | (0x80 if tonal else 0)
        if cp < 0x300:
            _letter[cp] = value
        else:
            if _n_high == 8:
                raise RuntimeError("too many marked letters above U+02FF")
            _high_cp[_n_high] = cp
            _high_letter[_n_high] = value
            _n_high += 1

    syllables = sorted(_syllable_code(s) for s in t.syllables)
    _syllables = _array(len(syllables))
    for i, code in enumerate(syllables):
        _syllables[i] = code
    _n_syllables = len(syllables)

    total = sum(len(v) for v in t.readings.values())
    _codes = _array(total)
    _bmp_offsets = _array(0x10000 - BMP_BASE + 1)
    astral = sorted(cp for cp in t.readings if cp >= 0x10000)
    _astral_cps = _array(len(astral))
    _astral_offsets = _array(len(astral) + 1)
    pos = 0
    for i in range(0x10000 - BMP_BASE):
        _bmp_offsets[i] = pos
        for key in t.readings.get(BMP_BASE + i, ()):
            _codes[pos] = _syllable_code(key)
            pos += 1
    _bmp_offsets[0x10000 - BMP_BASE] = pos
    for i, cp in enumerate(astral):
        _astral_cps[i] = cp
        _astral_offsets[i] = pos
        for key in t.readings[cp]:
            _codes[pos] = _syllable_code(key)
            pos += 1
    _astral_offsets[len(astral)] = pos
    _n_astral = len(astral)

    spellings = sorted((_zhuyin_code(k), v) for k, v in t.zhuyin.items())
    _zhuyin_keys = _array(len(spellings))
    _zhuyin_offsets = _array(len(spellings) + 1)
    _zhuyin_codes = _array(sum(len(v) for _, v in spellings))
    pos = 0
    for i, (code, keys) in enumerate(spellings):
        _zhuyin_keys[i] = code
        _zhuyin_offsets[i] = pos
        for key in keys:
            _zhuyin_codes[pos] = _syllable_code(key)
            pos += 1
    _zhuyin_offsets[len(spellings)] = pos
    _n_zhuyin = len(spellings)
    _ready = True
    return 0


# --- character classes (mirroring _pinyin_tables) -----------------------
cdef inline bint _is_han(uint32_t c) noexcept nogil:
    if c < 0x3007:
        return False
    return (
        c == 0x3007
        or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0x20000 <= c <= 0x2FA1F
        or 0x30000 <= c <= 0x323AF
    )


cdef inline bint _is_open(uint32_t c) noexcept nogil:
    return c == 0x28 or c == 0xFF08


cdef inline bint _is_zhuyin_tone(uint32_t c) noexcept nogil:
    return c == 0x02C9 or c == 0x02CA or c == 0x02C7 or c == 0x02CB or c == 0x02D9


cdef inline Py_ssize_t _bsearch(const uint32_t* keys, Py_ssize_t n, uint32_t key) noexcept nogil:
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < n and keys[lo] == key:
        return lo
    return -1


cdef inline bint _has_reading(uint32_t han, uint32_t code) noexcept nogil:
    cdef Py_ssize_t i, start, stop
    if BMP_BASE <= han < 0x10000:
        start = _bmp_offsets[han - BMP_BASE]
        stop = _bmp_offsets[han - BMP_BASE + 1]
    elif han >= 0x10000:
        i = _bsearch(_astral_cps, _n_astral, han)
        if i < 0:
            return False
        start = _astral_offsets[i]
        stop = _astral_offsets[i + 1]
    else:
        return False
    for i in range(start, stop):
        if _codes[i] == code:
            return True
    return False


cdef inline uint8_t _letter_of(uint32_t c) noexcept nogil:
    cdef int i
    if c < 0x300:
        return _letter[c]
    for i in range(_n_high):
        if _high_cp[i] == c:
            return _high_letter[i]
    return 0


# --- the rules ------------------------------------------------------------
cdef Py_ssize_t _group_end(const ucs_t* s, Py_ssize_t n, Py_ssize_t pos,
                           uint32_t han, bint by_reading) noexcept nogil:
    """If an annotation group of ``han`` opens at ``pos``, where it ends; else -1."""
    cdef uint32_t close = 0x29 if s[pos] == 0x28 else 0xFF09
    cdef Py_ssize_t limit = pos + 2 + MAX_GROUP
    cdef Py_ssize_t stop = -1, k, a, b, i
    cdef uint32_t c, first
    cdef uint8_t v
    cdef char letters[MAX_SYLLABLE + 1]
    cdef int nl = 0
    cdef bint tonal = False
    cdef uint32_t code = 0
    if limit > n:
        limit = n
    for k in range(pos + 1, limit):
        if s[k] == close:
            stop = k
            break
    if stop < 0:
        return -1
    first = s[pos + 1] if stop > pos + 1 else 0

    if _zhuyin_index(first) or _is_zhuyin_tone(first):
        a = pos + 1
        b = stop
        if _is_zhuyin_tone(s[a]):
            a += 1
        elif _is_zhuyin_tone(s[b - 1]):
            b -= 1
        if b - a < 1 or b - a > 4:
            return -1
        for k in range(a, b):
            v = _zhuyin_index(s[k])
            if not v:
                return -1
            code = code * 128 + v
        i = _bsearch(_zhuyin_keys, _n_zhuyin, code)
        if i < 0:
            return -1
        if not by_reading:
            return stop + 1
        for k in range(_zhuyin_offsets[i], _zhuyin_offsets[i + 1]):
            if _has_reading(han, _zhuyin_codes[k]):
                return stop + 1
        return -1

    for k in range(pos + 1, stop):
        c = s[k]
        if c < 0x80:
            v = _letter[c]
            if v:
                letters[nl] = <char>v
                nl += 1
            elif c == 0x3A:  # "u:" spells ü
                if not (nl and letters[nl - 1] == b'u' and (s[k - 1] == 0x75 or s[k - 1] == 0x55)):
                    return -1
                letters[nl - 1] = b'v'
            elif 0x30 <= c <= 0x35:  # tone digit, only last
                if k != stop - 1 or nl == 0:
                    return -1
                tonal = True
            else:
                return -1
        elif 0x300 <= c <= 0x36F:
            if nl == 0:
                return -1
            v = _tone_mark[c - 0x300]
            if v == 1:
                tonal = True
            elif v == 2:
                if letters[nl - 1] != b'u':
                    return -1
                letters[nl - 1] = b'v'
            elif v != 3:
                return -1
        else:
            v = _letter_of(c)
            if not v:
                return -1
            letters[nl] = <char>(v & 0x7F)
            nl += 1
            if v & 0x80:
                tonal = True
        if nl > MAX_SYLLABLE:
            return -1
    if nl == 0:
        return -1
    if nl > 1 and letters[1] == b'v' and (
        letters[0] == b'j' or letters[0] == b'q' or letters[0] == b'x' or letters[0] == b'y'
    ):
        letters[1] = b'u'  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    for k in range(nl):
        code = code * 32 + <uint32_t>(letters[k] - 96)
    if _has_reading(han, code):
        return stop + 1
    # Syllable mode: any syllable but a bare toneless letter (方案(a)).
    if not by_reading and (tonal or nl > 1) and _bsearch(_syllables, _n_syllables, code) >= 0:
        return stop + 1
    return -1


cdef inline Py_ssize_t _run_end(const ucs_t* s, Py_ssize_t n, Py_ssize_t start,
                                bint by_reading) noexcept nogil:
    """Where the run of annotation groups opening at ``start`` ends (``start`` if none)."""
    cdef Py_ssize_t end = start, g
    cdef uint32_t han
    if start < 1 or start >= n:
        return end
    han = s[start - 1]
    if not _is_han(han):
        return end
    while end < n and _is_open(s[end]):
        g = _group_end(s, n, end, han, by_reading)
        if g < 0:
            break
        end = g
    return end


cdef extern from "_pinyin_scan.h":
    Py_ssize_t zhclean_next_open_u16(const uint16_t* s, Py_ssize_t n, Py_ssize_t i) nogil


cdef inline Py_ssize_t _next_open(const ucs_t* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """Index of the next ( or （ at or after ``i``, or ``n``."""
    cdef Py_ssize_t k
    cdef int hit
    cdef Py_ssize_t near
    if ucs_t is uint16_t:
        # In annotated text the next ( is a few characters on: look there
        # first, then hand the long clean stretches to the vector scan (in
        # C, built for the widest vectors the machine has: see the header).
        near = i + 16 if i + 16 < n else n
        while i < near:
            if s[i] == 0x28 or s[i] == 0xFF08:
                return i
            i += 1
        return zhclean_next_open_u16(s, n, i)
    # Clean text is the common case: test 32 code units per step with no
    # early exit, which the C compiler turns into vector compares.
    while i + 32 <= n:
        hit = 0
        for k in range(32):
            hit |= (s[i + k] == 0x28) | (s[i + k] == 0xFF08)
        if hit:
            break
        i += 32
    while i < n:
        if s[i] == 0x28 or s[i] == 0xFF08:
            return i
        i += 1
    return n


cdef Py_ssize_t _find_runs(const ucs_t* s, Py_ssize_t n, bint by_reading,
                           Py_ssize_t** spans_out) noexcept nogil:
    """Collect [start, end) spans to delete; returns their count, or -1 on no memory."""
    cdef Py_ssize_t* spans = NULL
    cdef Py_ssize_t* grown
    cdef Py_ssize_t count = 0, capacity = 0
    cdef Py_ssize_t search_from = 0, chained_han = -1, p, end
    while True:
        p = _next_open(s, n, search_from + 1)
        if p >= n:
            break
        if not _is_han(s[p - 1]):
            search_from = p
            continue
        end = _run_end(s, n, p, by_reading)
        if end == p:
            search_from = p
            continue
        # The flattener's space between annotated characters; see the twin.
        if (end + 1 < n and s[end] == 0x20 and _is_han(s[end + 1])
                and (p - 1 == chained_han or _run_end(s, n, end + 2, by_reading) > end + 2)):
            end += 1
            chained_han = end
        if count == capacity:
            capacity = 64 if capacity == 0 else capacity * 2
            grown = <Py_ssize_t*>realloc(spans, capacity * 2 * sizeof(Py_ssize_t))
            if grown == NULL:
                free(spans)
                return -1
            spans = grown
        spans[2 * count] = p
        spans[2 * count + 1] = end
        count += 1
        search_from = end
    spans_out[0] = spans
    return count


cdef void _copy_kept(const char* src, char* dst, int kind, Py_ssize_t n,
                     const Py_ssize_t* spans, Py_ssize_t count) noexcept nogil:
    cdef Py_ssize_t i, kept_from = 0, out = 0, length
    for i in range(count + 1):
        length = (spans[2 * i] if i < count else n) - kept_from
        memcpy(dst + out * kind, src + kept_from * kind, length * kind)
        out += length
        if i < count:
            kept_from = spans[2 * i + 1]


def strip_pinyin(text, *, verify="reading"):
    """Remove inline pinyin (or zhuyin) annotations from ``text``.

    ``verify="reading"`` removes a group only when its syllable is a reading
    of the character it follows; ``verify="syllable"`` removes any Mandarin
    syllable of two or more letters (or with a tone).  Returns ``text``
    itself when there is nothing to remove.

    >>> strip_pinyin("省(sheng)委(wei)書(shu)(shu)記")
    '省委書記'
    >>> strip_pinyin("以縣(xian)(xian)(市、區)為單位")
    '以縣(市、區)為單位'
    >>> strip_pinyin("(記者 張冰) 钢笔(pen)")
    '(記者 張冰) 钢笔(pen)'
    """
    if not PyUnicode_Check(text):
        raise TypeError(
            f"strip_pinyin() expects str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8')"
        )
    if verify != "reading" and verify != "syllable":
        raise ValueError(f"verify must be 'reading' or 'syllable', not {verify!r}")
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return text  # Latin-1 only: no Han character, so no annotation
    if not _ready:
        _load_tables()
    cdef bint by_reading = verify == "reading"
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const char* data = <const char*>PyUnicode_DATA(text)
    cdef Py_ssize_t* spans = NULL
    cdef Py_ssize_t count, removed = 0, i
    cdef bint release = n >= NOGIL_THRESHOLD
    if release:
        with nogil:
            count = _scan(data, kind, n, by_reading, &spans)
    else:
        count = _scan(data, kind, n, by_reading, &spans)
    if count < 0:
        raise MemoryError()
    if count == 0:
        return text
    try:
        for i in range(count):
            removed += spans[2 * i + 1] - spans[2 * i]
        # Only BMP characters are ever removed and the Han character before
        # every run stays, so the result needs the same storage width.
        result = PyUnicode_New(n - removed, PyUnicode_MAX_CHAR_VALUE(text))
        out = <char*>PyUnicode_DATA(result)
        if release:
            with nogil:
                _copy_kept(data, out, kind, n, spans, count)
        else:
            _copy_kept(data, out, kind, n, spans, count)
    finally:
        free(spans)
    return result


cdef Py_ssize_t _scan(const char* data, int kind, Py_ssize_t n, bint by_reading,
                      Py_ssize_t** spans) noexcept nogil:
    if kind == 2:
        return _find_runs(<const uint16_t*>data, n, by_reading, spans)
    return _find_runs(<const uint32_t*>data, n, by_reading, spans)
