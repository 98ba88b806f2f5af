"""Dask: clean a sharded JSON Lines corpus on a cluster.

The recipe (one machine here; the same code on a real cluster's scheduler)::

    from dask.distributed import Client, LocalCluster
    from zhclean import Cleaner
    from zhclean.integrations.dask import clean_jsonl

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        clean_jsonl(["raw/00.jsonl", "raw/01.jsonl"], "clean/", Cleaner(), field="text")

Each shard is one partition (``dask.bag.read_text``) cleaned by one task:
the records' field is cleaned and every other byte of each record is kept,
as ``zhclean --jsonl`` does, so the output is what one process gives.  The
Cleaner travels to the workers pickled (its options: a few hundred bytes),
once per task, and builds its tables once per worker process; nothing is
created per record.  ``clean_bag`` does the same to any bag of JSON lines.
Lines are read in text mode, so ``\\r\\n`` comes out as ``\\n``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Optional

from ..cleaner import Cleaner
from ..cli.work import Settings, clean_batch

__all__ = ["CleanShard", "clean_bag", "clean_jsonl"]


class CleanShard:
    """``lines -> cleaned lines`` for ``Bag.map_partitions``."""

    __slots__ = ("settings",)

    def __init__(self, cleaner: Cleaner, field: str = "text", skip_bad: bool = False) -> None:
        self.settings = Settings(cleaner, field, skip_bad, stats=False, keep=True)

    def __call__(self, lines: Iterable[str]) -> list[str]:
        result = clean_batch(self.settings, list(lines))
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
    bag = db.read_text(list(paths), encoding="utf-8")  # one partition per file, lines with their "\n"
    cleaned = clean_bag(bag, cleaner if cleaner is not None else Cleaner(), field, skip_bad)
    # to_textfiles puts "\n" between elements: one element per shard writes it as it is.
    cleaned.map_partitions(_whole).to_textfiles(targets, encoding="utf-8")
    return targets


def _whole(lines: Iterable[str]) -> list[str]:
    return ["".join(lines)]
