# What a bracket group or a bare syllable spells: the compiled twin of
# _groups_py.py, included into _loops_c.pyx (which owns the tables and the
# scan).  Same rules, over the string's code units, no Python object per
# character; read _groups_py.py for them.

cdef struct Letter:
    char key          # a-z, v for ü
    uint8_t flags     # L_TONE | L_UPPER | L_DIGIT | L_FIRST | L_MARKED

cdef enum:
    L_TONE = 1        # carries a tone (mark, or the digit after it)
    L_UPPER = 2       # written upper case
    L_DIGIT = 4       # a tone digit follows it: the syllable ends here
    L_FIRST = 8       # the start, or a separator, is before it
    L_MARKED = 16     # its tone mark is written below TRIGGER_HIGH


cdef inline uint16_t _letter_of(const Tables* t, uint32_t c) noexcept nogil:
    cdef int i
    if c < 0x300:
        return t.letter[c]
    for i in range(t.n_high):
        if t.high_cp[i] == c:
            return t.high_letter[i]
    return 0


cdef int _pinyin_letters(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t stop, bint bare,
                         Letter* out) noexcept nogil:
    """The letters of s[start:stop] read as pinyin (at most MAX_GROUP), or -1."""
    cdef int m = 0
    cdef bint at_start = True
    cdef Py_ssize_t k
    cdef uint32_t c
    cdef uint16_t v
    for k in range(start, stop):
        c = s[k]
        if c < 0x80:
            v = t.letter[c]
            if v:
                if bare and (v & LETTER_UPPER):
                    return -1
                out[m].key = <char>(v & 0xFF)
                out[m].flags = (L_UPPER if v & LETTER_UPPER else 0) | (L_FIRST if at_start else 0)
                m += 1
                at_start = False
            elif c == 0x3A:  # "u:" spells ü
                if bare or at_start or m == 0 or out[m - 1].key != b'u' or not (s[k - 1] == 0x75 or s[k - 1] == 0x55):
                    return -1
                out[m - 1].key = b'v'
            elif 0x30 <= c <= 0x35:  # a tone digit ends a syllable
                if bare or at_start or m == 0 or (out[m - 1].flags & L_DIGIT):
                    return -1
                out[m - 1].flags |= L_DIGIT
            elif c == 0x20 or c == 0x27:
                if bare or at_start:
                    return -1
                at_start = True
            else:
                return -1
        elif 0x300 <= c <= 0x36F:
            if at_start or m == 0 or (out[m - 1].flags & L_DIGIT):
                return -1
            v = t.tone_mark[c - 0x300]
            if v == 1:
                out[m - 1].flags |= L_TONE | L_MARKED
            elif v == 2:
                if out[m - 1].key != b'u':
                    return -1
                out[m - 1].key = b'v'
            elif v != 3:
                return -1
        elif c == 0x2019:
            if bare or at_start:
                return -1
            at_start = True
        else:
            v = _letter_of(t, c)
            if not v or (bare and (v & LETTER_UPPER)):
                return -1
            out[m].key = <char>(v & 0xFF)
            out[m].flags = (L_UPPER if v & LETTER_UPPER else 0) | (L_FIRST if at_start else 0)
            if v & LETTER_TONE:
                out[m].flags |= L_TONE | (L_MARKED if c < TRIGGER_HIGH else 0)
            m += 1
            at_start = False
    if m == 0 or at_start:
        return -1
    return m


cdef inline bint _syllable(const Letter* letters, int x, int y, uint32_t* code, bint* tonal) noexcept nogil:
    """letters[x:y] as one syllable: its packed toneless code and whether it has a tone."""
    cdef int j
    cdef char key[MAX_SYLLABLE]
    if y - x > MAX_SYLLABLE:
        return False
    for j in range(x + 1, y):
        if (letters[j].flags & L_FIRST) or (letters[j - 1].flags & L_DIGIT):
            return False
    if not (letters[x].flags & L_FIRST) and (letters[x].key == b'a' or letters[x].key == b'o' or letters[x].key == b'e'):
        return False  # run together, a syllable starting with a, o or e needs a separator (xī'ān)
    tonal[0] = (letters[y - 1].flags & L_DIGIT) != 0
    for j in range(x, y):
        key[j - x] = letters[j].key
        if letters[j].flags & L_TONE:
            tonal[0] = True
    if y - x > 1 and key[1] == b'v' and (key[0] == b'j' or key[0] == b'q' or key[0] == b'x' or key[0] == b'y'):
        key[1] = b'u'  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    code[0] = 0
    for j in range(y - x):
        code[0] = code[0] * 32 + <uint32_t>(key[j] - 96)
    return True


