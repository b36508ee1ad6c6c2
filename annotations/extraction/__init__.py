"""Numeric claims from parsed Docs, and the learned rules compiled for the extractor.

Modules: :mod:`.words` (the word tables), :mod:`.units` (currencies, percentages, pint's physical units),
:mod:`.finder` (finding and extending a number), :mod:`.filters` (not-a-claim filters, each named),
:mod:`.roles` (counted, predicate, source, change), :mod:`.dates`, :mod:`.claims` (the :class:`Claim`
and :func:`find_claims`), :mod:`.rule_kinds` and :mod:`.compiled` (learned rules as the extractor applies
them). Nothing here imports :mod:`claimdesk.annotations.rules`, which only learns. The public names are
exported by :mod:`claimdesk.annotations.extract`; this package imports nothing itself, so the word
tables can be read (by :mod:`claimdesk.annotations.numbers`) without loading the claim finder.
"""
