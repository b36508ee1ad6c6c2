"""The ``claimdesk`` command line: one module per subcommand, each a thin client of the core.

A subcommand module defines ``register(subparsers)``, which adds its parser and sets ``run`` (a
function taking the parsed arguments and returning an exit code). Modules import heavy libraries
(spaCy, Textual) inside ``run`` only, so ``claimdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from claimdesk.annotations import __version__

# Subcommand modules, in the order ``--help`` lists them.
SUBCOMMANDS = ["review", "articles", "extract", "db", "rules", "ledger", "export", "import_cmd"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2  # bad arguments, a missing corpus, a corrupt database


class CliError(Exception):
    """A problem to report in one line on stderr, with an exit code (2 unless said otherwise)."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdesk",
        description="Review numeric claims and named entities in a news corpus, from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``claimdesk`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # plain `claimdesk` opens the review app on the bundled corpus
        args = parser.parse_args(["review", *(argv or [])])
    try:
        return int(args.run(args) or 0)
    except CliError as error:
        print(f"claimdesk: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("claimdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `claimdesk articles --json | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
