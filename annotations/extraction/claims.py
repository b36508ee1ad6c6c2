"""Numeric claims found in a parsed Doc: the quantity, its unit and change, what is counted, the predicate,
the source, the date.

:func:`read_claims` scans the tokens for numbers (:mod:`.finder`), drops what is not a claim
(:mod:`.filters`, each drop kept with its reason), and reads the rest of the claim off the dependency
parse (:mod:`.roles`). :func:`find_claims` returns the claims only.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise

from ..numbers import tidy
from .dates import claim_date
from .durations import as_reported_duration, joined_durations
from .filters import why_not_claim
from .finder import (
    Mention,
    char_to_token_end,
    currency_quoted,
    extend,
    number_end,
    qualifier_after,
    qualifier_before,
    scientific_at,
    starts_quantity,
    suspended_series,
    with_range,
    with_uncertainty,
)
from .roles import (
    CASUALTY,
    TOLL_NOUNS,
    ClaimLexicon,
    Context,
    anchor_of,
    bound_of,
    change_of,
    coordinated,
    counted_of,
    measured_of,
    next_word,
    noun_phrase_text,
    of_object,
    plural,
    predicate_of,
    source_of,
    toll_subject,
)
from .words import (
    APPROX,
    DOWN_WORDS,
    EXACT,
    FRACTIONS,
    NUMBER_WORDS,
    PERIOD_NOUNS,
    UNICODE_FRACTIONS,
    UP_WORDS,
    VAGUE_WORDS,
)

CONTEXT = 32  # characters of prefix/suffix in a quote id
SHARES_UNIT = "unit of the next"  # a mention's note: "45 and 50 mg", its unit is the next one's
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
    digits = numpy.searchsorted(starts, [m.start() for m in _DIGITS.finditer(text)], side="right") - 1
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


_DIGITS = re.compile(r"\d+")
@functools.cache
def _word_keys() -> tuple:
    """(sorted array of the string keys of the candidate words and their hyphened forms, lower case; key → the
    word's length), built on first use."""
    import numpy  # lazy: see _candidates
    from spacy.strings import hash_string  # lazy, as numpy

    lengths = {}
    for word in (*NUMBER_WORDS, *VAGUE_WORDS, *FRACTIONS, *UNICODE_FRACTIONS):
        for form in (word, word + "-"):
            lengths[hash_string(form)] = len(word)
    return numpy.array(sorted(lengths), dtype="uint64"), lengths


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _change_verb_before(doc, i: int) -> bool:
    """Is there a verb of change among the words before token ``i`` ("fell from …", "rose from …")?"""
    for t in reversed(doc[max(0, i - 5):i]):
        if t.lower_ in UP_WORDS or t.lower_ in DOWN_WORDS:
            return True
        if t.is_punct:
            return False
    return False


def mentions(doc, text: str) -> list[Mention]:
    """Every quantity in the Doc, extended (currency, unit, range, qualifier), before filtering."""
    found: list[Mention] = []
    consumed = 0
    for c in _candidates(doc, text):
        if c < consumed:
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
        m = with_range(doc, text, m, _change_verb_before(doc, m.start - 1) if m.start > 0 else False)
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
    return suspended_series(doc, found)


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
        reason = why_not_claim(doc, m)
        if reason is None and "range" in m.notes and not isinstance(m.value, tuple):
            reason = "range"
        if reason is not None:
            span = doc[m.start:m.end]
            reading.dropped.append(Dropped(span.start_char, span.end_char, span.text, reason))
            continue
        kept.append(m)
    kept = _changes_from_to(doc, _shared_units(doc, joined_durations(doc, kept)))
    last_in_sent: dict[int, tuple] = {}
    claims: list[Claim] = []
    read: list[Mention] = []  # the mention of each claim
    for m in kept:
        anchor = anchor_of(doc, m)
        sent = _sentence_of(doc, anchor.i, sents) if sents else doc[:]
        sent = _within_paragraph(doc, text, sent, anchor)
        if m.kind == "count":
            counted, noun = counted_of(ctx, m, anchor) if has_parse else ("", None)
            if not has_parse:
                counted = next_word(doc, m.end)
        else:
            counted, noun = "", None
        phrase_head = noun if (noun is not None and anchor.head == noun) else anchor
        if noun is not None and noun.lower_ in PERIOD_NOUNS:
            span = doc[m.start:m.end]
            reading.dropped.append(Dropped(span.start_char, span.end_char, span.text, "period"))
            continue
        predicate_tok = predicate_of(ctx, phrase_head, doc[m.num_start:m.num_end]) if has_parse else None
        predicate = predicate_tok.text if predicate_tok is not None else ""
        change = m.change or change_of(doc, m, anchor, has_parse)
        if has_parse and not counted and m.kind == "count":
            subj = toll_subject(anchor)
            if subj is not None and subj.lemma_.lower() in TOLL_NOUNS:  # "the death toll … 5,000"
                comp = [c for c in subj.children if c.dep_ == "compound"]
                obj = of_object(subj)
                if comp:
                    counted = plural(comp[-1].lower_)
                elif obj is not None:
                    counted = noun_phrase_text(obj)
                predicate = noun_phrase_text(subj)
            elif subj is not None:  # "cases rose by 5,000"
                counted = noun_phrase_text(subj)
        if has_parse and not counted and (m.kind != "count" or change):
            counted = measured_of(ctx, m, anchor)
        if not counted and m.quoted is not None:  # "the Thai baht fell to 36.8 per dollar"
            counted = noun_phrase_text(doc[m.quoted], modifiers=True)
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
            approx = bound_of(doc, anchor) or approx
        # "X, or Y": the second figure restates the first (its change and what it measures)
        prev = last_in_sent.get(sent.start)
        if prev is not None and m.start >= 2 and doc[m.start - 1].lower_ == "or" and doc[m.start - 2].text == "," \
                and prev[0] == m.start - 2:
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
        read.append(m)
    reading.claims = _shares_of_figures(text, _one_change_for_shared_units(claims, read))
    return reading


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
        if nxt is not None and isinstance(m.value, (int, float)) and isinstance(nxt.value, (int, float)):
            if nxt.start - m.end > 8:
                out.append(m)
                continue
            between = [t.lower_ for t in doc[m.end + _rate_tail(doc, m.end, nxt.start):nxt.start]]
            before = doc[m.start - 1].lower_ if m.start > 0 else ""
            compatible = (not m.unit or not nxt.unit or m.unit == nxt.unit)
            if before == "from" and between == ["to"] and compatible and _change_verb_before(doc, m.start - 1):
                nxt.from_value = m.value
                nxt.unit = nxt.unit or m.unit
                nxt.kind = nxt.kind if nxt.unit else m.kind
                nxt.start = m.start - 1
                nxt.change = _direction(doc, m.start - 1, m.value, nxt.value)
                skip.add(i)
                continue
            gap = [t for t in doc[m.end:nxt.start] if not t.is_space]
            words = [t.lower_ for t in gap]
            stated = words[-2:-1] in (["up"], ["down"])  # "…, up from X"
            if words and words[-1] == "from" and compatible and len(words) <= 7 \
                    and not any(t.is_sent_start for t in gap) \
                    and (stated or words == ["from"] or _change_verb_before(doc, m.start)):
                m.from_value = nxt.value
                m.unit = m.unit or nxt.unit
                m.change = words[-2] if stated else ("up" if nxt.value < m.value else "down")
                out.append(m)
                skip.add(i + 1)
                continue
        out.append(m)
    return out


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
    comma to the next one, which has a unit, is in that unit."""
    for i in range(len(kept) - 2, -1, -1):
        a, b = kept[i], kept[i + 1]
        if a.unit or a.kind != "count" or isinstance(a.value, tuple) or "vague" in a.notes or not b.unit:
            continue
        if [t.lower_ for t in doc[a.end:b.start]] not in (["and"], ["or"], [","], [",", "and"], [",", "or"]):
            continue
        a.unit, a.kind = b.unit, b.kind
        a.notes.add(SHARES_UNIT)
        if "hundredths" in b.notes:  # "10 and 15 cents"
            a.value = tidy(a.value / 100)
    return kept


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
