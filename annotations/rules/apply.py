"""Saving a proposed rule (journaled: one undo step) and re-extracting from cached parses after a change."""

from __future__ import annotations

from typing import Callable, Iterable

from ..anchoring import make_selector
from ..store.records import utc_now
from .compiled import ExtractionRules, may_apply, rules_for_extractor
from .kinds import validate_rule
from .propose import Proposal, replaced_rules

ProgressCallback = Callable[[int, int, str], None]


class RuleSaveError(Exception):
    """The rule cannot be saved: no writable annotation file, or invalid data."""


def writable_store(session):
    store = session.store
    if store is None:
        raise RuleSaveError("no annotation file is open; nothing can be saved")
    if store.read_only:
        raise RuleSaveError("the annotation file is open read-only (another session holds it)")
    return store


def save(session, proposal: Proposal) -> dict:
    """Keep ``proposal`` as a rule for the whole corpus (validated first: a bad pattern never reaches the
    file), deleting the rules it contradicts, as one journal entry (``u`` undoes it). Returns the rule."""
    from ..entities import RuleError

    store = writable_store(session)
    try:
        data = validate_rule(proposal.kind, proposal.data)
    except RuleError as error:
        raise RuleSaveError(f"the rule is not valid: {error}") from None
    article = session.article(proposal.article_id)
    selector = None
    if article is not None and 0 <= proposal.start <= proposal.end <= len(article.text):
        selector = make_selector(article.text, proposal.start, proposal.end)
    with store.batch("learn_rule"):
        for old in replaced_rules(store.rules(), proposal):
            store.delete_rule(old["id"])
        return store.add_rule(proposal.kind, data, article_id=proposal.article_id, selector=selector,
                              provenance={**proposal.provenance, "created": utc_now()})


def articles_for(session, rules: Iterable[dict]) -> list[str]:
    """Ids of the articles these rules may change (what to re-extract after enabling, disabling or
    deleting them)."""
    rules = list(rules)
    return [a.id for a in session.articles if any(may_apply(rule, a) for rule in rules)]


def reextract(session, extractor, article_ids: Iterable[str] | None = None,
              progress: ProgressCallback | None = None, *, force: bool = False) -> list[str]:
    """Give ``extractor`` the rules now in the store and re-extract the session's articles (``article_ids``,
    default every extracted one) from their cached parses; the model runs only for a parse the cache
    lacks. Calls ``session.set_extraction`` where the results changed; returns those article ids.

    With ``article_ids=None`` and the same rules as before, nothing is done (cheap after any undo)."""
    rules = ExtractionRules(rules_for_extractor(session.store) if session.store is not None else [],
                            vocab=extractor.rules.vocab)
    unchanged = rules.key == extractor.rules.key
    extractor.set_rules(rules)
    if article_ids is None and unchanged and not force:
        return []
    wanted = set(article_ids) if article_ids is not None else None
    articles = [a for a in session.articles if session.extracted(a.id) and (wanted is None or a.id in wanted)]
    changed = []
    for done, article in enumerate(articles, 1):
        doc = extractor.cached_doc(article)
        result = extractor.from_doc(article, doc, cached=True) if doc is not None else extractor.extract_one(article)
        old = session.extraction(article.id)
        if old is None or old.claims != result.claims or old.entities != result.entities:
            session.set_extraction(result)
            changed.append(article.id)
        if progress is not None:
            progress(done, len(articles), article.path)
    return changed
