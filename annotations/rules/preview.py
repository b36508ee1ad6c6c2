"""What a rule would do: extraction with and without it, compared on the cached parses (no model run).

:func:`preview` answers the question a reviewer asks before saving a proposed rule: how many other
mentions would it add, remove or change, in how many articles, and which are the first few? (A chrome
line rule also counts the other lines like it, which the cleaner drops at the next load.)
:func:`reaches_others` asks only whether there is any, and stops at the first: a rule that changes
nothing but the mention just decided is not proposed. :func:`compare` is the engine (the Rules screen
measures saved rules with it too).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..extraction.compiled import ExtractionRules, may_apply, may_drop, rule_lines, rules_for_extractor
from ..fields import claim_fields, describe_value
from .kinds import BOILERPLATE, CLAIM_SUPPRESS, ENTITY_LABEL, ENTITY_SUPPRESS
from .patterns import line_at
from .proposal import Proposal, replaced_rules, same_data

ProgressCallback = Callable[[int, int, str], None]  # (articles done, articles in all, article path)
AtHand = Callable[[object], object]  # an article → its extraction under the base rules, or None
EXAMPLES = 5
CONTEXT_WIDTH = 160


@dataclass(frozen=True)
class Effect:
    """One mention a rule changes: an entity or a claim added, removed, or changed (label or fields)."""

    article_id: str
    title: str
    what: str  # "entity" | "claim"
    action: str  # "add" | "remove" | "change"
    start: int
    end: int
    text: str
    before: str  # the label, or the claim in words ("" when added)
    after: str  # ("" when removed)
    context: str = ""  # the sentence (clipped); the span is context[context_start:context_end]
    context_start: int = 0
    context_end: int = 0
    fields: dict = field(default_factory=dict)  # a claim's fields after the change
    changed_fields: tuple = ()  # the claim fields the change set


@dataclass
class Comparison:
    """Effects of going from one rule set to another, over the articles compared."""

    effects: list[Effect] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # ids of the articles whose results change
    checked: int = 0  # articles compared
    unparsed: int = 0  # articles skipped: no cached parse yet
    stopped: bool = False  # the time allowed ran out before every article was compared


@dataclass
class Preview:
    """A proposed rule's effect on the corpus, the corrected mention itself left out of the counts."""

    proposal: Proposal
    effects: list[Effect]  # every other mention it changes
    articles: list[str]  # every article whose results change (the corrected one too): what to re-extract
    examples: list[Effect]  # the first few effects, with their sentences
    checked: int = 0
    unparsed: int = 0
    seconds: float = 0.0
    lines: int = 0  # a chrome line rule: other lines like it, dropped by the cleaner at the next load
    line_articles: int = 0  # in how many articles

    def count(self, action: str) -> int:
        return sum(1 for e in self.effects if e.action == action)

    @property
    def added(self) -> int:
        return self.count("add")

    @property
    def removed(self) -> int:
        return self.count("remove")

    @property
    def changed(self) -> int:
        return self.count("change")

    @property
    def n_articles(self) -> int:
        """Articles where other mentions change."""
        return len({e.article_id for e in self.effects})

    def summary(self) -> str:
        """One line: "32 other mentions in 5 articles: 3 added, 0 removed, 29 changed" (and, for a chrome
        line rule, "; 4 other lines like it in 3 articles are dropped at the next load")."""
        total = len(self.effects)
        if not total:
            text = "No other mention changes"
        else:
            text = (f"{total} other {_plural(total, 'mention')} in {self.n_articles} "
                    f"{_plural(self.n_articles, 'article')}: {self.added} added, {self.removed} removed, "
                    f"{self.changed} changed")
        if self.lines:
            verb = "is" if self.lines == 1 else "are"
            text += (f"; {self.lines} other {_plural(self.lines, 'line')} like it in {self.line_articles} "
                     f"{_plural(self.line_articles, 'article')} {verb} dropped at the next load")
        return text if total or self.lines else text + "."


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def preview(session, extractor, proposal: Proposal, progress: ProgressCallback | None = None,
            examples: int = EXAMPLES) -> Preview:
    """Compare extraction under the rules in force with extraction once ``proposal`` is saved (rules it
    contradicts left out), over every article with a cached parse. For a rule already in the store
    (:func:`~.propose.proposal_from_rule`), what it does: the rules in force without it, and with it.
    CPU only: call it in a worker."""
    began = time.perf_counter()
    base, new, touched = _rule_sets(session, extractor, proposal)
    result = compare(extractor, session.articles, base, new, touched=touched, progress=progress,
                     examples=examples, keep=lambda e: not _at(e, proposal), known=_at_hand(session, extractor, base))
    others = [e for e in result.effects if not _at(e, proposal)]
    lines = other_lines(session.articles, proposal) if proposal.kind == BOILERPLATE else []
    return Preview(proposal, others, result.articles, [e for e in others if e.context][:examples],
                   result.checked, result.unparsed, time.perf_counter() - began, len(lines), len({a for a, _ in lines}))


