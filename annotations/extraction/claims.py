"""Numeric claims found in a parsed Doc: the quantity, its unit and change, what is counted, the predicate,
the source, the date.

:func:`read_claims` scans the tokens for numbers (:mod:`.finder`), drops what is not a claim
(:mod:`.filters`, each drop kept with its reason), and reads the rest of the claim off the dependency
parse (:mod:`.roles`, :mod:`.changes`). :func:`find_claims` returns the claims only.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise

from ..numbers import tidy
from .antecedents import absolute_subject, level_subject, part_of, pronoun_antecedent, restated_count
from .changes import change_of, changes_after_a_comma, level_reached, restates, verb_bound
from .context_units import ELIDED_UNIT, units_from_context
from .dates import DEICTIC, claim_date, when_it_holds
from .durations import as_reported_duration, is_time_span, joined_durations, race_time, record_spans_of_a, windows
from .filters import why_not_claim
from .finder import (
    SHARES_UNIT,
    Mention,
    char_to_token_end,
    clock_lead,
    currency_quoted,
    extend,
    in_story_currency,
    number_end,
    qualifier_after,
    qualifier_before,
    scientific_at,
    sentence_numbers,
    starts_quantity,
    suspended_series,
    with_proportion,
    with_range,
    with_uncertainty,
)
from .roles import (
    CASUALTY,
    TOLL_NOUNS,
    ClaimLexicon,
    Context,
    anchor_of,
    bare_count,
    coordinated,
    counted_of,
    index_level,
    index_moved,
    measured_of,
    next_word,
    noun_phrase_text,
    of_object,
    plural,
    predicate_of,
    restated_figure,
    shared_measure,
    source_of,
    stands_in,
)
from .words import (
    APPROX,
    COMPARATIVES,
    COUNTING_NOUNS,
    DOWN_WORDS,
    EXACT,
    FRACTIONS,
    MONTHS,
    MULTIPLES,
    NUMBER_WORDS,
    PERIOD_NOUNS,
    SCALE_ABBREV,
    SCALES,
    UNICODE_FRACTIONS,
    UP_WORDS,
    VAGUE_WORDS,
)

CONTEXT = 32  # characters of prefix/suffix in a quote id
PERCENT = "percent"
RECORD_FIELDS = ("id", "start", "end", "text", "sentence", "value", "approx", "unit", "change", "from_value",
                 "of_value", "of_unit", "counted", "predicate", "source", "date")
# Between a share and the figure it is of: "of the region's", "of its", "of all" (at most three words).
_OF_WHOLE = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|our|this|these|those|all|[\w-]+['’]s?)\s+){0,3}", re.I)


@dataclass(frozen=True)
class Claim:
    """A numeric claim: a quantity asserted about the world, with its unit, what it counts and who says so."""

    id: str
    start: int  # char offsets of ``text`` in the article's clean text
    end: int
    text: str  # the quantity as written, with its qualifier and unit: "some 400", "90 percent"
    sentence: str
    value: float | int | list  # a number, or [low, high]
    approx: str  # exact | approx | at_least | at_most | range
    counted: str  # what is counted or measured: "civilians", "core inflation" ("" when unknown)
    predicate: str  # "killed", "displaced" ("" when unknown)
    source: str  # who says so ("" when unattributed)
    date: str  # ISO date: the article's, or one stated in the sentence ("" when unknown)
    unit: str = ""  # "USD", "GBX", "percent", "percentage point", "km", "°C" … ("" for a plain count)
    change: str = ""  # "up", "down" or "": the figure is stated as a change
    from_value: float | int | None = None  # "from X to Y" after a verb of change: X (``value`` is Y)
    of_value: float | int | None = None  # "half of its 140,000 residents": the whole (``value`` is the share)
    of_unit: str = ""  # the whole's unit: "USD" in "30% of the $3 billion budget" ("" for a count)

    def to_record(self, article_path: str) -> dict:
        """The ``claimdesk extract --json`` record."""
        rec = asdict(self)
        return {"kind": "claim", "article": article_path, **{k: rec[k] for k in RECORD_FIELDS}}


@dataclass(frozen=True)
class Dropped:
    """A number the claim finder saw and ruled out, and the filter that did it ("year", "name" …)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class ClaimReading:
    """What :func:`read_claims` found: the claims, and the numbers dropped with their reasons."""

    claims: list[Claim] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    def why_not(self, start: int, end: int) -> str | None:
        """Why the number at characters ``start:end`` is not a claim (None: it is one, or was never seen)."""
        for d in self.dropped:
            if d.start < end and start < d.end:
                return d.reason
        return None


