"""The ``claimdesk`` command line: one module per subcommand, each a thin client of the core.

A subcommand module defines ``register(subparsers)``, which adds its parser and sets ``run`` (a
function taking the parsed arguments and returning an exit code). Modules import heavy libraries
(spaCy, Textual) inside ``run`` only, so ``claimdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys

from claimdesk.annotations import version

# Subcommand modules, in the order ``--help`` lists them.
SUBCOMMANDS = ["review", "articles", "extract", "db", "rules", "ledger", "export", "import_cmd",
               "init", "status", "agreement", "project", "serve"]
COMMAND_MODULES = {name.removesuffix("_cmd"): name for name in SUBCOMMANDS}  # `import` lives in import_cmd.py

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2  # bad arguments, a missing corpus, a corrupt database


class CliError(Exception):
    """A problem to report in one line on stderr, with an exit code (2 unless said otherwise)."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


class VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (reading it slows every start)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit", **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"claimdesk {version()}")
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` one subcommand module registered (a faster start)."""
    parser = argparse.ArgumentParser(
        prog="claimdesk",
        description="Review numeric claims and named entities in a news corpus, from the terminal.",
    )
    parser.add_argument("--version", action=VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    _name_own_parsers(parser)
    return parser


def _name_own_parsers(parser: argparse.ArgumentParser) -> None:
    """Each (sub)subcommand parser records itself as ``args.parser``, so errors show its own usage."""
    for action in parser._actions:  # argparse keeps subparsers here; there is no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                sub.set_defaults(parser=sub)
                _name_own_parsers(sub)


def names_a_corpus(argv: list[str]) -> bool:
    """Does ``argv`` start with a corpus rather than a command (``claimdesk ~/news``, ``claimdesk feed.xml``)?
    A word that is neither a command nor looks like a path stays a mistyped command."""
    if not argv or argv[0].startswith("-") or argv[0] in COMMAND_MODULES:
        return False
    first = argv[0]
    return os.path.lexists(first) or os.sep in first or "." in first


def module_needed(argv: list[str]) -> str | None:
    """The one subcommand module ``argv`` runs, or None when the whole parser is needed (help, a
    typo, an option before the command). Plain ``claimdesk`` runs ``review``."""
    if not argv:
        return "review"
    if argv[0].startswith("-") or any(a in ("-h", "--help", "--version") for a in argv):
        return None
    return COMMAND_MODULES.get(argv[0])


def parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; an argument no parser knows is reported with its subcommand's usage (argparse
    would print the top-level one, which does not say what the subcommand takes)."""
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        own = getattr(args, "parser", None) or parser
        own.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``claimdesk`` console script."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if names_a_corpus(argv):  # `claimdesk CORPUS` opens the review app on it
        argv = ["review", *argv]
    parser = build_parser(only=module_needed(argv))
    args = parse(parser, argv)
    if args.command is None:  # plain `claimdesk` opens the review app on the bundled corpus
        args = parse(parser, ["review", *(argv or [])])
    try:
        return int(args.run(args) or 0)
    except CliError as error:
        print(f"claimdesk: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        # Every file is already consistent (stores were closed while the interrupt unwound; caches are
        # written to temporary names and renamed). Leave at once: interpreter exit would join the
        # threads feeding parser processes, which block forever on a pipe nobody reads any more.
        print("claimdesk: interrupted", file=sys.stderr)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(130)
    except BrokenPipeError:  # `claimdesk articles --json | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
