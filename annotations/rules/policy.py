"""When a reviewer's decision proposes a rule: the one policy the app follows after each correction.

============== ========================================================================
decision       the rule it may propose
============== ========================================================================
``relabel``    those words get that label everywhere (``t``)
``removal``    those words never get the label the model gave (``x``)
``rejection``  what made the claim no claim: a unit, a name, a chrome line, the words before (``r``)
``correction`` a counted noun, a predicate or an attribution verb the claim finder lacked (``e``)
``chrome``     lines like the paragraph marked as site chrome (``B``)
============== ========================================================================

Nothing is proposed when the session cannot write, before extraction has started, when the same rule
is already on or was declined, or when the rule would change no other mention (:mod:`.propose`)::

    offer = rule_offer(session, "rejection", claim)
    if offer.proposal:            # preview it: enter saves, o keeps this instance only
        ...
    elif offer.note:              # why a rule could not be made, for the status line
        ...
"""

from __future__ import annotations

from dataclasses import dataclass

from .proposal import Proposal
from .propose import (
    propose_for_boilerplate,
    propose_for_correction,
    propose_for_rejection,
    propose_for_relabel,
    propose_for_removal,
)

DECISIONS = ("relabel", "removal", "rejection", "correction", "chrome")


@dataclass(frozen=True)
class RuleOffer:
    """What a decision proposes: a rule to preview, or none (``note`` says why, when the reviewer should know)."""

    proposal: Proposal | None = None
    note: str = ""


def rule_offer(session, decision: str, *subject) -> RuleOffer:
    """The rule ``decision`` on ``subject`` suggests: ``relabel`` (entity, new label), ``removal`` (entity),
    ``rejection`` / ``correction`` (the claim as decided), ``chrome`` (article id, start, end)."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    if session.read_only or session.extractor is None:
        return RuleOffer()
    extractor = session.extractor
    try:
        if decision == "relabel":
            proposal = propose_for_relabel(session, *subject, extractor=extractor)
        elif decision == "removal":
            proposal = propose_for_removal(session, *subject, extractor=extractor)
        elif decision == "rejection":
            proposal = propose_for_rejection(session, *subject, extractor=extractor)
        elif decision == "correction":
            proposal = propose_for_correction(session, *subject, extractor=extractor)
        else:
            proposal = propose_for_boilerplate(session, *subject)
    except ValueError as error:  # a RuleError: the words make no valid pattern
        return RuleOffer(note=f"No rule proposed: {error}")
    return RuleOffer(proposal)