def quote_id(article_id: str, text: str, start: int, end: int, kind: str = "claim") -> str:
    """A stable id from the article and the quote (exact text with ~32 characters either side)."""
    prefix = text[max(0, start - CONTEXT):start]
    suffix = text[end:end + CONTEXT]
    key = "\x1f".join((kind, article_id, prefix, text[start:end], suffix))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- scanning -------------------------------------------------------------------------------------

def _candidates(doc, text: str) -> list[int]:
    """Indexes of tokens that may start a quantity: a token with a digit, or a number, vague-quantity or
    fraction word standing as a word of its own (read off the Doc's arrays: fast on long Docs)."""
    import numpy  # lazy, as spaCy is: this module is imported where no Doc is ever read

    if not len(doc):
        return []
    rows = doc.to_array(["LOWER", "IDX"])
    lower, starts = rows[:, 0], rows[:, 1].astype("int64")
    keys, lengths = _word_keys()
    at = numpy.searchsorted(keys, lower)
    at[at == len(keys)] = 0
    words = numpy.flatnonzero(keys[at] == lower)
    digits = numpy.searchsorted(starts, _digit_run_starts(text), side="right") - 1
    out = set(digits.tolist())
    n = len(text)
    for i in words.tolist():
        if i in out:
            continue
        idx = int(starts[i])
        end = idx + lengths[int(lower[i])]
        # a word of its own, as a regex's \b would have it ("5million" is read from the "5")
        if (idx == 0 or not _is_word_char(text[idx - 1])) and (end >= n or not _is_word_char(text[end])):
            out.add(i)
    return sorted(out)


def _digit_run_starts(text: str):
    """Where each run of digits starts in ``text`` (as ``\\d+`` would find them: Unicode decimal digits), read
    off the code points with numpy (a regex scan of a long article is ~3x slower)."""
    import numpy  # lazy: see _candidates

    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    digit = (codes - 48) <= 9  # 0-9 (below 48 wraps round)
    wide = codes > 127
    if wide.any():  # other scripts' digits: "٣", "３"
        decimal = [c for c in set(codes[wide].tolist()) if chr(c).isdecimal()]
        if decimal:
            digit |= numpy.isin(codes, decimal)
    run_start = digit.copy()
    run_start[1:] &= ~digit[:-1]
    return numpy.flatnonzero(run_start)


@functools.cache
def _word_keys() -> tuple:
    """(sorted array of the string keys of the candidate words and their hyphened forms, lower case; key → the
    word's length), built on first use."""
    import numpy  # lazy: see _candidates
    from spacy.strings import hash_string  # lazy, as numpy

    lengths = {}
    for word in (*NUMBER_WORDS, *VAGUE_WORDS, *FRACTIONS, *UNICODE_FRACTIONS, *MULTIPLES, *COUNTING_NOUNS):
        for form in (word, word + "-"):
            lengths[hash_string(form)] = len(word)
    for article in ("a", "an"):  # "nearly a second": the figure 1 of a unit (finder.one_of_a_unit)
        lengths[hash_string(article)] = len(article)
    return numpy.array(sorted(lengths), dtype="uint64"), lengths


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _change_verb_before(doc, i: int) -> bool:
    """Is there a verb of change among the words before token ``i`` ("fell from …", "rose from …"), or
    does "from" at ``i`` hang on one ("cut the drive between two towns from …")?"""
    i = clock_lead(doc, i)  # "from 2h 20min to 50min"
    if i < len(doc) and doc[i].lower_ == "from" and doc[i].head.pos_ == "VERB" and (
            doc[i].head.lower_ in UP_WORDS or doc[i].head.lower_ in DOWN_WORDS):
        return True
    for t in reversed(doc[max(0, i - 5):i]):
        if t.lower_ in UP_WORDS or t.lower_ in DOWN_WORDS:
            return True
        if t.is_punct:
            return False
    return False


def _verb_of_change_before(doc, start: int) -> bool:
    """Is the figure starting at token ``start`` after a verb of change (see :func:`_change_verb_before`)?"""
    return start > 0 and _change_verb_before(doc, start - 1)


