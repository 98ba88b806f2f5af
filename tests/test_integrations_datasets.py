"""Hugging Face datasets: ds.map(cleaner_map(...), batched=True, num_proc=2), and a stable fingerprint."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import zhclean
from zhclean.integrations.datasets import cleaner_map

pytestmark = pytest.mark.any_implementation

TEXTS = [
    "省(sheng)委(wei)書(shu)記", "鍙戝竷浜嗘柊闂伙紝", "沒有要改的。", "ＡＢＣ１２３ ",
    "這個頁面有疑問，請到互助客栈询问。",
] * 20

FINGERPRINT = (
    "from datasets.fingerprint import Hasher; from zhclean.integrations.datasets import cleaner_map;"
    "print(Hasher.hash(cleaner_map('text', script='simplified')))"
)


def test_the_callable_cleans_like_the_cleaner_batched_or_not():
    clean = cleaner_map("text", mojibake=True)
    assert clean({"text": TEXTS, "id": list(range(len(TEXTS)))}) == {"text": zhclean.Cleaner().clean_batch(TEXTS)}
    assert clean({"text": "書(shu)記"}) == {"text": "書記"}
    assert clean({"text": ["書(shu)", None]}) == {"text": ["書", None]}
    assert cleaner_map("text", output="clean")({"text": ["書(shu)"]}) == {"clean": ["書"]}
    assert pickle.loads(pickle.dumps(clean)) == clean
    with pytest.raises(ValueError, match="script must be one of"):
        cleaner_map("text", script="martian")


def test_importing_zhclean_imports_no_engine():
    code = ("import sys, zhclean, zhclean.integrations; engines = ('datasets', 'datatrove', 'dask', 'distributed');"
            "print([m for m in sys.modules if m in engines or m.startswith('zhclean.integrations.')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_fingerprint_is_the_same_in_every_process():
    pytest.importorskip("datasets", reason="pip install 'zhclean[datasets]'")
    hashes = {
        subprocess.run([sys.executable, "-c", FINGERPRINT], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(hashes) == 1 and all(len(h) == 16 for h in hashes), hashes
    from datasets.fingerprint import Hasher

    assert Hasher.hash(cleaner_map("text", script="simplified")) in hashes
    assert Hasher.hash(cleaner_map("text")) not in hashes  # other options, another fingerprint


def test_map_with_two_processes_and_the_cache_reused(tmp_path):
    datasets = pytest.importorskip("datasets", reason="pip install 'zhclean[datasets]'")
    source = datasets.Dataset.from_dict({"text": TEXTS, "id": list(range(len(TEXTS)))})
    source.save_to_disk(str(tmp_path / "source"))
    ds = datasets.load_from_disk(str(tmp_path / "source"))  # backed by files: map results are cached
    cleaned = ds.map(cleaner_map("text"), batched=True, num_proc=2)
    assert cleaned["text"] == zhclean.Cleaner().clean_batch(TEXTS)
    assert cleaned["id"] == list(range(len(TEXTS)))
    files = {entry["filename"] for entry in cleaned.cache_files}
    assert len(files) == 2  # one per process
    again = ds.map(cleaner_map("text"), batched=True, num_proc=2)  # a new callable, same options
    assert {entry["filename"] for entry in again.cache_files} == files
    assert again._fingerprint == cleaned._fingerprint
    other = ds.map(cleaner_map("text", script="simplified"), batched=True, num_proc=2)
    assert other._fingerprint != cleaned._fingerprint