cdef inline bint _passes(const Tables* t, uint32_t han, uint32_t code, int length, bint tonal,
                         bint by_reading) noexcept nogil:
    if _has_reading(t, han, code):
        return True
    # Syllable mode: any syllable but a bare toneless letter (方案(a)).
    return not by_reading and (tonal or length > 1) and _bsearch(t.syllables, t.n_syllables, code) >= 0


cdef bint _split_reads(const Tables* t, const Letter* letters, int m, const uint32_t* chars, int n,
                       bint by_reading) noexcept nogil:
    """Whether the m letters split into n syllables, syllable i reading chars[i]."""
    cdef uint64_t reach = 1, following
    cdef int i, x, y, low
    cdef uint32_t code
    cdef bint tonal
    for i in range(n):
        following = 0
        for x in range(m):
            if not (reach >> x) & 1:
                continue
            # The last syllable must end with the letters: try only that end.
            low = m if i == n - 1 else x + 1
            for y in range(low, (x + MAX_SYLLABLE if x + MAX_SYLLABLE < m else m) + 1):
                if _syllable(letters, x, y, &code, &tonal) and _passes(t, chars[i], code, y - x, tonal, by_reading):
                    following |= (<uint64_t>1) << y
        reach = following
        if not reach:
            return False
    return (reach >> m) & 1


cdef int _zhuyin_pieces(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t end,
                        Py_ssize_t* found) noexcept nogil:
    """Index in the zhuyin table of each space-separated syllable; their number, or -1."""
    cdef int count = 0
    cdef bint genuine = False
    cdef Py_ssize_t a = start, b, x, y, k, i
    cdef uint32_t code, v
    while True:
        b = a
        while b < end and s[b] != 0x20:
            b += 1
        x, y = a, b
        if y > x and _is_zhuyin_tone(s[x]):
            x += 1
        elif y > x and _is_zhuyin_tone(s[y - 1]):
            y -= 1
        if y - x < 1 or y - x > 4:
            return -1
        code = 0
        for k in range(x, y):
            v = _zhuyin_index(s[k])
            if v:
                genuine = True
            elif _is_lookalike(s[k]):
                v = _zhuyin_index(0x3127)  # ㄧ
            else:
                return -1
            code = code * 128 + v
        i = _bsearch(t.zhuyin_keys, t.n_zhuyin, code)
        if i < 0 or count == MAX_WORD:
            return -1
        found[count] = i
        count += 1
        if b >= end:
            break
        a = b + 1
    return count if genuine else -1


cdef Py_ssize_t _label_end(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t stop) noexcept nogil:
    """Where the body starts after a label and its colon at start; -1 if none."""
    cdef int i, j
    cdef uint32_t c, want
    for i in range(t.n_labels):
        if start + t.label_len[i] >= stop:
            continue
        for j in range(t.label_len[i]):
            c = s[start + j]
            want = t.labels[i][j]
            if c != want and not (0x41 <= c <= 0x5A and c + 0x20 == want):
                break
        else:
            c = s[start + t.label_len[i]]
            if c == 0x3A or c == 0xFF1A:
                return start + t.label_len[i] + 1
    return -1


cdef int _han_prefix(const uint32_t* word, int count, int n, uint32_t* chars) noexcept nogil:
    """The n characters of word (nearest first) left to right in chars, if all Han."""
    cdef int i
    if count < n:
        return False
    for i in range(n):
        if not _is_han(word[i]):
            return False
        chars[n - 1 - i] = word[i]
    return True


cdef inline bint _symbol_after(const Tables* t, uint32_t han, const ucs_t* s, Py_ssize_t start,
                               Py_ssize_t end) noexcept nogil:
    """Whether s[start:end] is the symbol tables.SYMBOL_AFTER gives ``han``."""
    cdef int i
    if end - start != 2:
        return False
    for i in range(t.n_symbols):
        if t.symbol_cp[i] == han:
            return t.symbol_code[i] == (<uint32_t>s[start] << 16 | <uint32_t>s[start + 1])
    return False


