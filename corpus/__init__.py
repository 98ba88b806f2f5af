"""The project's test data, as data, with the scripts that generate it.

Importable as ``corpus`` from the repository root: pytest puts the root on
``sys.path`` (``conftest.py`` lives there), and the scripts run as modules
(``python -m corpus.generate_mojibake_cases``).

``SHARED`` is the shared corpus of real texts that stays outside the
repository (``../shared/corpus`` beside the checkout, or wherever
``ZHCLEAN_SHARED_CORPUS`` says); tests that need it skip where it is absent.
"""
from __future__ import annotations

import json
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parent
SHARED = pathlib.Path(os.environ.get("ZHCLEAN_SHARED_CORPUS") or REPOSITORY.parent / "shared" / "corpus")
EXTERNAL = SHARED / "external"


def read_jsonl(path: pathlib.Path) -> list[dict]:
    """Every object of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]
