"""The ``zhclean`` command: clean files, directories or standard input.

Everything ``zhclean.Cleaner`` does, from the command line, with the same
option names (``zhclean --help`` lists them, the unit of cleaning, the
encodings and the exit status).  One module per job:

- ``options``: the arguments, the Cleaner's flags derived from its options;
- ``inputs``: files, directories (``--glob``) and standard input;
- ``decoding``: codecs, ``--encoding auto``, byte order marks, error offsets;
- ``units``: the unit of cleaning and the streaming reader;
- ``extents``: with ``--jobs``, a UTF-8 file's batches as byte ranges the workers read;
- ``jsonl``: one field of each JSON Lines record;
- ``work``: cleaning a batch of units (in this process or a worker);
- ``spill``: with ``--jobs``, the workers' results sent back through files;
- ``jobs``: ``--jobs N`` worker processes, results in order;
- ``output``: standard output, and files written atomically;
- ``diff``, ``progress``, ``stats``: ``--diff``, the progress bar, ``--stats``;
- ``main``: the run, from inputs to outputs, with one-line errors.
"""
from __future__ import annotations

from .main import main

__all__ = ["main"]
