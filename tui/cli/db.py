"""``claimdesk db info`` (what an annotation store holds, who has it open, its backups) and ``db repair``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .corpus_arg import add_corpus_arguments, db_path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "db", help="inspect an annotation store",
        description="Inspect an annotation store (the file of review decisions).",
    )
    commands = parser.add_subparsers(dest="db_command", metavar="SUBCOMMAND")
    info = commands.add_parser(
        "info", help="counts, schema version, lock holder and backups of a store",
        description="Print what an annotation store holds (counts by kind and status), its schema version, "
                    "who holds its lock, and its backups. Opens the store read-only: safe while a review runs.",
    )
    add_corpus_arguments(info)
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(run=run_info)
    repair = commands.add_parser(
        "repair", help="copy the sound part of a store with a damaged journal into a new store",
        description="When a store's journal has a corrupt line, write a NEW store holding its database file "
                    "and every journal entry before that line, and say where. The damaged store is never changed.",
    )
    repair.add_argument("file", type=Path, metavar="FILE", help="the damaged store's database file")
    repair.add_argument("-o", "--output", type=Path, metavar="NEW",
                        help="where to write the repaired store (default: FILE's name + .repaired-<UTC time>)")
    repair.set_defaults(run=run_repair)
    compact = commands.add_parser(
        "compact", help="shrink a store's journal to what undo and redo need",
        description="Rewrite a store's journal keeping the steps that can still be undone (the last N with "
                    "--undo-depth) or redone, after writing a checkpoint. The history of other steps is dropped. "
                    "Takes the store's lock: close the review first.",
    )
    compact.add_argument("file", type=Path, metavar="FILE", help="the store's database file")
    compact.add_argument("--undo-depth", type=int, metavar="N", default=None,
                         help="keep only the last N steps to undo (default: all of them)")
    compact.set_defaults(run=run_compact)
    parser.set_defaults(run=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    from . import CliError

    raise CliError("db needs a subcommand: claimdesk db info [--db FILE] | db repair FILE | db compact FILE")


def run_info(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean, clean_line
    from claimdesk.annotations.store import StoreError, open_store

    from . import CliError

    path = db_path(args)
    try:
        with open_store(path, read_only=True) as store:
            info = store.info()
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return 0
    for line in format_info(info):
        print(clean(line).replace("\n", " "))
    return 0


def run_repair(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError
    from claimdesk.annotations.store.repair import repair_store

    from . import CliError

    try:
        result = repair_store(args.file, args.output)
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    print(clean_line(result.describe()))
    return 0


def run_compact(args: argparse.Namespace) -> int:
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError, open_store

    from . import CliError

    if args.undo_depth is not None and args.undo_depth < 0:
        raise CliError("--undo-depth must be 0 or more")
    try:
        if not args.file.expanduser().exists():
            raise CliError(clean_line(f"{args.file}: no annotation store here"))
        with open_store(args.file, lock_wait=0) as store:
            result = store.compact(args.undo_depth)
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None
    print(clean_line(f"{store.path}: journal compacted from {result['entries_before']} entries "
                     f"({_size(result['bytes_before'])}) to {result['entries_after']} entries "
                     f"({_size(result['bytes_after'])})"))
    return 0


def format_info(info: dict) -> list[str]:
    """The human-readable report (every line is sanitised by the caller)."""
    counts = info["counts"]
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(counts["claims_by_status"].items())) or "none"
    actions = ", ".join(f"{n} {a}" for a, n in sorted(counts["entities_by_action"].items())) or "none"
    lock = info["lock"]
    if lock.get("held") and lock.get("pid"):
        holder = f"held by pid {lock['pid']} on {lock['host']}" + (
            f" ({lock['reviewer']})" if lock.get("reviewer") else "") + f", since {lock['since']}"
    elif lock.get("held"):
        holder = "held (holder unknown)"
    else:
        holder = "free"
    lines = [
        f"store:      {info['path']}",
        f"journal:    {info['journal']} ({_size(info['journal_size'])}, {counts['journal_entries']} entries; "
        f"undo {counts['undo']}, redo {counts['redo']})",
        f"schema:     {info['schema']} (written by claimdesk {info['app_version'] or '?'}; created {info['created']})",
        f"corpus:     {info['corpus'] or '(not recorded)'}",
        f"size:       {_size(info['size'])} (holds the journal up to entry {info['checkpoint_seq']} of "
        f"{info['seq']}; undo depth {info['undo_depth'] if info['undo_depth'] is not None else 'unlimited'})",
        f"claims:     {counts['claims']} ({statuses}) in {counts['articles']} articles",
        f"entities:   {counts['entities']} ({actions})",
        f"links:      {counts['links']}; clusters: {counts['clusters']}",
        f"rules:      {counts['rules']} ({counts['rules_enabled']} enabled)",
        f"boilerplate marks: {counts['boilerplate']}",
        f"orphans:    {counts['orphans']}",
        f"lock:       {holder}",
        f"backups:    {len(info['backups'])}",
    ]
    lines += [f"  {b['path']} ({_size(b['size'])})" for b in info["backups"]]
    lines += [f"warning:    {w}" for w in info["warnings"]]
    return lines


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
