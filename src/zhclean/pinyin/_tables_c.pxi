# The compiled loops' tables: every fact of ``tables`` the loops use, in C
# arrays built once per process (through the one lazy loader, published only
# when complete).  Included into _loops_c.pyx.

cdef struct Tables:
    uint16_t letter[0x300]      # cp -> letter | LETTER_TONE | LETTER_UPPER
    uint8_t tone_mark[0x70]     # combining mark - 0x300 -> 1 tone, 2 diaeresis, 3 circumflex
    uint32_t high_cp[8]         # marked letters above U+02FF (ḿ, ế, ...)
    uint16_t high_letter[8]
    int n_high
    uint32_t labels[MAX_LABELS][MAX_LABEL_LENGTH]   # tables.LABELS (ASCII ones lower case)
    int label_len[MAX_LABELS]
    int n_labels
    uint32_t* syllables         # sorted syllable codes
    Py_ssize_t n_syllables
    uint32_t* bmp_offsets       # readings of cp in [BMP_BASE, 0x10000): codes[off[i]:off[i+1]]
    uint32_t* astral_cps        # sorted astral code points with readings
    uint32_t* astral_offsets
    Py_ssize_t n_astral
    uint32_t* codes             # reading codes, grouped by character
    uint32_t* zhuyin_keys       # sorted zhuyin codes
    uint32_t* zhuyin_offsets
    uint32_t* zhuyin_codes
    Py_ssize_t n_zhuyin
    uint32_t symbol_cp[MAX_SYMBOLS]    # tables.SYMBOL_AFTER: a character,
    uint32_t symbol_code[MAX_SYMBOLS]  # and its symbol, first << 16 | second
    int n_symbols


cdef class _CTables:
    """Owns one complete Tables; published through the lazy loader."""
    cdef Tables* t

    def __dealloc__(self):
        if self.t != NULL:
            free(self.t.syllables)
            free(self.t.bmp_offsets)
            free(self.t.astral_cps)
            free(self.t.astral_offsets)
            free(self.t.codes)
            free(self.t.zhuyin_keys)
            free(self.t.zhuyin_offsets)
            free(self.t.zhuyin_codes)
            free(self.t)


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
    # Mirrors tables.is_zhuyin_letter (compared by a test).
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


def _build():
    """Every table in C arrays, complete before anyone can see it."""
    cdef _CTables owner = _CTables.__new__(_CTables)
    cdef Tables* t = <Tables*>calloc(1, sizeof(Tables))
    cdef Py_ssize_t i, pos
    if t == NULL:
        raise MemoryError()
    owner.t = t  # freed with owner if anything below raises
    readings = _tables.reading_tables()
    for i in range(26):
        t.letter[0x41 + i] = (0x61 + i) | LETTER_UPPER
        t.letter[0x61 + i] = 0x61 + i
    for mark in _tables.TONE_MARKS:
        t.tone_mark[mark - 0x300] = 1
    t.tone_mark[_tables.DIAERESIS - 0x300] = 2
    t.tone_mark[_tables.CIRCUMFLEX - 0x300] = 3
    for cp, (letter, tonal) in sorted(_tables.MARKED_LETTERS.items()):
        value = ord(letter) | (LETTER_TONE if tonal else 0) | (LETTER_UPPER if cp in _tables.UPPER_MARKED else 0)
        if cp < 0x300:
            t.letter[cp] = value
        else:
            if t.n_high == 8:
                raise RuntimeError("too many marked letters above U+02FF")
            t.high_cp[t.n_high] = cp
            t.high_letter[t.n_high] = value
            t.n_high += 1
    if len(_tables.LABELS) > MAX_LABELS:
        raise RuntimeError("too many labels")
    for i, label in enumerate(_tables.LABELS):
        if len(label) > MAX_LABEL_LENGTH:
            raise RuntimeError(f"label {label!r} too long")
        for pos, ch in enumerate(label):
            t.labels[i][pos] = ord(ch)
        t.label_len[i] = len(label)
    t.n_labels = len(_tables.LABELS)
    if len(_tables.SYMBOL_AFTER) > MAX_SYMBOLS:
        raise RuntimeError("tables.SYMBOL_AFTER outgrew MAX_SYMBOLS")
    for i, (han, symbol) in enumerate(sorted(_tables.SYMBOL_AFTER.items())):
        t.symbol_cp[i] = ord(han)
        t.symbol_code[i] = ord(symbol[0]) << 16 | ord(symbol[1])
    t.n_symbols = len(_tables.SYMBOL_AFTER)

    syllables = sorted(_syllable_code(s) for s in readings.syllables)
    t.syllables = _array(len(syllables))
    for i, code in enumerate(syllables):
        t.syllables[i] = code
    t.n_syllables = len(syllables)

    total = sum(len(v) for v in readings.readings.values())
    t.codes = _array(total)
    t.bmp_offsets = _array(0x10000 - BMP_BASE + 1)
    astral = sorted(cp for cp in readings.readings if cp >= 0x10000)
    t.astral_cps = _array(len(astral))
    t.astral_offsets = _array(len(astral) + 1)
    pos = 0
    for i in range(0x10000 - BMP_BASE):
        t.bmp_offsets[i] = pos
        for key in readings.readings.get(BMP_BASE + i, ()):
            t.codes[pos] = _syllable_code(key)
            pos += 1
    t.bmp_offsets[0x10000 - BMP_BASE] = pos
    for i, cp in enumerate(astral):
        t.astral_cps[i] = cp
        t.astral_offsets[i] = pos
        for key in readings.readings[cp]:
            t.codes[pos] = _syllable_code(key)
            pos += 1
    t.astral_offsets[len(astral)] = pos
    t.n_astral = len(astral)

    spellings = sorted((_zhuyin_code(k), v) for k, v in readings.zhuyin.items())
    t.zhuyin_keys = _array(len(spellings))
    t.zhuyin_offsets = _array(len(spellings) + 1)
    t.zhuyin_codes = _array(sum(len(v) for _, v in spellings))
    pos = 0
    for i, (code, keys) in enumerate(spellings):
        t.zhuyin_keys[i] = code
        t.zhuyin_offsets[i] = pos
        for key in keys:
            t.zhuyin_codes[pos] = _syllable_code(key)
            pos += 1
    t.zhuyin_offsets[len(spellings)] = pos
    t.n_zhuyin = len(spellings)
    return owner


_TABLES = Lazy(_build)
cdef const Tables* _T = NULL  # set from _TABLES, holding the GIL, once complete


cdef inline const Tables* _tables_ready() except NULL:
    global _T
    if _T == NULL:
        _T = (<_CTables>_TABLES.get()).t
    return _T
