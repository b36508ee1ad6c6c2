"""``claimdesk rules``: the rules learned from corrections — list them, learn new ones, export them for spaCy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CliError
from .corpus_arg import add_corpus_arguments, db_path

FORMATS = ("spacy-patterns",)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "rules", help="list, learn and export the rules learned from corrections",
        description="The extraction rules learned from reviewers' corrections, kept in the annotation file: "
                    "entity labels, entity and claim suppression, claim words, boilerplate lines.",
    )
    commands = parser.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")

    listing = commands.add_parser("list", help="every rule: kind, pattern, label, who made it, from what",
                                  description="List every rule in the annotation file (read-only: safe while a "
                                              "review runs): on, off, or declined (proposed in the app and "
                                              "answered 'this instance only'; never proposed or learned again). "
                                              "Given a team project: every reviewer's rules, each with everyone "
                                              "who proposed it, and flagged where another reviewer's decisions "
                                              "contradict it (found on the corpus extracted with the project's "
                                              "rules, as the Rules screen finds them).")
    _common(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per rule (JSON Lines)")
    listing.set_defaults(run=run_list)

    learn = commands.add_parser(
        "learn", help="turn recorded corrections that have no rule yet into rules",
        description="Turn the recorded corrections that have no rule yet (imported ones, say) into rules, as the "
                    "app does after each correction, and print what was created. Like the app, it skips rules "
                    "that were declined and rules that would change nothing but the corrected mention. One undo "
                    "step in the app.")
    _common(learn)
    learn.set_defaults(run=run_learn)

    export = commands.add_parser(
        "export", help="write the entity label rules as a spaCy EntityRuler patterns file",
        description="Write the enabled entity label rules as JSON Lines (one pattern per line, with its id) that "
                    "spaCy loads with nlp.add_pipe('entity_ruler').from_disk(PATH).")
    _common(export)
    export.add_argument("--format", required=True, choices=FORMATS, help="spacy-patterns: EntityRuler JSONL")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="the file to write")
    export.set_defaults(run=run_export)

    parser.set_defaults(run=_usage)


def _common(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(parser)


def _usage(args: argparse.Namespace) -> int:
    raise CliError("rules needs a subcommand: claimdesk rules list|learn|export [CORPUS] [--db FILE]")


def _open_read_only(args: argparse.Namespace):
    """The annotation file (``--db``, else the corpus's own), read-only; it must exist."""
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError, StoreNotFoundError, open_store

    path = db_path(args)
    try:
        return open_store(path, read_only=True)
    except StoreNotFoundError:
        raise CliError(f"annotation file not found: {clean_line(str(path))}") from None
    except StoreError as error:
        raise CliError(clean_line(str(error))) from None


# -- list -----------------------------------------------------------------------------------------

def run_list(args: argparse.Namespace) -> int:
    from claimdesk.annotations.stored import Rule
    from claimdesk.annotations.team import is_project

    from .corpus_arg import given_corpus

    conflicts: dict = {}
    if is_project(given_corpus(args)):
        rules, conflicts = _project_rules(args)
    else:
        with _open_read_only(args) as store:
            rules = [Rule.from_doc(doc) for doc in store.rules()]
    if args.json:
        for rule in rules:
            doc = rule.as_doc()
            if rule.proposers or rule.declined_by or rule.id in conflicts:
                doc.update(proposers=list(rule.proposers), declined_by=list(rule.declined_by),
                           contradicted=[c.describe() for c in conflicts.get(rule.id, [])])
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    for rule in rules:
        print("\n".join(rule_lines(rule, conflicts.get(rule.id, ()))) + "\n")
    enabled = sum(1 for r in rules if r.enabled)
    declined = sum(1 for r in rules if r.declined)
    flagged = sum(1 for r in rules if conflicts.get(r.id))
    print(f"{len(rules)} rules, {enabled} enabled" + (f", {declined} declined" if declined else "")
          + (f", {flagged} contradicted" if flagged else ""))
    return 0


def _project_rules(args: argparse.Namespace):
    """(a team project's rules, every reviewer's merged with who proposed each; rule id → the decisions
    of reviewers who did not propose it that contradict it, measured on the corpus extracted with them)."""
    from claimdesk.annotations.store import StoreError
    from claimdesk.annotations.stored import Rule
    from claimdesk.annotations.team.conflicts import rule_conflicts
    from claimdesk.annotations.team.stores import read_stores

    from .corpus_arg import given_corpus, review_session
    from .project import open_project, project_view

    if args.db is not None:
        raise CliError("a team project's rules are in its reviewers' stores: give the project, without --db")
    project = open_project(given_corpus(args))
    view, corpus = project_view(project.root, say=False)
    rules = [Rule.from_doc(doc) for doc in view.rules()]
    if not rules:
        return rules, {}
    session = review_session(corpus, view)
    try:
        stores = read_stores(project)
    except StoreError as error:
        raise CliError(str(error)) from None
    try:
        return rules, rule_conflicts(session, session.extractor, rules, stores)
    finally:
        for store in stores.values():
            store.close()


def rule_lines(rule, conflicts=()) -> list[str]:
    """A rule in three sanitised lines: id, kind, on/off/declined; pattern → label; who (in a project,
    every reviewer who proposed it), when and from what; and in a project, a fourth when other
    reviewers' decisions contradict it (the Rules screen's words)."""
    from claimdesk.annotations.rules import describe, describe_provenance
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.team.conflicts import conflict_flag

    pattern, label = describe(rule.kind, rule.data)
    origin = clean_line(describe_provenance(rule.provenance))
    when = rule.at[:16].replace("T", " ")
    who = ", ".join(rule.proposers) or rule.reviewer
    lines = [clean_line(f"{rule.id} {rule.kind} {rule.state}"),
             "  " + clean_line(f"{pattern} → {label}"),
             "  " + clean_line(f"by {who}, {when}" + (f" · from {origin}" if origin else ""))]
    if conflicts:
        lines.append("  " + clean_line(conflict_flag(conflicts)))
    return lines


# -- learn ----------------------------------------------------------------------------------------

def run_learn(args: argparse.Namespace) -> int:
    from claimdesk.annotations.nlp import ModelNotFound
    from claimdesk.annotations.rules import describe, describe_provenance, learn
    from claimdesk.annotations.sanitize import clean_line
    from claimdesk.annotations.store import StoreError, open_store

    from .corpus_arg import open_store_read_only, review_session

    peek, corpus = open_store_read_only(args, required=True)  # the corpus checked, the file's own by default
    peek.close()
    try:
        store = open_store(db_path(args, corpus), corpus=corpus)
    except StoreError as error:
        raise CliError(f"{clean_line(str(error))}; close that session and learn again") from None
    try:
        session = review_session(corpus, store)
        try:
            created = learn(session, session.extractor)
        except ModelNotFound as error:
            raise CliError(str(error)) from None
    finally:
        store.close()
    for rule in created:
        pattern, label = describe(rule.kind, rule.data)
        origin = describe_provenance(rule.provenance)
        print(clean_line(f"created {rule.id}: {rule.kind} {pattern} → {label} (from {origin})"))
    print(f"{len(created)} rule{'s' if len(created) != 1 else ''} created")
    return 0


# -- export ---------------------------------------------------------------------------------------

def run_export(args: argparse.Namespace) -> int:
    from claimdesk.annotations.rules import export_spacy_patterns
    from claimdesk.annotations.sanitize import clean_line

    with _open_read_only(args) as store:
        try:
            count = export_spacy_patterns(store, args.output.expanduser())
        except OSError as error:
            raise CliError(f"cannot write {clean_line(str(args.output))}: {error.strerror or error}") from None
    print(f"{count} pattern{'s' if count != 1 else ''} written to {clean_line(str(args.output))}", file=sys.stderr)
    return 0
