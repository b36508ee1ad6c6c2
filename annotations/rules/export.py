"""Learned entity label rules as a spaCy ``EntityRuler`` patterns file (JSON Lines, one pattern a line).

    nlp.add_pipe("entity_ruler").from_disk("patterns.jsonl")

Only ``entity_label`` rules have an ``EntityRuler`` form; each line is ``{"label", "pattern", "id"}``
with the rule's id. Every pattern is validated before it is written, and the file is written to a
temporary name and renamed, so a bad or half-written file never replaces a good one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..entities import RuleError
from .kinds import ENTITY_LABEL, bare_vocab, validate_rule


def spacy_patterns(store) -> list[dict]:
    """The enabled entity label rules as ``EntityRuler`` patterns (invalid ones left out)."""
    vocab = bare_vocab()
    out = []
    for rule in store.rules(kind=ENTITY_LABEL, enabled=True):
        try:
            data = validate_rule(ENTITY_LABEL, rule.get("data") or {}, vocab)
        except RuleError:
            continue
        out.append({"label": data["label"], "pattern": data["pattern"], "id": rule["id"]})
    return out


def export_spacy_patterns(store, path: str | os.PathLike) -> int:
    """Write the patterns file at ``path``; returns how many patterns it holds."""
    path = Path(path)
    patterns = spacy_patterns(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for pattern in patterns:
                handle.write(json.dumps(pattern, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(patterns)
