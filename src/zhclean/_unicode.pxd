# The PEP 393 declarations the compiled loops share, in one place.
#
# What Cython's own cpython.unicode declares (PyUnicode_KIND, PyUnicode_DATA,
# PyUnicode_GET_LENGTH, PyUnicode_New, PyUnicode_FromKindAndData, the kind
# constants) is cimported from there; this file adds the few macros it lacks.
from libc.stdint cimport uint32_t

cdef extern from "Python.h":
    # A no-op from CPython 3.12 on; before that it makes a legacy string's
    # canonical storage exist.
    int PyUnicode_READY(object) except -1
    uint32_t PyUnicode_MAX_CHAR_VALUE(object)
    int PyUnicode_IS_ASCII(object)
    # One character of a string's storage, whatever its kind.
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil
    # Write one character into a new string's storage, whatever its kind.
    void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value) nogil