def reaches_others(session, extractor, proposal: Proposal, seconds: float | None = None) -> bool:
    """Would ``proposal`` change anything but the mention it came from: another mention (what
    :func:`preview` counts), or for a chrome line rule another line like it? Stops at the first one it
    finds, in the corrected article first. Yes when it cannot tell: an article the rule may touch has
    no cached parse yet, or ``seconds`` ran out first (a rule on words in most articles of a large
    corpus that the model already gets right; the preview, in a worker, will tell)."""
    if proposal.kind == BOILERPLATE:  # it acts on lines only: another line like it, or nothing
        return bool(other_lines(session.articles, proposal, first=True))
    base, new, touched = _rule_sets(session, extractor, proposal)
    articles = sorted(session.articles, key=lambda a: a.id != proposal.article_id)
    until = None if seconds is None else time.perf_counter() + seconds
    result = compare(extractor, articles, base, new, touched=touched, keep=lambda e: not _at(e, proposal), first=True,
                     known=_at_hand(session, extractor, base), until=until)
    return result.unparsed > 0 or result.stopped or any(not _at(e, proposal) for e in result.effects)


def other_lines(articles: Iterable, proposal: Proposal, first: bool = False) -> list[tuple[str, int]]:
    """(article id, line start) of each line the chrome line rule ``proposal`` matches, its own line
    left out (only the first one found when ``first``)."""
    found = []
    for article in articles:
        for start, end in rule_lines(proposal.rule, article.text):
            if article.id == proposal.article_id and start <= proposal.end and proposal.start <= end:
                continue
            found.append((article.id, start))
            if first:
                return found
    return found


def _rule_sets(session, extractor, proposal: Proposal) -> tuple[ExtractionRules, ExtractionRules, list[dict]]:
    """The rules in force without ``proposal`` (base), with it instead of the rules it contradicts (new),
    and the rules that differ between the two."""
    current = rules_for_extractor(session.store)
    itself = {r["id"] for r in current if r["kind"] == proposal.kind and same_data(r.get("data"), proposal.data)}
    replaced = {r["id"] for r in replaced_rules(current, proposal)} - itself
    vocab = extractor.rules.vocab
    base = ExtractionRules([r for r in current if r["id"] not in itself], vocab=vocab)
    new = ExtractionRules([r for r in current if r["id"] not in itself | replaced] + [proposal.rule], vocab=vocab)
    # the articles where the rules it replaces act matter too
    return base, new, [proposal.rule] + [r for r in current if r["id"] in replaced]


def _at_hand(session, extractor, base: ExtractionRules) -> AtHand | None:
    """The session's extraction of an article, when it was made under ``base`` (the extractor's rules are
    the same): what :func:`compare` need not extract again."""
    if base.key != extractor.rules.key:
        return None
    return lambda article: session.extraction(article.id)


def _at(effect: Effect, proposal: Proposal) -> bool:
    """Is this the corrected mention itself?"""
    return effect.article_id == proposal.article_id and effect.start < proposal.end and proposal.start < effect.end


def compare(extractor, articles: Iterable, base: ExtractionRules, new: ExtractionRules, *,
            touched: list[dict] | None = None, progress: ProgressCallback | None = None, examples: int = 0,
            keep: Callable[[Effect], bool] = lambda e: True, first: bool = False,
            known: AtHand | None = None, until: float | None = None) -> Comparison:
    """Extract each article's cached parse under ``base`` and under ``new`` and list the differences.

    ``touched``: the rules that differ (articles they cannot affect are skipped). When they are all
    entity rules, an article whose entities come out the same is skipped without extracting its claims;
    when ``new`` is ``base`` plus claim suppression rules only, ``new`` only filters what ``base`` found.
    ``known``: an article's extraction under ``base`` when it is at hand (else None: extracted here).
    The first ``examples`` effects that ``keep`` accepts get their sentence. ``first``: stop after the
    first article with an effect that ``keep`` accepts. ``until``: a ``time.perf_counter()`` time to
    stop at (``stopped`` says so)."""
    articles = list(articles)
    entities_only = touched is not None and all(r.get("kind") in (ENTITY_LABEL, ENTITY_SUPPRESS) for r in touched)
    filters_only = bool(touched) and all(r.get("kind") == CLAIM_SUPPRESS for r in touched) and (
        {r["id"] for r in new.rules} == {r["id"] for r in base.rules} | {r["id"] for r in touched})
    out = Comparison()
    shown = 0
    for done, article in enumerate(articles, 1):
        if progress is not None:
            progress(done, len(articles), article.path)
        if until is not None and time.perf_counter() > until:
            out.stopped = True
            break
        if touched is not None and not any(may_apply(rule, article) for rule in touched):
            continue
        before = known(article) if known is not None else None
        if filters_only and before is not None and not any(may_drop(r, article, before.claims) for r in touched):
            out.checked += 1  # no claim it found is near the words of the filters (no parse needed to tell)
            continue
        doc = extractor.cached_doc(article)
        if doc is None:
            out.unparsed += 1
            continue
        out.checked += 1
        if entities_only and _entities(base, doc) == _entities(new, doc):
            continue  # the same entities: the same claims too (the rules differ in nothing else)
        if before is None:
            before = extractor.from_doc(article, doc.copy(), cached=True, rules=base)
        if filters_only:  # what base found, less what the added filters drop
            claims, entities = new.filter(article, doc, before.claims, before.entities)
            after = replace(before, claims=claims, entities=entities)
        else:
            after = extractor.from_doc(article, doc, cached=True, rules=new)
        effects = diff(before, after)
        if not effects:
            continue
        out.articles.append(article.id)
        for effect in effects:
            if shown < examples and keep(effect):
                effect = with_context(effect, article.text, doc)
                shown += 1
            out.effects.append(effect)
        if first and any(keep(e) for e in effects):
            break
    return out