def mentions(doc, text: str) -> list[Mention]:
    """Every quantity in the Doc, extended (currency, unit, range, qualifier), before filtering."""
    found: list[Mention] = []
    consumed = 0
    for c in _candidates(doc, text):
        if c < consumed:
            continue
        race = race_time(doc, c)  # "won in 2:05:31", "a lap of 1:31.442": seconds, no time of day
        if race is not None:
            found.append(race)
            consumed = race.end
            continue
        scientific = scientific_at(text, doc[c].idx)
        if scientific is None and not starts_quantity(doc[c]):
            continue
        start, end = c, number_end(doc, c)
        if scientific is not None:  # "2.1×10^10": the notation runs over several tokens
            end = max(end, char_to_token_end(doc, scientific[1], c))
        # "a dozen", "a million", "a quarter", "two-thirds"
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "one", "two", "three") and doc[start].lower_ in (
                "dozen", "hundred", "thousand", "million", "billion", "quarter", "third", "half", "fifth", "tenth"):
            start -= 1
        if start > 1 and doc[start].lower_ in ("thirds", "quarters", "fifths") and doc[start - 1].text == "-" \
                and doc[start - 2].lower_ in NUMBER_WORDS:
            start -= 2
        m = extend(doc, text, start, end)
        if m is None:
            consumed = end
            continue
        m = with_proportion(doc, text, m)  # before a range: "a one-in-three chance" is no range of 1 and 3
        m = with_range(doc, text, m, functools.partial(_verb_of_change_before, doc, m.start))
        m = currency_quoted(doc, with_uncertainty(doc, text, m))
        n_before, approx = qualifier_before(doc, m)
        if n_before:
            m.start -= n_before
            m.approx = approx if m.approx in (EXACT, APPROX) or approx != EXACT else m.approx
        n_after, approx = qualifier_after(doc, m)
        if n_after and m.approx == EXACT:
            m.end += n_after
            m.approx = approx
        found.append(m)
        consumed = m.end
    found = suspended_series(doc, found)
    sentence_of = sentence_numbers(doc)
    return units_from_context(doc, in_story_currency(doc, found, sentence_of), sentence_of)


# -- main -----------------------------------------------------------------------------------------

