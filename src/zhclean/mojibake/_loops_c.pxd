# The compiled mojibake loops' shared declarations: the character tables
# every loop reads, built once by _loops_c, and read by _screen_c too.
from libc.stdint cimport int16_t, uint8_t, uint16_t, uint32_t

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t

cdef enum:
    # Mirrors of tables.SUSPECT, LEAD, CONTINUATION (compared by a test).
    SUSPECT = 1
    LEAD = 2
    CONTINUATION = 4

cdef struct Tables:
    uint8_t scan[0x10000]        # tables.scan_table()'s bits, and SUSPECT for U+FFFD (see _scan)
    uint8_t classes[0x10000]
    uint8_t single_byte[0x10000]  # 1 for U+0080-U+00FF and CP1252_EXTRAS
    int16_t byte_of[0x10000]      # the byte a single-byte decoder read as it, or -1
    Py_ssize_t max_gap, min_suspects, pad_before, pad_after

cdef const Tables* _tables_ready() except NULL