def _entities(rules: ExtractionRules, doc) -> list[tuple[int, int, str]]:
    """The entities of a copy of ``doc`` once ``rules`` are applied (``doc`` itself is left as it is)."""
    return [(e.start, e.end, e.label_) for e in rules.apply(doc.copy()).ents]


# -- differences ----------------------------------------------------------------------------------

def diff(before, after) -> list[Effect]:
    """What changed between two extractions of one article (``ArticleExtraction``), in text order.
    A removed and an added mention that overlap are one change."""
    article = after.article
    entities = _diff(article, "entity", {(e.start, e.end): e for e in before.entities},
                     {(e.start, e.end): e for e in after.entities}, lambda e: e.label)
    claims = _diff(article, "claim", {(c.start, c.end): c for c in before.claims},
                   {(c.start, c.end): c for c in after.claims}, claim_words)
    return sorted(entities + claims, key=lambda e: (e.start, e.end, e.what))


def _diff(article, what: str, old: dict, new: dict, show) -> list[Effect]:
    def effect(action, span, text, was, now):
        if what == "entity" or action == "remove":
            return Effect(article.id, article.title, what, action, span[0], span[1], text, was, now)
        fields = claim_fields(new[span])
        previous = claim_fields(old[span]) if span in old else {}
        changed = tuple(k for k in fields if previous.get(k) != fields[k]) if previous else tuple(fields)
        return Effect(article.id, article.title, what, action, span[0], span[1], text, was, now,
                      fields=fields, changed_fields=changed)

    out = []
    removed = [span for span in old if span not in new]
    added = [span for span in new if span not in old]
    for span in old.keys() & new.keys():
        was, now = show(old[span]), show(new[span])
        if was != now:
            out.append(effect("change", span, new[span].text, was, now))
    paired = set()
    for span in removed:
        partner = next((a for a in added if a not in paired and a[0] < span[1] and span[0] < a[1]), None)
        if partner is None:
            out.append(effect("remove", span, old[span].text, show(old[span]), ""))
            continue
        paired.add(partner)
        out.append(effect("change", partner, new[partner].text, f"{show(old[span])} ({old[span].text})",
                          show(new[partner])))
    for span in added:
        if span not in paired:
            out.append(effect("add", span, new[span].text, "", show(new[span])))
    return out


def claim_words(claim) -> str:
    """A claim in a few words: "about 400 civilians killed — Armenia"."""
    fields = claim_fields(claim)
    words = [describe_value(fields), fields.get("counted") or "", fields.get("predicate") or ""]
    text = " ".join(w for w in words if w)
    return f"{text} — {fields['source']}" if fields.get("source") else text


def with_context(effect: Effect, text: str, doc=None, width: int = CONTEXT_WIDTH) -> Effect:
    """``effect`` with its sentence (from the parse; else its line), clipped at word boundaries to about
    ``width`` characters around the span ("…" where it was cut)."""
    start, end = line_at(text, effect.start)
    if doc is not None:
        span = doc.char_span(effect.start, effect.end, alignment_mode="expand")
        try:
            sent = span.sent if span is not None else None
        except ValueError:  # no sentence boundaries
            sent = None
        if sent is not None:
            start, end = max(start, sent.start_char), min(end, sent.end_char)
    start, end = min(start, effect.start), max(end, effect.end)
    head = tail = ""
    if end - start > width:
        room = max(0, width - (effect.end - effect.start)) // 2
        if effect.start - room > start:
            cut = text.find(" ", effect.start - room, effect.start)
            start, head = (cut + 1 if cut >= 0 else effect.start), "…"
        if effect.end + room < end:
            cut = text.rfind(" ", effect.end, effect.end + room)
            end, tail = (cut if cut >= 0 else effect.end), "…"
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    offset = start + lead - len(head)
    return replace(effect, context=head + body.strip() + tail, context_start=effect.start - offset,
                   context_end=effect.end - offset)