def read_claims(doc, article_id: str = "", article_date: str = "", text: str | None = None,
                lexicon: ClaimLexicon | None = None) -> ClaimReading:
    """The numeric claims in a parsed Doc, and the numbers dropped with the filter that dropped each
    (needs a dependency parse for roles; a blank pipeline gets fewer fields). ``text`` is ``doc.text``
    when the caller has it at hand; ``lexicon`` adds the words reviewers taught."""
    text = doc.text if text is None else text
    ctx = Context.of(doc, text, lexicon)
    has_parse = doc.has_annotation("DEP")
    sents = list(doc.sents) if (has_parse or doc.has_annotation("SENT_START")) else []
    reading = ClaimReading()
    found = mentions(doc, text)
    kept: list[Mention] = []
    for m in found:
        m = as_reported_duration(doc, m)
        reason = why_not_claim(doc, m, ctx.ents)
        if reason is None and "range" in m.notes and not isinstance(m.value, tuple):
            reason = "range"
        if reason is not None:
            span = doc[m.start:m.end]
            reading.dropped.append(Dropped(span.start_char, span.end_char, span.text, reason))
            continue
        kept.append(m)
    kept = _changes_from_to(doc, _shared_units(doc, joined_durations(doc, kept)))
    for m in windows(doc, kept):  # "120mm of rain fell in 24 hours": the window of another figure
        span = doc[m.start:m.end]
        reading.dropped.append(Dropped(span.start_char, span.end_char, span.text, "window"))
        kept.remove(m)
    spans = record_spans_of_a(doc, text)
    if spans:
        kept = sorted(kept + [s for s in spans if not any(k.start < s.end and s.start < k.end for k in kept)],
                      key=lambda k: k.start)
    last_in_sent: dict[int, tuple] = {}
    figures_seen: dict[int, tuple] = {}  # per sentence: the last claim's mention and counted
    counts_seen: dict[int, list] = {}  # per sentence: (value, counted, noun token or None) of each count naming it
    claims: list[Claim] = []
    read: list[Mention] = []  # the mention of each claim
    for m in kept:
        anchor = anchor_of(doc, m)
        sent = _sentence_of(doc, anchor.i, sents) if sents else doc[:]
        sent = _within_paragraph(doc, text, sent, anchor)
        # "…, up 3.2%", "…, nearly triple the amount": the figure before it restated, measuring what it measures
        restating = restated_figure(doc, m, figures_seen.get(sent.start)) if has_parse else ""
        if m.counts is not None:  # "from 13,500 troops to 4,000": what the from-figure counts
            counted, noun = noun_phrase_text(doc[m.counts]), doc[m.counts]
        elif m.kind == "count" and not restating:
            counted, noun = counted_of(ctx, m, anchor) if has_parse else ("", None)
            if not has_parse:
                counted = next_word(doc, m.end)
        else:
            counted, noun = restating, None
        phrase_head = noun if (noun is not None and anchor.head == noun) else anchor
        if noun is not None and noun.lower_ in PERIOD_NOUNS:
            span = doc[m.start:m.end]
            reading.dropped.append(Dropped(span.start_char, span.end_char, span.text, "period"))
            continue
        predicate_tok = predicate_of(ctx, phrase_head, doc[m.num_start:m.num_end]) if has_parse else None
        predicate = predicate_tok.text if predicate_tok is not None else ""
        change = m.change or ("" if is_time_span(doc, m) else change_of(doc, m, anchor, has_parse))
        seen = counts_seen.setdefault(sent.start, [])
        named = None  # the noun elsewhere in the sentence that a bare count counts
        if has_parse and not counted and m.kind == "count":
            counted, named, toll = _counted_elsewhere(doc, m, anchor, noun, sent, seen, kept)
            if toll is not None:  # "the death toll … 5,000"
                predicate = noun_phrase_text(toll)
        if stands_in(counted) and seen:
            counted = restated_count(m.value, seen)  # "hold 60 others", "took the total to 9m", "put the figure at"
        if has_parse and noun is None:  # "fell 310 points to 16,940", "closed at 38,410": the index's level
            counted = index_level(anchor, counted, change, m.kind == "count")
        elif has_parse:  # "the Sensex fell 1,064 points": the index moved, points its unit
            counted = index_moved(m, noun, counted, change)
        compared = m.end < len(doc) and doc[m.end].lower_ in COMPARATIVES  # "a fifth more than its rival"
        if has_parse and not counted and (m.kind != "count" or change or compared):
            counted = measured_of(ctx, m, anchor, change)
        if not counted and m.quoted is not None:  # "the Thai baht fell to 36.8 per dollar"
            counted = noun_phrase_text(doc[m.quoted], modifiers=True)
        if not counted and has_parse:  # a conversion, a coordinated figure, a list in one unit
            counted = shared_measure(doc, m, figures_seen.get(sent.start))
        inherited = False
        if not counted and m.kind == "count":
            prev = last_in_sent.get(sent.start)
            partitive = any((o := of_object(t)) is not None and o.pos_ == "PRON" for t in doc[m.num_start:m.num_end])
            if prev is not None and prev[1] and (partitive or coordinated(anchor, predicate_tok, prev[2], prev[3])):
                counted = prev[1]
                inherited = True
            elif predicate_tok is not None and predicate_tok.lemma_.lower() in CASUALTY:
                counted = "people"
        approx = m.approx
        if approx == EXACT and has_parse:
            approx = verb_bound(doc, m, anchor) or approx
        # "X, or Y": the second figure restates the first (its change and what it measures)
        prev = last_in_sent.get(sent.start)
        if prev is not None and restates(doc, prev[0], m):
            change = change or prev[4]
        if prev is not None and not change:  # "closed down 0.4% at 7,412", "up 65,000 to 1.51 million"
            change = level_reached(doc, prev[0], prev[4], m, has_parse)
        if prev is not None and ELIDED_UNIT in m.notes:  # "…, and the two-year by 65": the change elided too
            change = change or prev[4]
        # "more than 80 kilometres (50 miles)": the conversion has the same bound
        if prev is not None and m.start >= 1 and doc[m.start - 1].text == "(" and prev[0] == m.start - 1 \
                and approx == EXACT and m.unit and prev[5] != EXACT:
            approx = prev[5]
        source = source_of(ctx, sent, phrase_head, anchor) if has_parse else ""
        span = doc[m.start:m.end]
        start, end = span.start_char, span.end_char
        if text[end - 1] == "." and len(doc[m.end - 1]) > 1 and end - start > 1:
            end -= 1  # a full stop the tokenizer left on the last word ("rose to 31C.")
        value = m.value
        claims.append(Claim(
            id=quote_id(article_id, text, start, end),
            start=start,
            end=end,
            text=text[start:end],
            sentence=_paragraph_sentence(text, sent, start, end),
            value=[value[0], value[1]] if isinstance(value, tuple) else value,
            approx=approx,
            counted=counted,
            predicate=predicate,
            source=source,
            date=claim_date(ctx, sent, article_date) if ctx.ents else article_date,
            unit=m.unit,
            change=change,
            from_value=m.from_value,
        ))
        # what a coordinated number may inherit: a counted noun, not a unit ("2,000-pound", "90 percent")
        from_noun = counted if m.kind == "count" and (noun is not None or inherited or counted == "people") else ""
        last_in_sent[sent.start] = (m.end, from_noun, anchor, predicate_tok, change, approx)
        figures_seen[sent.start] = (m, counted)
        if from_noun or (named is not None and counted):
            seen.append((m.value, from_noun or counted, noun if noun is not None else named))
        read.append(m)
    claims = changes_after_a_comma(doc, _one_change_for_shared_units(claims, read), read)
    reading.claims = _shares_of_figures(text, claims)
    return reading


