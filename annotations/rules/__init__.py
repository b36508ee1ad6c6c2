"""Rules learned from reviewers' corrections, fed back into extraction.

A correction in the app (or one recorded earlier: :func:`learn`) proposes a rule — unless it would
change nothing but the corrected mention, or the reviewer declined it before; :func:`preview` shows
what it would change across the corpus on the cached parses; :func:`save` keeps it in the annotation
store (journaled, undoable), :func:`decline` remembers a "no" (a rule kept off, never proposed again);
:func:`reextract` applies the rules now in force without running the model. The kinds and what each
keeps are in :mod:`.kinds`::

    proposal = propose_for_relabel(session, entity, "GPE", extractor=extractor)   # or None
    shown = preview(session, extractor, proposal)      # shown.summary(), shown.examples
    save(session, proposal)                            # or decline(session, proposal)
    changed = reextract(session, extractor, shown.articles)

``Extractor(rules=rules_for_extractor(store))`` applies every kind; :func:`learned_boilerplate` gives
the cleaner its learned chrome lines; :func:`export_spacy_patterns` writes the entity rules for spaCy.
"""

from ..entities import RuleError
from ..extraction.compiled import ExtractionRules, learned_boilerplate, rules_for_extractor
from .apply import RuleSaveError, articles_for, decline, delete_rule, reextract, save, switch_rule
from .export import export_spacy_patterns, spacy_patterns
from .kinds import (
    BOILERPLATE,
    CLAIM_LEXICON,
    CLAIM_SUPPRESS,
    ENTITY_LABEL,
    ENTITY_SUPPRESS,
    KIND_NAMES,
    KINDS,
    describe,
    describe_provenance,
    validate_rule,
)
from .learn import learn, proposals_from_decisions
from .policy import RuleOffer, rule_offer
from .preview import Effect, Preview, preview, reaches_others
from .proposal import Proposal, is_declined
from .propose import (
    proposal_from_rule,
    propose_for_boilerplate,
    propose_for_correction,
    propose_for_rejection,
    propose_for_relabel,
    propose_for_removal,
)
from .stats import RuleStats, rule_stats

__all__ = [
    "BOILERPLATE",
    "CLAIM_LEXICON",
    "CLAIM_SUPPRESS",
    "ENTITY_LABEL",
    "ENTITY_SUPPRESS",
    "KINDS",
    "KIND_NAMES",
    "Effect",
    "ExtractionRules",
    "Preview",
    "Proposal",
    "RuleError",
    "RuleOffer",
    "RuleSaveError",
    "RuleStats",
    "articles_for",
    "decline",
    "delete_rule",
    "describe",
    "describe_provenance",
    "export_spacy_patterns",
    "is_declined",
    "learn",
    "learned_boilerplate",
    "preview",
    "proposal_from_rule",
    "proposals_from_decisions",
    "propose_for_boilerplate",
    "propose_for_correction",
    "propose_for_rejection",
    "propose_for_relabel",
    "propose_for_removal",
    "reaches_others",
    "reextract",
    "rule_offer",
    "rule_stats",
    "rules_for_extractor",
    "save",
    "spacy_patterns",
    "switch_rule",
    "validate_rule",
]
