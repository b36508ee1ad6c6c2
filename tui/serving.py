"""The review app in a browser (``claimdesk serve``): textual-serve, with a reviewer per session and a token.

Each browser session is one reviewer: ``/?reviewer=bob`` (a page lists the project's reviewers, or asks
for a name, when none is given). The page is served only with the right token when there is one
(``/?token=…``; required off the loopback interface); it carries a one-time key, valid for a minute, that
opens the websocket, so the websocket never runs an app for a request that did not pass the page. Each
websocket runs ``claimdesk review`` in its own process on the reviewer's own store: their store in the
project, or, for a plain corpus, a store per reviewer beside the corpus's default one.
"""

from __future__ import annotations

import html
import secrets
import shlex
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from claimdesk.annotations.sanitize import clean_line
from claimdesk.annotations.store import default_db_path
from claimdesk.annotations.team import ProjectError
from claimdesk.annotations.team.project import check_reviewer

KEY_SECONDS = 60  # how long the page's websocket key stays valid
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def reviewer_db(corpus: Path, reviewer: str) -> Path:
    """A reviewer's own store for a plain corpus served to several people: beside the corpus's default one."""
    default = default_db_path(corpus)
    return default.with_name(default.stem + ".reviewers") / f"{check_reviewer(reviewer)}.json"


def needs_token(host: str) -> bool:
    """Any interface but the loopback one needs a token."""
    return host not in LOOPBACK


class ReviewServer(Server):
    """textual-serve's server, with reviewers, a token and a command per session (see the module)."""

    def __init__(self, target: Path, *, reviewers: tuple[str, ...] | None, host: str = "127.0.0.1",
                 port: int = 8000, token: str = "", python: str = sys.executable):
        """``target``: a project folder (``reviewers``: its reviewers) or a corpus (``reviewers`` None)."""
        super().__init__("claimdesk review", host=host, port=port, title="claimdesk")
        self.target = target
        self.reviewers = reviewers
        self.token = token
        self.python = python
        self.keys: dict[str, tuple[str, float]] = {}  # websocket key → (reviewer, valid until)

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{key}", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        pass  # the command prints where to go

    # -- the page ----------------------------------------------------------------------------------

    def command_for(self, reviewer: str) -> str:
        """The shell command that runs the review app for ``reviewer`` (every part quoted)."""
        args = [self.python, "-m", "claimdesk.tui.cli", "review", str(self.target), "--reviewer", reviewer]
        if self.reviewers is None:
            args += ["--db", str(reviewer_db(self.target, reviewer))]
        return shlex.join(args)

    def reviewer_of(self, name: str) -> str | None:
        """``name`` if it may review here: one of the project's reviewers, or any valid name for a corpus."""
        try:
            name = check_reviewer(name)
        except ProjectError:
            return None
        return name if self.reviewers is None or name in self.reviewers else None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.token and not secrets.compare_digest(request.query.get("token", ""), self.token):
            raise web.HTTPForbidden(text="claimdesk: this page needs the token printed when the server started "
                                         "(add ?token=... to the address)\n")
        reviewer = self.reviewer_of(request.query.get("reviewer", ""))
        if reviewer is None:
            return web.Response(text=self.chooser(request.query.get("reviewer", "")), content_type="text/html")
        self._forget_old_keys()
        key = secrets.token_urlsafe(18)
        self.keys[key] = (reviewer, time.monotonic() + KEY_SECONDS)
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws/{key}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": f"claimdesk · {reviewer}"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def chooser(self, asked: str) -> str:
        """A page asking who is reviewing: the project's reviewers as links, or a name to type."""
        extra = {"token": self.token} if self.token else {}
        note = f"<p>{html.escape(clean_line(asked))} is not a reviewer here.</p>" if asked else ""
        if self.reviewers is not None:
            links = "".join(f'<li><a href="/?{html.escape(urlencode({**extra, "reviewer": name}))}">'
                            f"{html.escape(name)}</a></li>" for name in self.reviewers)
            body = f"<p>Who is reviewing?</p><ul>{links}</ul>"
        else:
            hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in extra.items())
            body = ('<form method="get"><label>Your name <input name="reviewer" pattern="[A-Za-z0-9][A-Za-z0-9_.-]*" '
                    f'required></label>{hidden} <button>Review</button></form>')
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>claimdesk</title></head>"
                f"<body><h1>claimdesk · {html.escape(clean_line(self.target.name))}</h1>{note}{body}</body></html>")

    def _forget_old_keys(self) -> None:
        now = time.monotonic()
        for key in [k for k, (_, until) in self.keys.items() if until < now]:
            del self.keys[key]

    # -- the websocket: one app process per session ------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._forget_old_keys()
        entry = self.keys.pop(request.match_info["key"], None)
        if entry is None:
            raise web.HTTPForbidden(text="claimdesk: open the page again (this session's key is used or too old)\n")
        reviewer = entry[0]
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(self.command_for(reviewer), write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        finally:
            if service is not None:
                await service.stop()
        return websocket
