"""From one correction to a proposed rule: relabel, removal, rejection, correction, a chrome paragraph.

Each ``propose_for_*`` function returns a :class:`Proposal` (not saved yet: the app previews it first,
then :func:`~claimdesk.annotations.rules.apply.save` keeps it) or ``None`` when

- no sensible rule follows from the correction;
- the same rule is already in force, or the reviewer declined it when it was proposed before
  (:func:`~claimdesk.annotations.rules.apply.decline`);
- the rule would change nothing but the mention just decided (:func:`~.preview.reaches_others`: no
  other mention in the corpus; for a chrome line, no other line like it either). The app asks right
  after a keypress, so the check stops after ``CHECK_SECONDS`` and then proposes the rule (its preview
  tells); typically it takes a few milliseconds.

A rejected claim yields a rule about the context that made it wrong ("N-year-old", a number inside a
name, a line of site chrome), never about the number alone.

The functions read the article's parse through ``extractor`` (cached parses; pass the app's
extractor), or through a default :class:`~claimdesk.annotations.extract.Extractor` when it is None.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..entities import RuleError
from ..extract import Extractor
from ..extraction.words import CASUALTY, REPORT_VERBS
from ..stored import Rule
from .kinds import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    ROLE_NAMES,
    describe,
    validate_rule,
)
from .patterns import (
    NEAR_LINE,
    hyphen_unit_after,
    line_at,
    line_pattern,
    looks_like_chrome,
    name_before,
    name_tokens,
    noun_before,
    number_tokens,
    shared_line_pattern,
    span_of,
    token_pattern,
    words_before,
)
from .preview import reaches_others
from .proposal import Proposal, is_declined, same_rules

CHECK_SECONDS = 0.1  # at most this long to find whether a rule would change any other mention
LEXICON_FIELDS = (("counted", "counted"), ("predicate", "predicate"), ("source", "source_verb"))


# -- entities -------------------------------------------------------------------------------------

def propose_for_relabel(session, entity, new_label: str, *, extractor=None) -> Proposal | None:
    """A relabelled (or added) entity: its words, labelled ``new_label`` wherever they occur."""
    extractor = _extractor(extractor)
    doc = _doc(session, entity.article, extractor)
    tokens = name_tokens(doc, entity.start, entity.end)
    if tokens is None:
        return None
    text = tokens.text
    data = {"label": new_label, "pattern": token_pattern(tokens), "text": text}
    provenance = _provenance(entity.id, "entities", "relabel", entity.text, before=entity.model_label or "",
                             after=new_label)
    return _proposal(session, extractor, ENTITY_LABEL, data, entity.article, tokens.start_char, tokens.end_char,
                     f'Label "{text}" as {new_label} everywhere', provenance)


def propose_for_removal(session, entity, *, extractor=None) -> Proposal | None:
    """A removed entity: its words never get that label (the one the model gave)."""
    label = entity.model_label or entity.label
    extractor = _extractor(extractor)
    doc = _doc(session, entity.article, extractor)
    tokens = name_tokens(doc, entity.start, entity.end)
    if tokens is None or not label:
        return None
    text = tokens.text
    data = {"label": label, "pattern": token_pattern(tokens), "text": text}
    provenance = _provenance(entity.id, "entities", "remove", entity.text, before=label)
    return _proposal(session, extractor, ENTITY_SUPPRESS, data, entity.article, tokens.start_char, tokens.end_char,
                     f'"{text}" is never a {label} entity', provenance)


# -- claims ---------------------------------------------------------------------------------------

def propose_for_rejection(session, claim, *, extractor=None) -> Proposal | None:
    """A rejected claim: what made it no claim — a hyphenated unit after the number ("-year-old"), the
    name it belongs to ("Su-", "Flight"), a line of site chrome, a noun labelling it ("page"), else the
    two words before it ("a day or two") — or None."""
    if claim.status == "added":
        return None
    article = session.article(claim.article)
    extractor = _extractor(extractor)
    doc = _doc(session, claim.article, extractor)
    numbers = number_tokens(doc, claim.start, claim.end)
    if numbers is None:
        return None
    first, last = numbers
    provenance = _provenance(claim.id, "claims", "reject", claim.text)
    after = hyphen_unit_after(doc, last)
    if after is not None:
        words = "".join(t.get("TEXT") or t.get("LOWER") for t in after)
        return _proposal(session, extractor, CLAIM_SUPPRESS, {"where": "after", "pattern": after, "text": words},
                         claim.article, claim.start, claim.end, f'A number followed by "{words}" is not a claim',
                         provenance)
    before = name_before(doc, first)
    if before is not None:
        words = "".join(t["TEXT"] for t in before) if before[-1]["TEXT"] == "-" else before[0]["TEXT"]
        return _proposal(session, extractor, CLAIM_SUPPRESS, {"where": "before", "pattern": before, "text": words},
                         claim.article, claim.start, claim.end,
                         f'A number in a name after "{words}" is not a claim', provenance)
    if looks_like_chrome(doc, article.text, claim.start):
        start, end = line_at(article.text, claim.start)
        line = article.text[start:end].strip()
        pattern = line_pattern(line)
        if pattern is not None:
            data = {"where": "line", "pattern": pattern, "text": line[:80]}
            return _proposal(session, extractor, CLAIM_SUPPRESS, data, claim.article, claim.start, claim.end,
                             f'Numbers on lines like "{line[:40]}" are not claims', provenance)
    before = noun_before(doc, first) or words_before(doc, first)
    if before is not None:
        words = " ".join(t["LOWER"] for t in before)
        return _proposal(session, extractor, CLAIM_SUPPRESS, {"where": "before", "pattern": before, "text": words},
                         claim.article, claim.start, claim.end, f'A number after "{words}" is not a claim',
                         provenance)
    return None


def propose_for_correction(session, claim, *, extractor=None) -> Proposal | None:
    """A corrected (or added) claim: a word the claim finder should know — the counted noun right after
    the number, the predicate, or the verb whose subject is the source — or None."""
    if claim.status not in ("corrected", "added"):
        return None
    changed = claim.changed_fields if claim.status == "corrected" else [n for n, _ in LEXICON_FIELDS]
    extractor = _extractor(extractor)
    doc = _doc(session, claim.article, extractor)
    span = span_of(doc, claim.start, claim.end)
    if span is None:
        return None
    try:
        sentence = span.sent
    except ValueError:  # no sentence boundaries (a bare tokenisation)
        sentence = doc[:]
    for name, role in LEXICON_FIELDS:
        value = str(claim.fields.get(name) or "").strip()
        if name not in changed or not value:
            continue
        word = _lexicon_word(role, value, span, sentence)
        if word is None:
            continue
        data = {"role": role, "word": word}
        provenance = _provenance(claim.id, "claims", claim.status, claim.text, field=name,
                                 before=str(claim.original.get(name, "")), after=value)
        found = _proposal(session, extractor, CLAIM_LEXICON, data, claim.article, claim.start, claim.end,
                          f'Teach "{word}" as {ROLE_NAMES[role]}', provenance)
        if found is not None:
            return found
    return None


def _lexicon_word(role: str, value: str, span, sentence) -> str | None:
    """The word of the sentence that the corrected ``value`` points at, if the claim finder lacks it."""
    head = value.split()[-1].lower().strip(".,;:'\"")
    doc = span.doc
    if role == "counted":
        for tok in doc[span.end:min(len(doc), span.end + 3)]:
            if tok.is_punct:
                break
            if tok.lower_ == head or tok.lemma_.lower() == head:
                return tok.lower_
        return None
    if role == "predicate":
        for tok in sentence:
            if (tok.lower_ == head or tok.lemma_.lower() == head) and tok.is_alpha:
                lemma = (tok.lemma_ or tok.text).lower()
                return lemma if lemma not in CASUALTY else None
        return None
    for tok in sentence:  # source_verb: the verb whose subject holds the source's last word
        if tok.pos_ != "VERB" or (tok.lemma_ or "").lower() in REPORT_VERBS:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ == head for t in child.subtree):
                return tok.lemma_.lower()
    return None


# -- boilerplate ----------------------------------------------------------------------------------

def lines_alike(session, article_id: str, line: str, limit: int = 5) -> list[str]:
    """Lines of other articles near-identical to ``line`` (a credit line with other names in it)."""
    others = {text.strip() for article in session.articles if article.id != article_id
              for text in article.text.split("\n") if text.strip()}
    found = process.extract(line, list(others), scorer=fuzz.ratio, score_cutoff=NEAR_LINE, limit=limit)
    return [text for text, _, _ in found if text != line]


def propose_for_boilerplate(session, article_id: str, start: int, end: int) -> Proposal | None:
    """A paragraph marked as site chrome: a pattern for lines like it, for the cleaner — the opening and
    closing words it shares with near-identical lines of other articles, else its opening words. (No
    parse needed: it is proposed when another line of the corpus is like it.)"""
    article = session.article(article_id)
    if article is None:
        return None
    line_start, line_end = line_at(article.text, min(max(0, start), len(article.text)))
    line = article.text[line_start:line_end].strip()
    pattern = shared_line_pattern(line, lines_alike(session, article_id, line)) or line_pattern(line)
    if pattern is None:
        return None
    mark = next((m for m in session.store.boilerplate(article_id)
                 if m["selector"]["position"]["start"] <= line_start + len(line) and m["selector"]["position"]["end"]
                 >= line_start), None)
    provenance = _provenance(mark["id"] if mark else "", "boilerplate", "mark", line[:80])
    return _proposal(session, None, BOILERPLATE, {"pattern": pattern, "text": line[:80]}, article_id, line_start,
                     line_start + len(line), f'Lines like "{line[:40]}" are site chrome', provenance)


def proposal_from_rule(rule: Rule) -> Proposal:
    """A stored rule as a proposal, to preview what it does again (the Rules screen's ``p``)."""
    position = (rule.selector or {}).get("position") or {}
    pattern, label = describe(rule.kind, rule.data)
    return Proposal(rule.kind, dict(rule.data), rule.article, position.get("start", 0),
                    position.get("end", 0), f"{pattern} → {label}", dict(rule.provenance))


# -- common ---------------------------------------------------------------------------------------

def _provenance(annotation: str, table: str, decision: str, text: str, **more: str) -> dict:
    return {"annotation": annotation, "table": table, "decision": decision, "text": text[:80],
            **{k: v for k, v in more.items() if v}}


def _proposal(session, extractor, kind: str, data: dict, article_id: str, start: int, end: int, summary: str,
              provenance: dict) -> Proposal | None:
    """The proposal, unless its data is invalid, the same rule is already enabled or was declined, or it
    would change no other mention (see the module)."""
    try:
        data = validate_rule(kind, data)
    except RuleError:
        return None
    if any(
            r.get("enabled") or is_declined(r) for r in same_rules(session.store.rules(kind=kind), kind, data)):
        return None
    proposal = Proposal(kind, data, article_id, start, end, summary, provenance)
    return proposal if reaches_others(session, extractor, proposal, CHECK_SECONDS) else None


def _extractor(extractor):
    """``extractor``, or a default one (cached parses; the model loads only if a parse is missing)."""
    if extractor is None:
        extractor = Extractor()
    return extractor


def _doc(session, article_id: str, extractor):
    """The article's parse: cached when it can be, else parsed by the model."""
    article = session.article(article_id)
    return extractor.cached_doc(article) or extractor.doc(article)
