"""``claimdesk import``: (being built)."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="(being built)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from . import CliError

    raise CliError("claimdesk import is not built yet")
