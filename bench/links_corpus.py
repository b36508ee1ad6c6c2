"""Synthetic claim sets for the link benchmarks: N articles' claims made from the samples' extracted claims.

Extracting 100,000 generated articles through the model takes hours, and link suggestions only read
the claims. So article k here is sample ``k % 5`` with the claims the model found in it, varied the
way ``bench/make_corpus.py`` varies the text it writes (same constants, same share):

  - the date shifted by -30..+60 days (an undated sample gets one), and with it every claim dated
    on the article's day (a claim pinned to another day moves by as much);
  - about :data:`make_corpus.SCALE_SHARE` of the figures written in digits scaled by 2-5 (never
    percentages), so a quantity is reported with several values across the corpus;
  - its own path and claim ids, and its own sentence strings (the figure scaled in them too, and the
    article's number appended in brackets, which the comparison ignores): per-sentence caches hit
    no more often than on articles that differ.

The candidate structure is the generated corpus's: the same quantities (what is counted, the
predicate, the sentence) recur in 1 of every 5 articles, with values and dates spread around the
sample's. That is the hard case for blocking: every block grows with the corpus. ``bench/links_scale.py
--corpus DIR`` runs the same figures on a corpus generated and extracted for real.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from datetime import date, timedelta

from make_corpus import DEFAULT_DATE, SCALE_SHARE, SCALES

from claimdesk.annotations.corpus import Corpus, bundled_corpus_path
from claimdesk.annotations.extract import ArticleExtraction
from claimdesk.annotations.session import ReviewSession

_DIGITS = re.compile(r"\d[\d,]*")


def _scaled(claim, factor: int):
    """The claim with its value (and the figure in its text) multiplied by ``factor``."""
    value = claim.value
    if isinstance(value, list):
        value = [v * factor for v in value]
    else:
        value = value * factor
    figure = _DIGITS.search(claim.text)
    number = int(figure.group(0).replace(",", "")) * factor
    text = claim.text[:figure.start()] + f"{number:,}" + claim.text[figure.end():]
    return dataclasses.replace(claim, value=value, text=text, sentence=claim.sentence.replace(claim.text, text, 1))


def vary_claims(sample, claims: list, number: int, seed: int = 0) -> tuple:
    """Generated article ``number`` from ``sample`` and its extracted ``claims``: (article, claims)."""
    rng = random.Random(f"{seed}:{number}")
    day = (date.fromisoformat(sample.date) if sample.date else DEFAULT_DATE) + timedelta(days=rng.randint(-30, 60))
    article = dataclasses.replace(sample, path=f"synthetic/{number:06d}-{sample.path}", date=day.isoformat())
    shift = day - (date.fromisoformat(sample.date) if sample.date else DEFAULT_DATE)
    out = []
    for claim in claims:
        if claim.counted != "percent" and _DIGITS.search(claim.text) and rng.random() < SCALE_SHARE:
            claim = _scaled(claim, rng.choice(SCALES))
        when = day.isoformat() if claim.date in ("", sample.date) else \
            (date.fromisoformat(claim.date) + shift).isoformat()
        claim_id = hashlib.sha1(f"{article.path}\x1f{claim.id}".encode()).hexdigest()[:16]
        out.append(dataclasses.replace(claim, id=claim_id, date=when, sentence=f"{claim.sentence} ({number})"))
    return article, out


def synthetic_session(extractions, n: int, seed: int = 0, store=None) -> ReviewSession:
    """A review session over ``n`` generated articles made from the samples' ``extractions``."""
    made = [vary_claims(extractions[k % len(extractions)].article, extractions[k % len(extractions)].claims, k, seed)
            for k in range(n)]
    session = ReviewSession(Corpus(bundled_corpus_path(), [article for article, _ in made], []), store)
    for article, claims in made:
        session.set_extraction(ArticleExtraction(article, claims))
    return session
