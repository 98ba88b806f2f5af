# The compiled mojibake loops' shared declarations: the character tables
# every loop reads, built once by _loops_c, and read by _screen_c too.
from libc.stdint cimport int16_t, uint8_t, uint16_t, uint32_t

from zhclean._spans cimport Spans

ctypedef fused ucs_t:
    uint8_t
    uint16_t
    uint32_t

cdef enum:
    # When to release the GIL.  Re-acquiring it after work done without it
    # waits for whichever thread holds it meanwhile, up to the 5 ms switch
    # interval when another Python thread is busy; so each call releases it
    # at most once, and only for work long enough to pay for that wait.  The
    # scan of clean Chinese runs at about 1 ns a character (sample 003, 2.7
    # GB/s), so 2 Mi characters are some 2 ms of work (the screen after it,
    # in scan_and_screen, only adds to it).
    SCAN_RELEASE_CHARS = 1 << 21

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

cdef struct Regions:
    # The scan's regions, start and end of each in turn (_push), in the
    # package's one growable array of spans; whether memory ran out.
    Spans spans
    bint failed

cdef inline void regions_init(Regions* regions) noexcept nogil:
    regions.spans.items = NULL
    regions.spans.used = regions.spans.size = 0
    regions.failed = False

cdef const Tables* _tables_ready() except NULL
cdef void _dispatch_scan(const Tables* t, const void* data, int kind, Py_ssize_t n, Regions* r) noexcept nogil
