"""``claimdesk serve``: the page needs the token (when there is one) and a reviewer; its one-time key opens
the websocket; and, in a real browser (Debian's chromium driven by Playwright), a reviewer accepts a claim
with the keyboard and the decision is in their own store."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.annotations.team import Deal, create_project
from claimdesk.tui.cli import main
from team_helpers import make_project

pytest.importorskip("textual_serve", reason='the serve extra is not installed (pip install "claimdesk[serve]")')
from aiohttp.test_utils import TestClient, TestServer

from claimdesk.tui.serving import ReviewServer, needs_token, reviewer_db

BROWSER = Path(__file__).parent / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


async def test_the_page_needs_the_token_and_a_reviewer(tmp_path):
    project, _ = make_project(tmp_path, reviewers=("alice", "bob"))
    server = ReviewServer(project.root, reviewers=project.reviewers, token="s3cret-token")
    async with TestClient(TestServer(await server._make_app())) as client:
        assert (await client.get("/")).status == 403
        assert (await client.get("/?token=wrong&reviewer=bob")).status == 403
        chooser = await (await client.get("/?token=s3cret-token")).text()
        assert "reviewer=alice" in chooser and "reviewer=bob" in chooser and "token=s3cret-token" in chooser
        assert "dave is not a reviewer" in await (await client.get("/?token=s3cret-token&reviewer=dave")).text()
        page = await (await client.get("/?token=s3cret-token&reviewer=bob")).text()
        key = page.split("/ws/", 1)[1].split('"', 1)[0]
        assert server.keys[key][0] == "bob"
        assert (await client.get("/ws/not-a-key")).status == 403
    assert server.command_for("bob").endswith(f"review {project.root} --reviewer bob")


def test_a_corpus_gives_each_reviewer_a_store_and_other_interfaces_need_a_token(tmp_path, capsys):
    server = ReviewServer(tmp_path, reviewers=None)
    assert server.reviewer_of("zoe") == "zoe" and server.reviewer_of("../x") is None
    assert f"--db {reviewer_db(tmp_path, 'zoe')}" in server.command_for("zoe")
    assert reviewer_db(tmp_path, "zoe") != reviewer_db(tmp_path, "yan")
    assert needs_token("0.0.0.0") and needs_token("192.0.2.7") and not needs_token("127.0.0.1")
    assert main(["serve", str(tmp_path), "--token", "short"]) == 2
    assert "at least 8" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "missing")]) == 2
    assert "corpus not found" in capsys.readouterr().err


def _browser_missing() -> str:
    """Why the browser test cannot run here ("" when it can)."""
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install -y chromium)"
    if shutil.which("node") is None:
        return "no node (apt-get install -y nodejs)"
    if not (BROWSER / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (npm install --prefix tests/browser)"
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(bool(_browser_missing()), reason=_browser_missing() or "runs")
def test_a_reviewer_accepts_a_claim_in_a_real_browser(tmp_path, warm_cache, sample_corpus):
    project = create_project(tmp_path / "proj", sample_corpus.root, ("alice", "bob"),
                             [a.id for a in sample_corpus.articles], Deal(0.2, 2, 0))
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "claimdesk.tui.cli", "serve", str(project.root),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        journal = project.store_path("bob").with_name("bob.json.journal")
        shot = tmp_path / "browser.png"
        driven = subprocess.run(["node", str(BROWSER / "accept_claim.mjs"),
                                 f"http://127.0.0.1:{port}/?reviewer=bob", str(journal), str(shot), "90"],
                                cwd=BROWSER, capture_output=True, text=True, timeout=180)
        assert driven.returncode == 0, driven.stdout + driven.stderr
        assert shot.stat().st_size > 10_000  # the page was drawn
    finally:
        server.terminate()
        server.wait(timeout=20)
    with open_store(project.store_path("bob"), read_only=True) as bob:
        accepted = bob.claims(status="accepted")
    assert accepted and {d["reviewer"] for d in accepted} == {"bob"}
    assert accepted[0]["article"] in project.assigned("bob")  # bob's own articles come first
    assert not project.store_path("alice").exists()
