"""``brat``: standoff files in a folder: for each exported article ``NAME.txt`` (its clean text) and
``NAME.ann``, plus an ``annotation.conf`` declaring the types.

Entities are text-bound annotations with their current label (``T1<TAB>GPE 10 17<TAB>Armenia``),
claims are ``Claim`` annotations with a ``Status`` attribute (and a ``Change`` one, up or down, for a
figure stated as a change) and their fields in an ``AnnotatorNotes`` line (``unit=GBX``,
``from_value=2,415``, ``of_value=140,000``, ``of_unit=USD``…); links between claims of one article are
relations (``Same``, ``Update``, ``Contradicts``, ``Related``), links to other articles are named in the
note. A span across a line break is written as fragments (``start end;start end``), as brat requires.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..fields import format_value
from ..sanitize import clean_line
from .records import ExportData, ProgressCallback, VisibleEntity, claim_summary

CLAIM_TYPE = "Claim"
CHANGES = ("up", "down")  # a claim's change, as its Change attribute
RELATIONS = {"same": "Same", "update": "Update", "contradicts": "Contradicts", "related": "Related"}


def file_stem(article) -> str:
    """A safe, unique file name for an article: its name's letters and digits, and its id."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(article.path.split("#")[0]).stem).strip("_")[:60] or "article"
    return f"{stem}-{article.id[:8]}"


@functools.lru_cache(maxsize=1024)  # a corpus has a handful of labels and 100,000s of entities
def brat_type(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", label).strip("_") or "Entity"


def fragments(text: str, start: int, end: int) -> tuple[str, str]:
    """``"s e"`` (or ``"s e;s e"`` across line breaks) and the covered text, line breaks as spaces."""
    covered = text[start:end]
    if "\n" not in covered and covered == covered.strip():  # the usual case: one piece, as it is
        return (f"{start} {end}", covered) if covered else ("", "")
    parts, texts, pos = [], [], start
    for line in covered.split("\n"):
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            parts.append(f"{pos + lead} {pos + lead + len(body)}")
            texts.append(body)
        pos += len(line) + 1
    return ";".join(parts), " ".join(texts)


def claim_note(record: dict) -> str:
    fields = record["fields"]
    bits = [claim_summary(record), f"value={format_value(fields.get('value'))}", f"approx={fields.get('approx', '')}"]
    for name in ("unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate", "source", "date"):
        if fields.get(name) not in (None, ""):
            bits.append(f"{name}={format_value(fields[name])}")
    if record["changed"]:
        bits.append("corrected: " + ", ".join(record["changed"]))
    bits.append(f"id={record['id']}")
    return clean_line(" | ".join(bits))


def ann_lines(article, claims: list[dict], entities: list[VisibleEntity]) -> tuple[list[str], set[str]]:
    """The ``.ann`` lines of one article, and the entity types used."""
    lines: list[str] = []
    types: set[str] = set()
    counters = {"T": 0, "A": 0, "R": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    for entity in entities:
        offsets, covered = fragments(article.text, entity.start, entity.end)
        if not offsets:
            continue
        label = brat_type(entity.label)
        types.add(label)
        tid = next_id("T")
        lines.append(f"{tid}\t{label} {offsets}\t{covered}")
        if entity.status in ("relabelled", "added"):
            lines.append(f"{next_id('A')}\tEdit {tid} {entity.status}")
    claim_ids: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    for record in claims:
        offsets, covered = ("", "") if record["orphan"] else fragments(article.text, record["start"], record["end"])
        if not offsets:
            continue
        tid = claim_ids[record["id"]] = next_id("T")
        lines.append(f"{tid}\t{CLAIM_TYPE} {offsets}\t{covered}")
        lines.append(f"{next_id('A')}\tStatus {tid} {record['status']}")
        if record["fields"].get("change") in CHANGES:
            lines.append(f"{next_id('A')}\tChange {tid} {record['fields']['change']}")
        notes[record["id"]] = [claim_note(record)]
    seen_links: set[str] = set()
    for record in claims:
        for link in record["links"]:
            a, b = link["a"]["claim"], link["b"]["claim"]
            if a in claim_ids and b in claim_ids:
                if link["id"] not in seen_links:
                    seen_links.add(link["id"])
                    lines.append(f"{next_id('R')}\t{RELATIONS[link['type']]} Arg1:{claim_ids[a]} Arg2:{claim_ids[b]}")
            elif record["id"] in notes:
                other = b if a == record["id"] else a
                notes[record["id"]].append(clean_line(f"{link['type']} → claim {other}"))
    for claim_id, note in notes.items():  # each part is clean already
        lines.append(f"{next_id('#')}\tAnnotatorNotes {claim_ids[claim_id]}\t{' | '.join(note)}")
    return lines, types


def annotation_conf(types: set[str]) -> str:
    relations = [f"{name}\tArg1:{CLAIM_TYPE}, Arg2:{CLAIM_TYPE}" for name in RELATIONS.values()]
    return "\n".join([
        "[entities]", CLAIM_TYPE, *sorted(types - {CLAIM_TYPE}), "",
        "[relations]", *relations, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "",
        "[events]", "",
        "[attributes]",
        f"Status\tArg:{CLAIM_TYPE}, Value:accepted|corrected|added|rejected|pending",
        f"Change\tArg:{CLAIM_TYPE}, Value:{'|'.join(CHANGES)}",
        "Edit\tArg:<ENTITY>, Value:relabelled|added", "",
    ])


def write(data: ExportData, folder: Path, progress: ProgressCallback | None = None) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    types: set[str] = set()
    documents = data.by_article()
    for done, (article_id, (claims, entities)) in enumerate(documents.items(), 1):
        article = data.articles[article_id]
        lines, used = ann_lines(article, claims, entities)
        types |= used
        stem = file_stem(article)
        (folder / f"{stem}.txt").write_text(article.text, encoding="utf-8", newline="")
        (folder / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="")
        if progress:
            progress(done, len(documents), article.path)
    (folder / "annotation.conf").write_text(annotation_conf(types), encoding="utf-8")
    return []
