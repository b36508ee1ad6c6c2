"""``prodigy``: Prodigy JSONL tasks, one per exported claim and one per exported entity record.

Each task is the paragraph around the annotation (``text``), its ``tokens`` (spaCy's English
tokenizer), one span (``start``, ``end``, ``label``, ``token_start``, ``token_end`` — inclusive — snapped
to whole tokens), the decision as ``answer`` and where it came from in ``meta``. Claims are labelled
``CLAIM``; entities carry their current label (a removed entity its old one, answered ``reject``).
"""

from __future__ import annotations

from typing import TextIO

from .jsonl import dumps
from .records import CLAIM_LABEL, ExportData, ProgressCallback
from .tokens import make_doc, paragraph_bounds, snap

CLAIM_ANSWERS = {"accepted": "accept", "corrected": "accept", "added": "accept", "rejected": "reject",
                 "pending": "ignore"}
ENTITY_ANSWERS = {"relabelled": "accept", "added": "accept", "removed": "reject", "model": "ignore",
                  "rule": "ignore"}


class _Paragraphs:
    """Tokenised paragraphs: each tokenised, and its ``tokens`` list encoded as JSON, once however many
    annotations it holds (the tokens are most of every task)."""

    def __init__(self):
        self._seen: dict[str, tuple[object, str]] = {}

    def get(self, text: str) -> tuple[object, str]:
        """(the paragraph's Doc, its Prodigy ``tokens`` as JSON)."""
        seen = self._seen.get(text)
        if seen is None:
            doc = make_doc(text)
            tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
                      for t in doc]
            seen = self._seen[text] = (doc, dumps(tokens))
        return seen


def task_line(record: dict, article_text: str, paragraphs: _Paragraphs) -> str | None:
    """The Prodigy task of one claim or entity record as a JSON line (keys sorted, as :func:`.jsonl.dumps`
    writes them), or ``None`` for an orphan: its text is gone."""
    if record["orphan"]:
        return None
    left, right = paragraph_bounds(article_text, record["start"], record["end"])
    text = article_text[left:right]
    doc, tokens = paragraphs.get(text)
    span = snap(doc, record["start"] - left, record["end"] - left)
    if span is None:
        return None
    article = record["article"]
    meta = {"article": article["path"], "title": article["title"], "source": article["source"],
            "date": article["date"], "url": article["url"], "offset": left, "status": record["status"]}
    if record["kind"] == "claim":
        label, answer = CLAIM_LABEL, CLAIM_ANSWERS[record["status"]]
        fields = record["fields"]  # the unit and change also on their own, as Prodigy's card shows meta
        meta.update(claim=record["id"], fields=fields, unit=fields.get("unit", ""), change=fields.get("change", ""))
    else:
        label = record["label"] or record["model_label"]  # a removed entity: the label it had
        answer = ENTITY_ANSWERS[record["status"]]
        meta["entity"] = record["id"]
    rest = dumps({
        "text": text,
        "spans": [{"start": span.start_char, "end": span.end_char, "label": label, "token_start": span.start,
                   "token_end": span.end - 1}],
        "answer": answer,
        "meta": meta,
    })
    return f'{rest[:-1]},"tokens":{tokens}}}'  # "tokens" sorts last: the line dumps() of the whole task gives


def write(data: ExportData, out: TextIO, progress: ProgressCallback | None = None) -> list[str]:
    paragraphs = _Paragraphs()
    records = [*data.claims, *data.entities]
    left_out = 0
    for done, record in enumerate(records, 1):
        article = data.articles[record["article"]["id"]]
        line = task_line(record, article.text, paragraphs)
        if line is None:
            left_out += 1
        else:
            out.write(line + "\n")
        if progress and (done % 200 == 0 or done == len(records)):
            progress(done, len(records), "")
    return [f"{left_out} orphaned annotations (their text is no longer in the article) were left out"] if left_out else []
