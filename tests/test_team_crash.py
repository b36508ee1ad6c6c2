"""Two reviewers of one project writing at once, both killed with -9 mid-burst: each store keeps every
decision its reviewer was told was saved, holds only that reviewer's, and opens for writing again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from claimdesk.annotations.team.stores import open_reviewer_store, read_stores
from team_helpers import make_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

WRITER = textwrap.dedent("""
    import sys
    from claimdesk.annotations.anchoring import make_selector
    from claimdesk.annotations.team import load_project
    from claimdesk.annotations.team.stores import open_reviewer_store
    root, name, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    text = "Officials said 40 soldiers were killed."
    selector = make_selector(text, 15, 26)
    with open_reviewer_store(load_project(root), name) as store:
        assert not store.read_only
        print("open", flush=True)
        for i in range(first, first + 100000):
            store.record_claim("accepted" if i % 2 else "rejected", f"c{i}", "a1", selector)
            print(i, flush=True)  # acknowledged: record_claim has returned
""")


def test_two_reviewers_killed_mid_burst_lose_nothing_acknowledged(tmp_path):
    project, _ = make_project(tmp_path, reviewers=("alice", "bob"))
    acked: dict[str, set[int]] = {"alice": set(), "bob": set()}
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for run in range(4):
        children = {name: subprocess.Popen([sys.executable, "-c", WRITER, str(project.root), name,
                                            str(run * 100000 + (50000 if name == "bob" else 0))],
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                    for name in acked}
        for child in children.values():
            assert child.stdout.readline().strip() == "open", child.stderr.read()
        for _ in range(5 + run * 7):  # both write at once a while
            for name, child in children.items():
                acked[name].add(int(child.stdout.readline()))
        for name, child in children.items():
            os.kill(child.pid, signal.SIGKILL)
            rest, _ = child.communicate()
            acked[name].update(int(line) for line in rest.split())
    stores = read_stores(project)
    try:
        for name, store in stores.items():
            ids = {d["id"] for d in store.claims()}
            assert {f"c{i}" for i in acked[name]} <= ids, f"{name} lost acknowledged decisions"
            other = "bob" if name == "alice" else "alice"
            assert not ids & {f"c{i}" for i in acked[other]}  # never the other reviewer's
            assert {d["reviewer"] for d in store.claims()} == {name}
    finally:
        for store in stores.values():
            store.close()
    with open_reviewer_store(project, "alice") as alice:  # the dead writer's lock is recovered
        assert not alice.read_only
