"""Dask: clean a sharded JSON Lines corpus on a cluster.

The recipe (one machine here; the same code on a real cluster's scheduler)::

    from dask.distributed import Client, LocalCluster
    from zhclean import Cleaner
    from zhclean.integrations.dask import clean_jsonl

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        clean_jsonl(["raw/00.jsonl", "raw/01.jsonl"], "clean/", Cleaner(), field="text")

Each shard is one task: it reads the shard's bytes (a UTF-8 byte order
mark dropped, as the command drops it), cleans the records' field and keeps
every other byte of each record, line breaks (``\\r\\n`` too) included, as
``zhclean --jsonl`` does, and writes the shard atomically (the command's
writer): the output is byte for byte what the command gives in one
process.  The Cleaner travels to the workers pickled (its options: a few
hundred bytes), once per task, and builds its tables once per worker
process; nothing is created per record.  ``clean_bag`` does the same to any
bag of JSON lines (a bag read by ``dask.bag.read_text`` in text mode has
``\\r\\n`` as ``\\n`` already).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Optional

from ..cleaner import Cleaner
from ..cli.output import AtomicFile
from ..cli.units import split_lines
from ..cli.work import Settings, clean_batch

__all__ = ["CleanShard", "clean_bag", "clean_jsonl"]


class CleanShard:
    """``lines -> cleaned lines`` for ``Bag.map_partitions``."""

    __slots__ = ("settings",)

    def __init__(self, cleaner: Cleaner, field: str = "text", skip_bad: bool = False) -> None:
        self.settings = Settings(cleaner, field, skip_bad, stats=False, keep=True)

    def __call__(self, lines: Iterable[str]) -> list[str]:
        result = clean_batch(self.settings, list(lines))
        if result.failed is not None:  # a failure inside the library: the shard is not written half
            raise RuntimeError(f"the shard could not be cleaned: {result.failed}")
        if result.stopped:
            index, message = result.bad[-1]
            raise ValueError(f"record {index + 1} of the shard: {message}")
        assert result.cleaned is not None
        return result.cleaned

    def __reduce__(self) -> tuple[type, tuple[Cleaner, Optional[str], bool]]:
        return CleanShard, (self.settings.cleaner, self.settings.field, self.settings.skip_bad)


def clean_bag(bag: Any, cleaner: Cleaner, field: str = "text", skip_bad: bool = False) -> Any:
    """A bag of JSON lines (with their line breaks), cleaned partition by partition."""
    return bag.map_partitions(CleanShard(cleaner, field, skip_bad))


def clean_jsonl(paths: list[str], output_dir: str, cleaner: Optional[Cleaner] = None, field: str = "text",
                skip_bad: bool = False) -> list[str]:
    """Clean each shard in ``paths`` into ``output_dir`` under the same file
    name, on the current Dask scheduler; the paths written."""
    import dask.bag as db

    targets = [os.path.join(output_dir, os.path.basename(path)) for path in paths]
    if len(set(targets)) != len(targets):
        raise ValueError("two shards have the same file name")
    os.makedirs(output_dir, exist_ok=True)
    shard = CleanShard(cleaner if cleaner is not None else Cleaner(), field, skip_bad)
    jobs = list(zip(paths, targets))
    db.from_sequence(jobs, npartitions=len(jobs) or 1).map(_clean_file, shard).compute()
    return targets


def _clean_file(job: tuple[str, str], shard: CleanShard) -> str:
    """One shard read, cleaned and written; its target."""
    source, target = job
    with open(source, "rb") as stream:
        data = stream.read()
    text = data.decode("utf-8-sig")  # as the command reads it: a byte order mark is not text
    try:
        cleaned = shard(split_lines([text]) if text else [])
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None
    out = AtomicFile(target)
    out.write("".join(cleaned).encode("utf-8"))
    out.commit(True)
    return target
