"""``claimdesk serve PROJECT|CORPUS``: the review app in a browser, each browser session a reviewer with
their own store (needs the ``serve`` extra: ``pip install "claimdesk[serve]"``)."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve the review app to a browser (pip install \"claimdesk[serve]\")",
        description="Serve the review app to web browsers with textual-serve. Each browser session is a reviewer "
                    "(?reviewer=NAME, or chosen on the first page) writing their own store: in a project, their "
                    "store there; for a corpus, a store per reviewer. Listens on 127.0.0.1; any other interface "
                    "needs a token in the address (generated and printed, or --token).",
    )
    parser.add_argument("target", metavar="PROJECT|CORPUS", type=Path, help="a project folder or a corpus")
    parser.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the interface to listen on (default 127.0.0.1; any other needs a token)")
    parser.add_argument("--token", default=None,
                        help="the secret the address must carry (?token=...); generated when another interface "
                             "than 127.0.0.1 is served without one")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.team import is_project

    from .corpus_arg import checked_corpus
    from .project import open_project

    try:  # the serve extra: not part of the base install
        from ..serving import ReviewServer, needs_token
    except ImportError:
        raise CliError('claimdesk serve needs the serve extra: pip install "claimdesk[serve]"') from None
    if args.token is not None and len(args.token) < 8:
        raise CliError("--token must be at least 8 characters")
    target = args.target.expanduser()
    if is_project(target):
        reviewers = open_project(target).reviewers
        target = target.absolute()
    else:
        reviewers = None
        target = checked_corpus(target)
    token = args.token
    if token is None and needs_token(args.host):
        token = secrets.token_urlsafe(16)
    server = ReviewServer(target, reviewers=reviewers, host=args.host, port=args.port, token=token or "")
    shown = "localhost" if args.host in ("127.0.0.1", "::1") else args.host
    query = f"?token={token}" if token else ""
    print(f"claimdesk: serving {clean_line(str(target))} on http://{shown}:{args.port}/{query}", file=sys.stderr)
    if reviewers is not None:
        who = ", ".join(reviewers)
        print(f"claimdesk: each reviewer adds reviewer=NAME to the address ({who}) or picks their name there",
              file=sys.stderr)
    print("claimdesk: press ctrl+c to stop", file=sys.stderr)
    server.serve()
    return 0
