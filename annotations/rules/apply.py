"""Saving a proposed rule, or remembering that the reviewer declined it, and switching a rule on or off
(each one journal entry: one undo step); re-extracting from cached parses after a change."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..anchoring import make_selector
from ..entities import RuleError
from ..extraction.compiled import ExtractionRules, may_apply, rules_for_extractor
from ..ids import utc_now
from ..stored import DECLINED, Rule
from .kinds import validate_rule
from .proposal import Proposal, replaced_rules, same_rules

ProgressCallback = Callable[[int, int, str], None]


class RuleSaveError(Exception):
    """The rule cannot be saved: its data are invalid."""


def save(session, proposal: Proposal) -> Rule:
    """Keep ``proposal`` as a rule for the whole corpus (validated first: a bad pattern never reaches the
    file), deleting the rules it contradicts, as one journal entry (``u`` undoes it). Returns the rule."""
    store = session.writable_store()
    data, selector = _checked(session, proposal)
    with store.batch("learn_rule"):
        for old in replaced_rules(store.rules(), proposal):
            store.delete_rule(old["id"])
        return Rule.from_doc(store.add_rule(proposal.kind, data, article_id=proposal.article_id, selector=selector,
                                            provenance={**proposal.provenance, "created": utc_now()}))


def decline(session, proposal: Proposal) -> Rule:
    """Remember that the reviewer answered "this instance only" to ``proposal``: kept as a rule that is
    off, its provenance marked ``declined`` (when), so the same rule is not proposed again, ``rules
    learn`` skips it, and the Rules screen lists it (switching it on there is changing one's mind).
    One journal entry (``u`` undoes it). A stored rule that says the same (one switched off) is marked
    instead of adding another. Returns the rule."""
    store = session.writable_store()
    data, selector = _checked(session, proposal)
    mark = {DECLINED: utc_now()}
    known = same_rules(store.rules(kind=proposal.kind), proposal.kind, data)
    if known:
        return Rule.from_doc(store.update_rule(known[0]["id"], enabled=False, provenance=mark))
    return Rule.from_doc(store.add_rule(proposal.kind, data, article_id=proposal.article_id, selector=selector,
                                        provenance={**proposal.provenance, **mark}, enabled=False))


def switch_rule(session, rule: Rule, on: bool) -> Rule:
    """Switch a stored rule on or off (one journal entry). Switching on a declined rule clears the mark
    and dates the rule from now (its precision counts the decisions made after)."""
    store = session.writable_store()
    if on and rule.declined:
        return Rule.from_doc(store.update_rule(rule.id, enabled=True, provenance={DECLINED: "", "created": utc_now()}))
    return Rule.from_doc(store.update_rule(rule.id, enabled=on))


def delete_rule(session, rule: Rule) -> bool:
    """Delete a stored rule (one journal entry); False when it was not there."""
    return session.writable_store().delete_rule(rule.id)


def _checked(session, proposal: Proposal) -> tuple[dict, dict | None]:
    """The proposal's data, validated (a bad pattern never reaches the file), and the selector of the
    span it came from (None when it is not in the article's text)."""
    try:
        data = validate_rule(proposal.kind, proposal.data)
    except RuleError as error:
        raise RuleSaveError(f"the rule is not valid: {error}") from None
    article = session.article(proposal.article_id)
    if article is not None and 0 <= proposal.start <= proposal.end <= len(article.text):
        return data, make_selector(article.text, proposal.start, proposal.end)
    return data, None


def articles_for(session, rules: Iterable[Rule]) -> list[str]:
    """Ids of the articles these rules may change (what to re-extract after enabling, disabling or
    deleting them)."""
    rules = [rule.as_doc() for rule in rules]
    return [a.id for a in session.articles if any(may_apply(rule, a) for rule in rules)]


def reextract(session, extractor, article_ids: Iterable[str] | None = None,
              progress: ProgressCallback | None = None, *, force: bool = False) -> list[str]:
    """Give ``extractor`` the rules now in the store and re-extract the session's articles (``article_ids``,
    default every extracted one) from their cached parses; the model runs only for a parse the cache
    lacks. Calls ``session.set_extraction`` where the results changed; returns those article ids.

    With ``article_ids=None`` and the same rules as before, nothing is done (cheap after any undo)."""
    rules = ExtractionRules(rules_for_extractor(session.store),
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