def _counted_elsewhere(doc, m: Mention, anchor, noun, sent, seen: list, kept: list[Mention]) -> tuple:
    """(counted, the noun token or None, the toll noun or None) of a count that names nothing next to it, read
    from elsewhere in its sentence (:mod:`.antecedents`); ``seen`` holds (value, counted, noun) of the
    sentence's earlier counts, ``kept`` every mention of the Doc."""
    part = part_of(doc, m)
    subj = level_subject(anchor) if part is None else None
    if subj is not None and subj.lemma_.lower() in TOLL_NOUNS:  # "the death toll … 5,000"
        comp = [c for c in subj.children if c.dep_ == "compound"]
        obj = of_object(subj)
        if comp:
            return plural(comp[-1].lower_), None, subj
        if obj is not None:
            return noun_phrase_text(obj), obj, subj
        return restated_count(m.value, seen), None, subj  # "taking the total past 5,000"
    if subj is not None:  # "cases rose by 5,000", "presales slumped to 2,600"
        return noun_phrase_text(subj), subj, None
    if part is not None and part.pos_ == "NUM":  # "3 of the 70": what the 70 counted
        whole = next((k.value for k in kept if k.num_start <= part.i < k.num_end), None)
        return next((c for v, c, _ in seen if v == whole), "") or restated_count(whole, seen), None, None
    if part is not None:  # "30 of them", "400 more of them": the last plural counted, or the nearest plural
        named = next((t for _, _, t in reversed(seen) if t is not None and t.tag_ in ("NNS", "NNPS")), None) \
            or pronoun_antecedent(doc, part, sent)
        return (noun_phrase_text(named), named, None) if named is not None else ("", None, None)
    sold = absolute_subject(anchor)
    if sold is not None:  # "…, with 4,210 sold"
        return noun_phrase_text(sold), sold, None
    if seen and bare_count(m, noun):  # "Of the 577 seats, the bloc won 245": seats
        return restated_count(m.value, seen), None, None
    return "", None, None


def find_claims(doc, article_id: str = "", article_date: str = "", text: str | None = None,
                lexicon: ClaimLexicon | None = None) -> list[Claim]:
    """The numeric claims in a parsed Doc (see :func:`read_claims`)."""
    return read_claims(doc, article_id, article_date, text=text, lexicon=lexicon).claims


def why_not_claim_at(doc, start: int, end: int, text: str | None = None) -> str | None:
    """Why the number at characters ``start:end`` of a parsed Doc is not a claim, or None."""
    return read_claims(doc, text=text).why_not(start, end)


# -- changes and fractions ------------------------------------------------------------------------

