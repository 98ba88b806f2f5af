"""Dask distributed: a local cluster of two worker processes cleans a sharded
JSON Lines corpus; the output is what one process (the command) gives."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS

pytestmark = pytest.mark.any_implementation


def shards(directory, count: int = 4) -> list[str]:
    page = (CORPUS / "samples" / "seeds" / "004_dfb1b050610469ea.txt").read_text(encoding="utf-8")
    lines = [line for line in page.splitlines() if line.strip()]
    directory.mkdir()
    paths = []
    for shard in range(count):
        path = directory / f"part-{shard:02d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for n, line in enumerate(lines):
                text = line + ("，鍙戝竷浜嗘柊闂伙紝" if n % 3 == shard % 3 else "")
                handle.write(json.dumps({"id": f"{shard}-{n}", "text": text, "n": n}, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths


def test_local_cluster_of_two_processes_matches_one_process(tmp_path):
    pytest.importorskip("dask.bag", reason="pip install 'zhclean[dask]'")
    distributed = pytest.importorskip("distributed", reason="pip install 'zhclean[dask]'")
    from zhclean import Cleaner
    from zhclean.integrations.dask import clean_jsonl

    paths = shards(tmp_path / "raw")
    # One shard with Windows line breaks, one with a byte order mark: kept
    # and dropped as the command does (the first came out with "\n", the
    # second failed).
    with open(paths[1], "rb") as handle:
        data = handle.read()
    with open(paths[1], "wb") as handle:
        handle.write(data.replace(b"\n", b"\r\n"))
    with open(paths[2], "rb") as handle:
        data = handle.read()
    with open(paths[2], "wb") as handle:
        handle.write(b"\xef\xbb\xbf" + data)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        written = clean_jsonl(paths, str(tmp_path / "clean"), Cleaner(), field="text")
    assert [os.path.basename(p) for p in written] == [os.path.basename(p) for p in paths]
    for source, target in zip(paths, written):
        alone = subprocess.run([sys.executable, "-m", "zhclean", "--jsonl", source], capture_output=True,
                               timeout=120)
        assert alone.returncode == 0
        with open(target, "rb") as handle:
            assert handle.read() == alone.stdout
    with open(written[0], encoding="utf-8") as handle:
        assert "發佈了新聞" in handle.read()  # the mojibake repaired, in the page's script


def test_shard_callable_pickles_as_its_options():
    import pickle

    from zhclean import Cleaner
    from zhclean.integrations.dask import CleanShard

    shard = CleanShard(Cleaner(script="simplified"), "body")
    again = pickle.loads(pickle.dumps(shard))
    assert again(['{"body": "書(shu)記", "x": 1}\n']) == ['{"body": "书记", "x": 1}\n']
    with pytest.raises(ValueError, match="record 1 of the shard"):
        again(["not json\n"])
    assert len(pickle.dumps(shard)) < 1000


def test_a_shard_the_library_fails_on_is_an_error_not_an_empty_file(monkeypatch):
    """clean_batch catches a failure inside the library and says so; the
    shard's callable raises it rather than hand on nothing (a shard was
    written empty, and reported done)."""
    from zhclean import Cleaner
    from zhclean.cli import work
    from zhclean.integrations.dask import CleanShard

    def broken(text):
        raise IndexError("a bug")

    shard = CleanShard(Cleaner())
    monkeypatch.setattr(type(shard.settings.cleaner), "clean_batch", lambda self, texts: broken(texts))
    monkeypatch.setattr(work, "_clean_texts", lambda settings, texts: broken(texts))
    with pytest.raises(RuntimeError, match="could not be cleaned"):
        shard(['{"text": "書(shu)記"}\n'])
