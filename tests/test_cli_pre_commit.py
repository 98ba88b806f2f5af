"""The pre-commit hook, end to end: a temporary git repository whose
``.pre-commit-config.yaml`` names this checkout as its hook repository, by
local path and commit, and pre-commit run in it.

The hook repository is a snapshot of this checkout's working tree as it is
(every file git tracks or would track, uncommitted changes included,
committed in a temporary repository), so the test runs the code under test
whether or not it is committed.  ``pre-commit try-repo`` would do the same
but leaves out files never added to git.)"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.any_implementation


def git(repo, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def snapshot(destination) -> str:
    """This checkout's working tree committed in a new repository; its commit."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, timeout=60)
    if listed.returncode != 0:
        pytest.skip("the checkout is not a git working tree")
    destination.mkdir()
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git(destination, "init", "-q")
    git(destination, "add", ".")
    git(destination, "-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "-q", "-m", "snapshot")
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=destination, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_pre_commit_hook_fixes_files_and_fails_once(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    if shutil.which("git") is None:
        pytest.skip("no git")
    hooks = tmp_path / "hooks"
    commit = snapshot(hooks)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    (repo / "news.txt").write_text("省(sheng)委(wei)書(shu)記\n鍙戝竷浜嗘柊闂伙紝\n", encoding="utf-8")
    (repo / "clean.txt").write_text("沒有要改的。\n", encoding="utf-8")
    # Source code and data are not prose: left as they are (a U+2028 in a
    # string literal made a line break; scripts unified inside strings).
    code = 'SEP = "\u2028"\nTITLE = "書(shu)記 后來"\n'
    (repo / "app.py").write_text(code, encoding="utf-8")
    (repo / "data.json").write_text('{"text": "a\u2028b 書(shu)"}\n', encoding="utf-8")
    # Markdown, by its own hook: its two trailing spaces (a line break) kept.
    (repo / "notes.md").write_text("書(shu)記  \n下一行\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {commit}\n  hooks:\n  - id: zhclean\n  - id: zhclean-markdown\n",
        encoding="utf-8",
    )
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),  # its own cache of hook environments
        "ZHCLEAN_PURE_PYTHON": "1",  # the hook's environment installs the twins: no compiling
        "PRE_COMMIT_COLOR": "never",
    }

    def hook() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=repo, env=env, capture_output=True, text=True, timeout=600,
        )

    first = hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "zhclean" in first.stdout and "Failed" in first.stdout and "files were modified" in first.stdout
    assert (repo / "news.txt").read_text(encoding="utf-8") == "省委書記\n发布了新闻，\n"
    assert (repo / "clean.txt").read_text(encoding="utf-8") == "沒有要改的。\n"
    assert (repo / "app.py").read_text(encoding="utf-8") == code
    assert (repo / "data.json").read_text(encoding="utf-8") == '{"text": "a\u2028b 書(shu)"}\n'
    assert (repo / "notes.md").read_text(encoding="utf-8") == "書記  \n下一行\n"
    git(repo, "add", ".")
    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