cdef inline bint _plain_reads(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t stop, uint32_t han,
                       bint by_reading) noexcept nogil:
    """The common case, read the short way: the content of a plain group is
    one pinyin syllable that reads han.  False means "not this way", and the
    caller reads the group in full."""
    cdef Py_ssize_t k
    cdef uint32_t c, code = 0
    cdef uint16_t v
    cdef char letters[MAX_SYLLABLE + 1]
    cdef int nl = 0
    cdef bint tonal = False, first_upper = False
    if stop - start > MAX_SYLLABLE + 3 or _symbol_after(t, han, s, start, stop):
        return False  # (钠(Na): read in full, which leaves the symbol)
    for k in range(start, stop):
        c = s[k]
        if c < 0x80:
            v = t.letter[c]
            if not v or nl == MAX_SYLLABLE:
                return False
            if nl == 0 and v & LETTER_UPPER:
                first_upper = True
            letters[nl] = <char>(v & 0xFF)
            nl += 1
        elif 0x300 <= c <= 0x36F and nl:
            v = t.tone_mark[c - 0x300]
            if v == 1:
                tonal = True
            elif v == 2 and letters[nl - 1] == b'u':
                letters[nl - 1] = b'v'
            elif v != 3:
                return False
        else:
            v = _letter_of(t, c) if c >= 0x80 else 0
            if not v or nl == MAX_SYLLABLE:
                return False
            if nl == 0 and v & LETTER_UPPER:
                first_upper = True
            letters[nl] = <char>(v & 0xFF)
            nl += 1
            if v & LETTER_TONE:
                tonal = True
    if nl == 0:
        return False
    if first_upper and not tonal:
        by_reading = True  # a capital, no tone: a reading or nothing (see _group_annotates)
    if nl > 1 and letters[1] == b'v' and (
        letters[0] == b'j' or letters[0] == b'q' or letters[0] == b'x' or letters[0] == b'y'
    ):
        letters[1] = b'u'
    for k in range(nl):
        code = code * 32 + <uint32_t>(letters[k] - 96)
    return _passes(t, han, code, nl, tonal, by_reading)


cdef bint _group_annotates(const Tables* t, const ucs_t* s, Py_ssize_t start, Py_ssize_t stop, uint32_t opener,
                           bint spaced, const Runs* r, Py_ssize_t owner, Py_ssize_t hypothetical,
                           bint by_reading) noexcept nogil:
    """Whether the group content s[start:stop] annotates the word ending at owner."""
    cdef Py_ssize_t content = start, end, body, k
    cdef bint padded, labelled, loose, tonal = False
    cdef uint32_t first
    cdef uint32_t word[MAX_WORD + 1]
    cdef uint32_t chars[MAX_WORD]
    cdef int count = -1, pieces, i, n, m
    cdef Py_ssize_t found[MAX_WORD]
    cdef Letter letters[MAX_GROUP]
    while start < stop and s[start] == 0x20:
        start += 1
    padded = start > content
    body = _label_end(t, s, start, stop)
    labelled = body >= 0
    if labelled:
        start = body
        while start < stop and s[start] == 0x20:
            start += 1
    end = stop
    while end > start and s[end - 1] == 0x20:
        end -= 1
    padded = padded or end < stop
    if start >= end:
        return False
    loose = spaced or padded or not (opener == 0x28 or opener == 0xFF08)
    first = s[start]
    if _zhuyin_index(first) or _is_zhuyin_tone(first) or _is_lookalike(first):
        pieces = _zhuyin_pieces(t, s, start, end, found)
        if pieces < 0:
            return False
        count = _fill_word(s, r, owner, hypothetical, word)
        if not _han_prefix(word, count, pieces, chars):
            return False
        if not by_reading:
            return True
        for i in range(pieces):
            for k in range(t.zhuyin_offsets[found[i]], t.zhuyin_offsets[found[i] + 1]):
                if _has_reading(t, chars[i], t.zhuyin_codes[k]):
                    break
            else:
                return False
        return True
    m = _pinyin_letters(t, s, start, end, False, letters)
    if m < 0:
        return False
    for i in range(m):
        if letters[i].flags & (L_TONE | L_DIGIT):
            tonal = True
    if not labelled and not tonal and not _is_quote(s[owner]) and _symbol_after(t, s[owner], s, start, end):
        return False  # 钠(Na): the element's symbol
    if not labelled and not tonal and (letters[0].flags & L_UPPER):
        by_reading = True  # a capital and no tone: a reading or nothing (钙(Ca))
    for n in range(1, MAX_WORD + 1):
        if n == 1 and loose and not labelled and not tonal:
            continue
        if n > 1 and not labelled and (letters[0].flags & L_UPPER):
            break
        if n == 1 and not _is_quote(s[owner]):
            chars[0] = s[owner]  # the common case: no need to look back
        else:
            if count < 0:
                count = _fill_word(s, r, owner, hypothetical, word)
            if not _han_prefix(word, count, n, chars):
                break
        if _split_reads(t, letters, m, chars, n, by_reading):
            return True
    return False
