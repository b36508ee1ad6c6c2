"""Numeric claims from parsed Docs, and the learned rules compiled for the extractor.

Modules: :mod:`.words` (the word tables), :mod:`.units` (currencies, percentages, pint's physical units),
:mod:`.finder` (finding and extending a number), :mod:`.filters` (not-a-claim filters, each named),
:mod:`.roles` (counted, predicate, source, change), :mod:`.dates`, :mod:`.claims` (the :class:`Claim`
and :func:`find_claims`), :mod:`.rule_kinds` and :mod:`.compiled` (learned rules as the extractor applies
them). Nothing here imports :mod:`claimdesk.annotations.rules`, which only learns.
"""

from .claims import Claim, ClaimReading, Dropped, find_claims, quote_id, read_claims, why_not_claim_at
from .filters import FILTER_NAMES
from .roles import ClaimLexicon
from .units import canonical_unit, same_unit

__all__ = ["FILTER_NAMES", "Claim", "ClaimLexicon", "ClaimReading", "Dropped", "canonical_unit", "find_claims",
           "quote_id", "read_claims", "same_unit", "why_not_claim_at"]
