"""A full disk during ``claimdesk import``: one line, exit 1, and the annotation file exactly as it was."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

from claimdesk.annotations.corpus import bundled_corpus_path
from claimdesk.annotations.store import open_store
from claimdesk.annotations.store.journal import journal_path
from claimdesk.annotations.store.lock import holder_path, lock_is_held
from claimdesk.tui.cli import main
from session_helpers import RUN_CACHE, new_session


def test_a_full_disk_during_import_is_one_line_exit_1_and_changes_nothing(tmp_path, capsys):
    reviewed = new_session(tmp_path / "reviewed.json")
    for article in reviewed.articles:
        for claim in reviewed.claims(article.id):
            reviewed.accept(claim)
    reviewed.store.close()
    export = tmp_path / "all.jsonl"
    assert main(["export", "--db", str(tmp_path / "reviewed.json"), "-f", "jsonl", "-o", str(export)]) == 0
    target = tmp_path / "target.json"
    open_store(target, corpus=bundled_corpus_path(), reviewer="bob").close()
    before = {p: p.read_bytes() for p in (target, journal_path(target))}
    limit = max(len(b) for b in before.values()) + 4096  # room to open the store, not for the import's entry
    assert export.stat().st_size > 4 * limit

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    env = {**os.environ, "XDG_CACHE_HOME": str(RUN_CACHE.parent), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "claimdesk.tui.cli", "import", str(export), "--db", str(target)],
                            capture_output=True, text=True, env=env, preexec_fn=full_disk, timeout=120)
    errors = [line for line in result.stderr.splitlines() if not line.startswith("claimdesk: importing into")]
    assert result.returncode == 1, result.stderr
    assert len(errors) == 1 and errors[0].startswith("claimdesk: nothing imported: could not write")
    assert "the annotation file is as it was" in errors[0] and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert not holder_path(target).exists() and not lock_is_held(target)
    with open_store(target, read_only=True) as store:
        assert store.claims() == []