def _changes_from_to(doc, kept: list[Mention]) -> list[Mention]:
    """"fell from X to Y" and "narrowed to Y from X", "Y, up from X": one claim, ``value`` Y, ``from_value``
    X. "from X to Y" without a verb of change stays two figures (the range was merged earlier)."""
    out: list[Mention] = []
    skip = set()
    for i, m in enumerate(kept):
        if i in skip:
            continue
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        prior = out[-1] if out else None
        if nxt is not None and isinstance(m.value, tuple) and _level_before_a_range(doc, prior, m, nxt):
            prior.from_value, prior.change = nxt.value, doc[nxt.start - 2].lower_  # "…, down from Rp 120,000"
            out.append(m)
            skip.add(i + 1)
            continue
        if nxt is not None and isinstance(m.value, (int, float)) and isinstance(nxt.value, (int, float)):
            far = nxt.start - m.end > 8
            if far and not (nxt.start - m.end <= 14 and _stated_from(doc, nxt.start)):
                out.append(m)
                continue
            between = _without_when([t.lower_ for t in doc[m.end + _rate_tail(doc, m.end, nxt.start)
                                                             + _noun_tail(doc, m, nxt):nxt.start]])
            before = doc[m.start - 1].lower_ if m.start > 0 else ""
            compatible = (m.unit == nxt.unit or (not m.unit and not _counts_a_noun(doc, m)) or (
                not nxt.unit and not _counts_a_noun(doc, nxt))) \
                and not _count_other_things(doc, m, nxt)  # not "9,800 staff …, up from 28%", "41 deaths, up from 1,870 cases"
            if before == "from" and between == ["to"] and compatible and _change_verb_before(doc, m.start - 1):
                nxt.from_value = m.value
                if _noun_tail(doc, m, nxt):
                    nxt.counts = _counted_noun(doc, m).i
                nxt.unit = nxt.unit or m.unit
                nxt.kind = nxt.kind if nxt.unit else m.kind
                nxt.start = m.start - 1
                nxt.change = _direction(doc, m.start - 1, m.value, nxt.value)
                skip.add(i)
                continue
            gap = [t for t in doc[m.end:nxt.start] if not t.is_space]
            words = [t.lower_ for t in gap]
            while len(words) > 1 and words[-1] in _BEFORE_FROM_VALUE:  # "from a revised $71.4 billion"
                words.pop()
            stated = words[-2:-1] in (["up"], ["down"])  # "…, up from X"
            after = kept[i + 2] if i + 2 < len(kept) else None
            if after is not None and [t.lower_ for t in doc[nxt.end:after.start]] == ["to"] and not stated:
                out.append(m)  # "to $489,900 as listings jumped from 2,840 to 3,615": X starts a change of its own
                continue
            if words and words[-1] == "from" and compatible and (len(words) <= 7 or stated) \
                    and not any(t.is_sent_start for t in gap) \
                    and (stated or words == ["from"] or _change_verb_before(doc, m.start)
                         or _change_verb_above(anchor_of(doc, m))):
                m.from_value = nxt.value
                m.unit = m.unit or nxt.unit
                m.change = words[-2] if stated else ("up" if nxt.value < m.value else "down")
                out.append(m)
                skip.add(i + 1)
                continue
            prior = out[-1] if out else None
            if stated and words[-1] == "from" and not compatible and prior is not None and prior.unit == nxt.unit \
                    and prior.from_value is None and isinstance(prior.value, (int, float)) \
                    and not any(t.is_sent_start for t in doc[prior.start + 1:nxt.start]):
                prior.from_value, prior.change = nxt.value, words[-2]  # "40% of nurses …, 9,800 staff, up from 28%"
                out.append(m)
                skip.add(i + 1)
                continue
        out.append(m)
    return out


# Words between "from" and the figure a change started from: "narrowed to $68.9 billion from a revised
# $71.4 billion", "from an upwardly revised 3.1%", "fallen to 85,000 bpd from a peak of 140,000 bpd".
_BEFORE_FROM_VALUE = {"a", "an", "the", "its", "their", "revised", "upwardly", "downwardly", "previous", "prior",
                      "initial", "initially", "preliminary", "estimated", "earlier", "original", "originally",
                      "reported", "expected", "forecast", "peak", "high", "low", "record", "level", "of"}
# Words of a time phrase between the figures of "from X in 2022 to Y": "in", a year, a month, "fiscal".
_WHEN_WORDS = {"in", "during", "fiscal", "financial", "year", "the", "of"} | set(MONTHS)


def _without_when(between: list[str]) -> list[str]:
    """The words between two figures less a time phrase that places the first ("from 88 in 2022 to 71", "from
    88 last year to 71": ["to"])."""
    if len(between) > 1 and between[-1] == "to" and between[0] in ("in", "during") and all(
            w in _WHEN_WORDS or re.fullmatch(r"(?:19|20)\d\d", w) for w in between[:-1]):
        return ["to"]
    when = between[1:-1] if between[:1] == ["the"] else between[:-1]
    if between[-1:] == ["to"] and len(when) == 2 and (when[0] in DEICTIC or when[0] in ("this", "that")) \
            and when[1] in PERIOD_NOUNS:
        return ["to"]  # "from 307 last year to 1,273", "from 12% the previous quarter to 15%"
    return between


def _level_before_a_range(doc, prior: Mention | None, m: Mention, nxt: Mention) -> bool:
    """Is ``nxt``, after "up from" or "down from", where the figure ``prior`` started from, over a range of
    another unit between them ("earn Rp 85,000 a day after 10- or 12-hour shifts, down from Rp 120,000")?"""
    return prior is not None and isinstance(nxt.value, (int, float)) and isinstance(prior.value, (int, float)) \
        and doc[nxt.start - 1].lower_ == "from" and doc[nxt.start - 2].lower_ in ("up", "down") \
        and bool(prior.unit) and prior.unit == nxt.unit != m.unit and prior.from_value is None \
        and nxt.start - prior.end <= 14 and not any(t.is_sent_start for t in doc[prior.start + 1:nxt.end])


