"""datatrove: a formatter step that cleans each document's text.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from zhclean.integrations.datatrove import ZhcleanFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        ZhcleanFormatter(),                 # the Cleaner's options as arguments
        JsonlWriter("clean/"),
    ], tasks=4, workers=2).run()

The step holds one ``Cleaner`` (pickled with the pipeline to each task, as
its options); with ``stats=True`` it also adds the Cleaner's per-document
statistics to each document's metadata under ``"zhclean"`` (annotations
removed, mojibake repaired and lossy spans, characters converted, script) as
quality signals for later filters, and counts them in the step's stats.
"""
from __future__ import annotations

from typing import Any, Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from ..cleaner import Cleaner

__all__ = ["ZhcleanFormatter"]


class ZhcleanFormatter(BaseFormatter):
    """Cleans ``doc.text`` with a ``zhclean.Cleaner``."""

    name = "🀄 zhclean"

    def __init__(self, cleaner: Optional[Cleaner] = None, *, stats: bool = False, **options: Any) -> None:
        super().__init__()
        if cleaner is not None and options:
            raise ValueError("give either a cleaner or its options, not both")
        self.cleaner = cleaner if cleaner is not None else Cleaner(**options)
        self.signals = stats  # (PipelineStep.stats is its counters)

    def format(self, text: str) -> str:
        return self.cleaner.clean(text)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if not self.signals:
            yield from super().run(data, rank, world_size)
            return
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                done = self.cleaner.process(doc.text)
            doc.text = done.text
            signals = done.stats
            doc.metadata["zhclean"] = {
                "annotations_removed": signals.annotations_removed,
                "annotation_density": signals.annotation_density,
                "mojibake_repaired": signals.mojibake_repaired,
                "mojibake_lost": signals.mojibake_lost,
                "chars_converted": signals.chars_converted,
                "script": signals.script.script,
            }
            for key in ("annotations_removed", "mojibake_repaired", "mojibake_lost", "chars_converted"):
                if getattr(signals, key):
                    self.stat_update(key, value=getattr(signals, key))
            yield doc
