"""``claimdesk ledger``: (being built)."""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("ledger", help="(being built)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from . import CliError

    raise CliError("claimdesk ledger is not built yet")