def _stated_from(doc, i: int) -> bool:
    """Do "up from" or "down from" (maybe with a word like "a revised") come right before token ``i``?"""
    j = i - 1
    while j > 0 and doc[j].lower_ in _BEFORE_FROM_VALUE:
        j -= 1
    return j > 0 and doc[j].lower_ == "from" and doc[j - 1].lower_ in ("up", "down")


def _change_verb_above(anchor) -> bool:
    """Is the figure at ``anchor`` the object of a verb of change, through "to" or "by" ("cut the
    incumbent's lead to just 37 votes")?"""
    tok = anchor
    for _ in range(4):
        head = tok.head
        if head == tok:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return head.lower_ in UP_WORDS or head.lower_ in DOWN_WORDS
        if not (head.pos_ == "ADP" and head.lower_ in ("to", "by")) and tok.dep_ not in ("nummod", "quantmod"):
            return False
        tok = head
    return False


def _counted_noun(doc, m: Mention):
    """The noun a bare figure counts, right after it or after its adjectives ("9,800 staff", "22 elderly
    customers"), or None."""
    head = doc[m.num_end - 1].head
    if head.pos_ != "NOUN" or not m.end <= head.i < m.end + 3 or when_it_holds(doc, m.end):
        return None  # (not "12,900 last year", which the parse may hang on "year": it says when)
    return head if all(t.pos_ in ("ADJ", "NOUN") for t in doc[m.end:head.i]) else None


def _counts_a_noun(doc, m: Mention) -> bool:
    """Is a bare figure followed by the noun it counts ("9,800 staff")? Then it is no level of a figure
    with a unit."""
    return _counted_noun(doc, m) is not None


def _count_other_things(doc, a: Mention, b: Mention) -> bool:
    """Do two counts count different things ("41 deaths, up from 1,870 cases")? Then neither is the other's level."""
    x, y = _counted_noun(doc, a), _counted_noun(doc, b)
    return x is not None and y is not None and x.lemma_.lower() != y.lemma_.lower()


def _noun_tail(doc, m: Mention, nxt: Mention) -> int:
    """Tokens of the noun a bare count counts before a bare level of it ("troops" of "from 13,500 troops to
    4,000"), 0 if none."""
    if m.unit or nxt.unit:
        return 0
    noun = _counted_noun(doc, m)
    return noun.i + 1 - m.end if noun is not None and noun.i < nxt.start else 0


def _rate_tail(doc, i: int, stop: int) -> int:
    """Tokens of what a price is per, from token ``i``: "per kg", "a barrel", "per share", "/kg" (0 if none)."""
    if i >= stop or doc[i].lower_ not in ("per", "a", "an", "/"):
        return 0
    n = 1
    while i + n < stop and n <= 2 and doc[i + n].is_alpha and doc[i + n].lower_ != "to":
        n += 1
    return n if n > 1 else 0


def _shared_units(doc, kept: list[Mention]) -> list[Mention]:
    """"45 and 50 mg", "2.1 and 1.8 per cent", "3, 4 or 5 km": a bare figure joined by "and", "or" or a
    comma to the next one, which has a unit, is in that unit; not one the next restates after ", or" outside
    a list ("2.83 million, or 6.1 percent")."""
    for i in range(len(kept) - 2, -1, -1):
        a, b = kept[i], kept[i + 1]
        if a.unit or a.kind != "count" or isinstance(a.value, tuple) or "vague" in a.notes or not b.unit:
            continue
        gap = [t.lower_ for t in doc[a.end:b.start]]
        if gap not in (["and"], ["or"], [","], [",", "and"], [",", "or"]):
            continue
        if gap == [",", "or"] and not (i > 0 and [t.lower_ for t in doc[kept[i - 1].end:a.start]] == [","]):
            continue  # "rose to 2.83 million, or 6.1 percent of the workforce": restated, not a list "3, 4, or 5 km"
        a.unit, a.kind = b.unit, b.kind
        a.notes.add(SHARES_UNIT)
        if "hundredths" in b.notes:  # "10 and 15 cents"
            a.value = tidy(a.value / 100)
        scale = _written_scale(doc, b) if "scaled" not in a.notes and isinstance(b.value, (int, float)) else 1
        if scale > 1 and b.value and 0.1 <= a.value * scale / b.value <= 10:
            a.value = tidy(a.value * scale)  # "900 and 1,100 million euros": 900 million
            a.notes.add("scaled")
    return kept


_SCALE_WRITTEN = re.compile(r"\d(bn|mn|mln|bln|tn|trn|[mbk])\b", re.I)


def _written_scale(doc, m: Mention) -> int:
    """The scale written with a figure ("million" in "1,100 million euros", "bn" in "$1.1bn"), or 1."""
    if "scaled" not in m.notes:
        return 1
    for t in doc[m.num_start:m.end]:
        if t.lower_ in SCALES:
            return SCALES[t.lower_]
    glued = _SCALE_WRITTEN.search(doc[m.num_start:m.end].text)
    return SCALE_ABBREV[glued.group(1).lower()] if glued else 1


def _one_change_for_shared_units(claims: list[Claim], read: list[Mention]) -> list[Claim]:
    """"rose 3 and 5 per cent": figures that share a unit share the change one of them states."""
    out = list(claims)
    for i in range(len(out) - 1):
        if SHARES_UNIT in read[i].notes and read[i].end < read[i + 1].start and out[i].change != out[i + 1].change:
            change = out[i].change or out[i + 1].change
            if not (out[i].change and out[i + 1].change):
                out[i], out[i + 1] = replace(out[i], change=change), replace(out[i + 1], change=change)
    return out


def _direction(doc, i: int, old, new) -> str:
    for t in reversed(doc[max(0, i - 5):i]):
        if t.lower_ in UP_WORDS:
            return "up"
        if t.lower_ in DOWN_WORDS:
            return "down"
    return "up" if new > old else "down"


def share_of(words: str, share, gap: str, whole) -> bool:
    """Is ``share`` (a claim or mention written ``words``: a percent, "40%", or a fraction word, "around
    half") a share of the figure ``whole``, which follows it after the text ``gap`` of "of" and a few
    determiners ("of the region's", "of its")?"""
    if not _OF_WHOLE.fullmatch(gap) or isinstance(whole.value, (list, tuple)) or whole.unit == PERCENT \
            or whole.approx not in (EXACT, APPROX) or share.from_value is not None:
        return False
    if share.unit == PERCENT and isinstance(share.value, (int, float)):
        return True
    lowered = words.lower()
    return not share.unit and isinstance(share.value, float) and 0 < share.value < 1 and (
        any(w in lowered for w in FRACTIONS) or any(f in words for f in UNICODE_FRACTIONS))


def _shares_of_figures(text: str, claims: list[Claim]) -> list[Claim]:
    """"around half of the valley's 60,000 inhabitants", "40% of the 2,500 workers": the share is a claim
    of its own, as "30% of adults" is: value 0.5 with no unit (a fraction is a ratio; 40 in ``percent``),
    counting the figure's noun (never "0.5 inhabitants"), with the figure as ``of_value`` and its unit as
    ``of_unit``. The value is the share, as the seed gold reads "half"; the figure it comes to (30,000) is
    worked out where it is shown (:func:`~claimdesk.annotations.fields.share_figure`)."""
    out = list(claims)
    for i, (c, whole) in enumerate(pairwise(claims)):
        if share_of(c.text, c, text[c.end:whole.start], whole):
            counted = _share_counted(whole.counted, whole) or _share_counted(c.counted, whole)
            out[i] = replace(c, of_value=whole.value, of_unit=whole.unit, counted=counted)
    return out


def _share_counted(counted: str, whole: Claim) -> str:
    """What a share of ``whole`` counts, read as ``counted``, less fraction words and the words of the whole's
    quote: "three quarters of the 12 km road" counts the road, not "km road"; "half of the 20,000 tonnes"
    no "half"."""
    written = set(whole.text.lower().split())
    return " ".join(w for w in counted.split() if w.lower() not in FRACTIONS and w.lower() not in written)


# -- sentences ------------------------------------------------------------------------------------

def _within_paragraph(doc, text: str, sent, anchor):
    """The part of ``sent`` in the anchor's paragraph (a heading or tweet may run into a sentence)."""
    para_start = text.rfind("\n", sent.start_char, anchor.idx) + 1
    para_end = text.find("\n", anchor.idx, sent.end_char)
    if para_start == 0 and para_end == -1:
        return sent
    start, end = sent.start, sent.end
    while start < anchor.i and doc[start].idx < para_start:
        start += 1
    if para_end != -1:
        while end > anchor.i + 1 and doc[end - 1].idx >= para_end:
            end -= 1
    return doc[start:end]


def _paragraph_sentence(text: str, sent, start: int, end: int) -> str:
    s, e = sent.start_char, sent.end_char
    para_start = text.rfind("\n", s, start)
    if para_start != -1:
        s = para_start + 1
    para_end = text.find("\n", end, e)
    if para_end != -1:
        e = para_end
    return text[s:e].strip()


def _sentence_of(doc, i: int, sents: list):
    """The sentence holding token ``i`` (Token.sent rescans the Doc each time)."""
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start <= i:
            lo = mid
        else:
            hi = mid - 1
    return sents[lo]
