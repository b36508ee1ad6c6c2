"""Numeric claims found in a parsed Doc: the quantity, what is counted, the predicate, the source, the date.

:func:`find_claims` scans the tokens for numbers (digits, number words, fractions, vague quantities),
builds each quantity's surface (qualifier + number + unit), drops what is not a claim (dates, times,
years, ordinals, numbers inside names, ages, "the two sides"), and reads the rest of the claim off the
dependency parse. Values come from :mod:`claimdesk.annotations.numbers`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import asdict, dataclass

from .numbers import (
    CURRENCIES,
    CURRENCY_WORDS,
    FRACTIONS,
    NUMBER_WORDS,
    QUALIFIERS,
    SCALE_ABBREV,
    VAGUE,
    parse_quantity,
)

CONTEXT = 32  # characters of prefix/suffix in a quote id

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
TIME_MARKERS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "o'clock", "bst", "cet", "est", "edt",
                "pst", "hrs", "local"}
# Nouns that make a number a date or a period rather than a claim ("two weeks", "three decades").
PERIOD_NOUNS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
                "century", "centuries", "weekend", "weekends", "night", "nights", "yr", "yrs", "millennium"}
# Vague quantity words (the single-word keys of numbers.VAGUE), "scores of", "tens of".
VAGUE_WORDS = {k for k in VAGUE if " " not in k}
NEEDS_OF = {"scores", "tens"}
HEDGES = {"possibly", "perhaps", "maybe", "probably", "even", "likely", "potentially"}
PERCENT_TOKENS = {"%", "percent", "pct"}
# Reporting verbs: their subject is the claim's source.
REPORT_VERBS = {
    "say", "tell", "report", "announce", "state", "estimate", "claim", "confirm", "acknowledge", "admit",
    "add", "note", "write", "tweet", "post", "warn", "insist", "declare", "reveal", "disclose", "put",
    "record", "count", "tally", "publish", "release", "show", "indicate", "suggest", "allege", "testify",
    "explain", "argue", "conclude", "find", "calculate", "list", "cite", "quote", "brief",
}
# Reporting verbs whose direct object can be the figure itself ("the side acknowledged 350 deaths").
OBJECT_REPORT_VERBS = {"report", "acknowledge", "confirm", "estimate", "put", "record", "count", "tally",
                       "announce", "publish", "release", "admit", "cite", "list", "disclose", "reveal",
                       "register", "log", "document", "verify"}
# Predicates of casualty counts: a bare number of "killed" or "dead" counts people.
CASUALTY = {"kill", "die", "dead", "wound", "injure", "hurt", "displace", "evacuate", "flee", "missing",
            "arrest", "detain", "rescue", "death", "casualty", "strand", "trap", "infect", "hospitalize",
            "hospitalise", "wounded", "injured", "killed", "displaced", "abduct", "kidnap", "execute"}
CHANGE_VERBS = {"be", "rise", "fall", "climb", "drop", "increase", "decrease", "reach", "hit", "stand", "total",
                "exceed", "top", "near", "surpass", "pass", "grow", "jump", "soar", "surge", "decline", "double"}
TOLL_NOUNS = {"toll", "number", "tally", "total", "count", "figure"}
HYPHEN_PERIODS = {"hour", "hours", "minute", "minutes", "second", "seconds", "old", "time", "times"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:k|m|mn|bn|b|tn)$", re.I)
_YEARISH = re.compile(r"^\d{4}$")
_CANDIDATE = re.compile(
    r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS | VAGUE_WORDS | {"half", "quarter", "quarters", "third", "thirds"},
                                  key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True)
class ClaimLexicon:
    """Words reviewers taught the claim finder (learned rules of kind ``claim_lexicon``), on top of the
    built-in tables: nouns that say what a number counts, predicate lemmas, attribution verb lemmas."""

    counted: frozenset = frozenset()  # "rockets": the word after a number is what it counts
    predicates: frozenset = frozenset()  # "shell": a predicate of a count, like "kill"
    report_verbs: frozenset = frozenset()  # "relay": its subject is the claim's source, like "say"

    def __bool__(self) -> bool:
        return bool(self.counted or self.predicates or self.report_verbs)


NO_LEXICON = ClaimLexicon()


@dataclass(frozen=True)
class Claim:
    """A numeric claim: a quantity asserted about the world, with what it counts and who says so."""

    id: str
    start: int  # char offsets of ``text`` in the article's clean text
    end: int
    text: str  # the quantity as written, with its qualifier and unit: "some 400", "90 percent"
    sentence: str
    value: float | int | list  # a number, or [low, high]
    approx: str  # exact | approx | at_least | at_most | range
    counted: str  # what is counted: "civilians", "percent" ("" when unknown)
    predicate: str  # "killed", "displaced" ("" when unknown)
    source: str  # who says so ("" when unattributed)
    date: str  # ISO date: the article's, or one stated in the sentence ("" when unknown)

    def to_record(self, article_path: str) -> dict:
        """The ``claimdesk extract --json`` record."""
        rec = asdict(self)
        return {"kind": "claim", "article": article_path, **{k: rec[k] for k in (
            "id", "start", "end", "text", "sentence", "value", "approx", "counted", "predicate", "source",
            "date")}}


def quote_id(article_id: str, text: str, start: int, end: int, kind: str = "claim") -> str:
    """A stable id from the article and the quote (exact text with ~32 characters either side)."""
    prefix = text[max(0, start - CONTEXT):start]
    suffix = text[end:end + CONTEXT]
    key = "\x1f".join((kind, article_id, prefix, text[start:end], suffix))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------- tokens

def _is_digits(tok) -> bool:
    return bool(_DIGITS.match(tok.text)) or bool(_DIGITS_SCALED.match(tok.text))


def _is_number_token(tok) -> bool:
    """A token that can be part of a number (digits, number words, scales)."""
    low = tok.lower_
    return _is_digits(tok) or low in NUMBER_WORDS or (low in SCALE_ABBREV and tok.i > 0
                                                       and _is_digits(tok.doc[tok.i - 1]))


def _starts_quantity(tok) -> bool:
    low = tok.lower_
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if _is_digits(tok):
        return True
    if low in NUMBER_WORDS:
        if low == "one":
            return _one_counts(tok)
        return low not in SCALE_ABBREV
    if low in VAGUE_WORDS:
        if low in NEEDS_OF or low in ("millions", "billions"):
            return nxt is not None and nxt.lower_ == "of"
        return True
    if low in ("half", "quarter", "third", "thirds", "quarters"):
        return _fraction_counts(tok, prev, nxt)
    return False


def _one_counts(tok) -> bool:
    """"one" is a count only as "one <noun>" — not "one of", "no one", "one another", "one day"."""
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt.lower_ in ("of", "another", "day", "time", "point", "way", "side", "thing", "hand", "by"):
        return False
    if prev is not None and prev.lower_ in ("no", "the", "this", "that", "every", "any", "each", "at", "which"):
        return False
    return nxt.pos_ in ("NOUN", "PROPN") and tok.head == nxt


def _fraction_counts(tok, prev, nxt) -> bool:
    """"half of", "half the", "a quarter-point", "two-thirds of" — not "second half", "quarter-century"."""
    low = tok.lower_
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc):
        unit = tok.doc[tok.i + 2].lower_
        if unit in PERIOD_NOUNS or unit in ("final", "finals", "hearted"):
            return False
    if prev is not None and (prev.lower_ in ("the", "first", "second", "third", "fourth", "last", "this", "that")
                             or prev.ent_type_ in ("ORDINAL", "DATE")):
        return False
    if low == "half":
        return nxt is not None and (nxt.lower_ in ("of", "the", "a", "an", "its", "their", "his", "her")
                                    or (nxt.text == "-" and prev is not None and prev.lower_ in ("a", "one")))
    # quarter, third: need "a"/"one"/"two" before ("a third of", "two-thirds")
    return prev is not None and (prev.lower_ in ("a", "one", "two", "three") or prev.text == "-") and (
        nxt is not None and (nxt.lower_ == "of" or nxt.text == "-"))


@dataclass
class _Span:
    start: int  # token indices, end exclusive
    end: int
    num_start: int  # the number proper (without qualifier/currency)
    num_end: int


def _number_end(doc, i: int) -> int:
    """Extend a number from token i over number words, hyphens ("twenty-five"), "and" ("hundred and five")."""
    j = i + 1
    n = len(doc)
    while j < n:
        tok = doc[j]
        low = tok.lower_
        if _is_number_token(tok) and not (_is_digits(tok) and _is_digits(doc[j - 1])):
            if _is_digits(tok) and doc[j - 1].lower_ in NUMBER_WORDS and doc[j - 1].lower_ not in ("hundred",):
                break
            j += 1
            continue
        if low in ("-", "and") and j + 1 < n and doc[j + 1].lower_ in NUMBER_WORDS and doc[j - 1].lower_ in NUMBER_WORDS:
            if low == "and" and doc[j - 1].lower_ not in ("hundred", "thousand", "million", "billion"):
                break
            j += 2
            continue
        if low in ("of",) and doc[j - 1].lower_ in ("tens", "hundreds") and j + 1 < n and doc[j + 1].lower_ in (
                "thousands", "millions", "billions"):
            j += 2
            continue
        if low in FRACTIONS and doc[j - 1].text == "-" :
            j += 1
            continue
        if low == "-" and j + 1 < n and doc[j + 1].lower_ in FRACTIONS and not tok.whitespace_:
            j += 2
            continue
        if low in ("a", "an") and doc[j - 1].lower_ == "half" and j + 1 < n and doc[j + 1].lower_ in (
                "million", "billion", "trillion", "thousand", "dozen"):
            j += 2
            continue
        break
    return j


def _candidate_tokens(doc, text: str) -> list[int]:
    """Indexes of tokens that may start a quantity, found with a regex over the text (fast on long Docs)."""
    out = []
    last = -1
    for m in _CANDIDATE.finditer(text):
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        i = span.start
        if i != last:
            out.append(i)
            last = i
    return out


def _quantity_spans(doc, text: str) -> list[_Span]:
    spans = []
    i = 0
    for c in _candidate_tokens(doc, text):
        if c < i:
            continue
        tok = doc[c]
        if not _starts_quantity(tok):
            continue
        i = c
        start = i
        end = _number_end(doc, i)
        # "a dozen", "a million", "a quarter", "an estimated" is a qualifier (below)
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "one", "two", "three") and doc[start].lower_ in (
                "dozen", "hundred", "thousand", "million", "billion", "quarter", "third", "half"):
            start -= 1
        if start > 0 and doc[start].lower_ in ("thirds", "quarters") and doc[start - 1].text == "-":
            start -= 2 if start > 1 and doc[start - 2].lower_ in NUMBER_WORDS else 0
        spans.append(_Span(start, end, start, end))
        i = end
    return spans


def _extend(doc, sp: _Span) -> tuple[_Span, list[str]]:
    """Add currency, percent, scale, hyphenated unit, range partner and qualifier around a number."""
    n = len(doc)
    notes: list[str] = []
    start, end = sp.start, sp.end
    # glued or spaced scale abbreviations after a currency: "$48 M", "$ 3.1 bn"
    if end < n and doc[end].lower_ in SCALE_ABBREV and start > 0 and doc[start - 1].lower_ in CURRENCIES:
        end += 1
    # percent / per cent / percentage points / currency words after
    if end < n and doc[end].lower_ in PERCENT_TOKENS:
        end += 1
        notes.append("percent")
    elif (end + 1 < n and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent") or (end + 1 < n and doc[end].lower_ == "percentage" and doc[end + 1].lower_ in ("point", "points")):
        end += 2
        notes.append("percent")
    elif end < n and doc[end].lower_ in CURRENCY_WORDS and doc[end].lower_ not in ("pounds",):
        end += 1
        notes.append("money")
    # hyphenated unit: "2,000-pound", "a quarter-point"
    if end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha and doc[end + 1].lower_ not in NUMBER_WORDS:
        unit = doc[end + 1].lower_
        if unit in PERIOD_NOUNS or unit in HYPHEN_PERIODS:
            notes.append("period")
        end += 2
        notes.append("hyphen-unit")
    # currency before
    if start > 0 and doc[start - 1].lower_ in CURRENCIES:
        start -= 1
        notes.append("money")
    num_start, num_end = start, end
    # ranges: "10 to 20", "two or three", "10-20", "hundreds — perhaps thousands", "X and possibly Y"
    j = end
    if j < n and doc[j].lower_ in ("to", "or", "-", "–", "—", "and", "--"):
        k = j + 1
        hedged = False
        while k < n and doc[k].lower_ in HEDGES:
            k += 1
            hedged = True
        if k < n and _starts_quantity(doc[k]):
            sep = doc[j].lower_
            # "10 to 20 people" is a range; "rose from 10 to 20", "by 5,000 to 1.3m" are changes
            ok = sep in ("or", "-", "–") or (sep == "to" and not (start > 0 and doc[start - 1].lower_ in ("from", "by"))
                                            and doc[j].dep_ not in ("prep", "aux"))
            ok = ok or (sep in ("and", "—", "--") and (hedged or (start > 0 and doc[start - 1].lower_ == "between")))
            if sep == "-" and (doc[j - 1].whitespace_ or doc[j].whitespace_):
                ok = ok and hedged
            if ok:
                k_end = _number_end(doc, k)
                if k_end < n and doc[k_end].lower_ in PERCENT_TOKENS:
                    k_end += 1
                merged = parse_quantity(doc[start:k_end].text)
                if merged is not None and isinstance(merged.value, tuple):
                    end = k_end
                    num_end = end
                    notes.append("range")
    # qualifier before (longest phrase ending right before the start)
    lows = [t.lower_ for t in doc[max(0, start - 4):start]]
    best = 0
    for q in QUALIFIERS:
        words = q.split()
        if len(words) <= len(lows) and lows[len(lows) - len(words):] == words and len(words) > best:
            best = len(words)
    if start > 0 and doc[start - 1].lower_ == "between" and "range" in notes:
        best = max(best, 1)
    if best:
        qtok = doc[start - best]
        ok = True
        if qtok.lower_ in ("over", "under", "above", "below") and best == 1:
            # "fighting over two districts": a preposition, not a bound
            ok = not (qtok.dep_ == "prep" and qtok.head.pos_ in ("VERB", "NOUN") and doc[start].head != qtok
                      and any(c.dep_ == "pobj" and c.i >= start for c in qtok.children)
                      and doc[start].head.pos_ == "NOUN" and doc[start].lower_ in NUMBER_WORDS)
        if qtok.lower_ == "some" and doc[start].lower_ in ("of",):
            ok = False
        if ok:
            start -= best
    return _Span(start, end, num_start, num_end), notes


# ---------------------------------------------------------------------------------------------- filters

def _not_a_claim(doc, sp: _Span, notes: list[str], value) -> bool:
    n = len(doc)
    first, last = doc[sp.num_start], doc[sp.num_end - 1]
    prev = doc[sp.num_start - 1] if sp.num_start > 0 else None
    prev2 = doc[sp.num_start - 2] if sp.num_start > 1 else None
    nxt = doc[sp.num_end] if sp.num_end < n else None
    nxt2 = doc[sp.num_end + 1] if sp.num_end + 1 < n else None
    if "period" in notes:  # "18-year-old", "72-hour"
        return True
    if first.ent_type_ == "ORDINAL" and not _is_digits(first):
        return True
    # dates: "Sept. 27", "October 8, 2020", "27 September", "1994", "2020s"
    if prev is not None and prev.lower_.rstrip(".") in MONTHS:
        return True
    if prev is not None and prev.text in (".",) and prev2 is not None and prev2.lower_ in MONTHS:
        return True
    if nxt is not None and nxt.lower_.rstrip(".") in MONTHS and nxt.is_title:
        return True
    if (prev is not None and prev.text == "," and prev2 is not None and _is_digits(prev2)
            and sp.num_start > 2 and doc[sp.num_start - 3].lower_.rstrip(".") in MONTHS):
        return True
    if (sp.num_end - sp.num_start == 1 and _YEARISH.match(first.text) and "money" not in notes
            and "percent" not in notes and 1000 <= int(first.text) <= 2100
            and not (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in PERIOD_NOUNS)):
        return True
    # times: "12:00 p.m.", "at 5 pm"
    if nxt is not None and nxt.lower_ in TIME_MARKERS:
        return True
    # periods: "two weeks", "three decades", "a day or two"
    head = first.head
    if nxt is not None and nxt.lower_ in PERIOD_NOUNS:
        return True
    if nxt is not None and nxt2 is not None and nxt.pos_ == "ADJ" and nxt2.lower_ in PERIOD_NOUNS:
        return True
    if head.lower_ in PERIOD_NOUNS and head.i != first.i and abs(head.i - first.i) <= 3:
        return True
    # ages: "aged 18", "age 18", "Smith, 34, said"
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    if (prev is not None and prev.text == "," and nxt is not None and nxt.text in (",", ")")
            and prev2 is not None and prev2.ent_type_ == "PERSON" and isinstance(value, int) and value < 120):
        return True
    # names and labels: "Flight 302", "article 5", "Covid 19", "No. 10", "#5"
    if prev is not None and prev.lower_ in ("no.", "no", "number", "#", "nos.", "vol.", "p.", "pp.", "page",
                                            "pages", "chapter", "section", "article", "paragraph", "route",
                                            "highway", "flight", "resolution", "level", "phase", "category",
                                            "grade", "stage", "gate", "line", "version", "model", "room",
                                            "platform", "rule", "item", "step", "round", "game", "week",
                                            "day", "term", "unit", "type", "class", "size", "covid", "sars") \
            and (prev.lower_ != "no" or nxt is None or nxt.tag_ != "NNS"):
        return True
    if prev is not None and prev.text == "-" and not prev.whitespace_ and prev2 is not None and prev2.is_alpha \
            and not prev2.whitespace_ and prev2.lower_ not in NUMBER_WORDS:
        return True  # "Su-25" split by the tokenizer
    if prev is not None and prev.text in ("-", "/") and not prev.whitespace_ and prev2 is not None \
            and _is_digits(prev2) and not prev2.whitespace_:
        return True  # "747-400", "3-2", "24/7": codes and scores, not an inverted range
    if nxt is not None and nxt.text in ("-", "/") and not last.whitespace_ and not nxt.whitespace_ \
            and nxt2 is not None and _is_digits(nxt2):
        return True  # the first half of such a code ("3" of "3-2"; a valid range was merged already)
    if (prev is not None and prev.pos_ == "PROPN" and prev.is_title and prev.whitespace_ != ""
            and (first.head == prev or prev.head == first) and _is_digits(first)
            and not (nxt is not None and nxt.tag_ in ("NNS", "NNPS"))
            and "money" not in notes and "percent" not in notes):
        return True
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and nxt2 is not None and nxt2.is_upper \
            and len(nxt2.text) <= 3:
        return True  # "737-MAX"-like codes
    # references, not quantities: "the two sides", "these three men"
    if prev is not None and prev.lower_ in ("the", "these", "those", "both") and sp.start == sp.num_start \
            and isinstance(value, int) and value <= 10 and "percent" not in notes and "money" not in notes:
        return True
    # identifiers: 9+ digits without separators, leading zeros
    if _is_digits(first) and "," not in first.text and "." not in first.text and (
            len(first.text) >= 9 or (len(first.text) > 1 and first.text.startswith("0"))):
        return True
    # list markers: "1." or "(2)" opening a line
    return bool(sp.num_end - sp.num_start == 1 and nxt is not None and nxt.text in (".", ")") and (prev is None or "\n" in prev.text or prev.text == "(" or prev.is_space))


# ---------------------------------------------------------------------------------------------- parse

def _noun_phrase_text(tok) -> str:
    """A noun with its contiguous compound modifiers: "cease-fires", "death toll"."""
    start = tok.i
    doc = tok.doc
    while start > 0 and ((doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, tok.i + 1))
                         or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)):
        if doc[start - 1].text == "-" and (start < 2 or doc[start - 2].dep_ != "compound"):
            break
        start -= 1
    return doc[start:tok.i + 1].text


def _of_object(tok):
    """The object of "of" below ``tok``: "thousands of people" → people."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _anchor(doc, sp: _Span):
    """The token of the number whose head lies outside the span (its syntactic head)."""
    toks = doc[sp.num_start:sp.num_end]
    for t in toks:
        if not (sp.num_start <= t.head.i < sp.num_end) or t.head == t:
            return t
    return toks[-1]


def _counted(doc, sp: _Span, notes, anchor, qty_unit: str):
    """(counted text, the noun token or None)."""
    if "percent" in notes:
        return qty_unit or "percent", None
    if "money" in notes:
        return qty_unit or "money", None
    if "hyphen-unit" in notes and qty_unit:
        return qty_unit, None
    toks = doc[sp.num_start:sp.num_end]
    # "thousands of people", "376 of its soldiers", "half of Karabakh's 140,000 residents"
    for t in toks:
        obj = _of_object(t)
        if obj is not None and obj.pos_ == "PRON":  # "four of whom": the antecedent's, found by the caller
            return "", None
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase_text(obj), obj
    head = anchor.head
    if head.i >= sp.num_end and head.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("nummod", "quantmod", "amod",
                                                                                    "compound", "nmod"):
        return _noun_phrase_text(head), head
    learned = _learned_counted(doc, sp.num_end)
    if learned is not None:
        return _noun_phrase_text(learned), learned
    # parse slips ("as of Thursday 58 civilians"): the noun right after the number
    nxt = doc[sp.num_end] if sp.num_end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN"):
        tok = nxt
        while tok.dep_ == "compound" and tok.head.i == tok.i + 1:
            tok = tok.head
        return _noun_phrase_text(tok), tok
    if nxt is not None and nxt.lower_ == "of" and sp.num_end + 1 < len(doc):
        for t in doc[sp.num_end + 1:min(len(doc), sp.num_end + 6)]:
            if t.pos_ == "NOUN" and t.dep_ != "compound":
                return _noun_phrase_text(t), t
    return "", None


def _learned_counted(doc, i: int):
    """A word a reviewer taught as a counted noun, within three words after the number (no punctuation)."""
    words = _lexicon().counted
    if not words:
        return None
    for tok in doc[i:min(len(doc), i + 3)]:
        if tok.is_punct or tok.is_space:
            return None
        if tok.lower_ in words or tok.lemma_.lower() in words:
            return tok
    return None


def _is_predicate(lemma: str) -> bool:
    """A predicate of a count: the built-in casualty words, and those reviewers taught."""
    return lemma in CASUALTY or lemma in _lexicon().predicates


def _coordinated(anchor, predicate, prev_anchor, prev_predicate) -> bool:
    """Is this number coordinated with the previous claim ("31 civilians were killed and 178 wounded",
    "killed 90 civilians and wounded 392")? Then it counts the same thing."""
    if prev_anchor is None:
        return False
    near = {prev_anchor, prev_anchor.head}
    if prev_predicate is not None:
        near.add(prev_predicate)
    if anchor.dep_ == "conj" and anchor.head in near:
        return True
    verb = predicate if predicate is not None else anchor.head
    return verb is not None and verb.dep_ == "conj" and verb.head in near


def _next_word(doc, i: int) -> str:
    """Without a parse: the word after the number ("12 people"; "376 of its soldiers" → soldiers)."""
    words = [t for t in doc[i:i + 5] if not t.is_punct]
    if words and words[0].lower_ == "of":
        words = [t for t in words[1:] if t.lower_ not in ("the", "a", "an", "its", "their", "his", "her", "our",
                                                          "these", "those", "this", "that")]
    if words and words[0].is_alpha and words[0].is_lower:
        return words[0].text
    return ""


def _toll_subject(anchor):
    """"the death toll … was nearing 5,000": the subject noun of the verb governing the number."""
    if anchor.dep_ not in ("dobj", "attr", "pobj", "npadvmod", "acomp", "conj", "appos") or anchor.head.pos_ not in (
            "VERB", "AUX", "ADP", "ADJ"):
        return None
    verb = anchor.head
    if verb.pos_ == "ADP":
        verb = verb.head
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            lemma = subj.lemma_.lower()
            ok = lemma in TOLL_NOUNS or (verb.lemma_.lower() in CHANGE_VERBS and subj.pos_ == "NOUN")
            return subj if ok else None
        if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head != verb:
            verb = verb.head
        else:
            return None
    return None


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def _predicate(doc, phrase_head, span_tokens=()):
    """The verb (or predicative adjective) governing the quantity: "killed", "displaced", "dead"."""
    for tok in (phrase_head, *span_tokens):
        for child in tok.children:
            if child.dep_ in ("acl", "amod", "appos", "oprd") and child.tag_ in ("VBN", "JJ") and child.i > tok.i \
                    and _is_predicate(child.lemma_.lower()):
                return child
    tok = phrase_head
    for _ in range(8):
        if tok.head == tok:
            break
        tok = tok.head
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            for child in tok.children:  # "confirmed killed", "left … dead"
                if child.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and _is_predicate(child.lemma_.lower()):
                    return child
            return tok
        if tok.pos_ == "ADJ" and tok.dep_ in ("amod", "acomp") and _is_predicate(tok.lemma_.lower()):
            return tok
    return None


def _span_text_of_subject(subj) -> str:
    doc = subj.doc
    start = subj.left_edge.i
    end = subj.i
    for child in subj.children:
        if child.i > subj.i and child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "in", "on"):
            end = max(end, child.right_edge.i)
        elif child.i > subj.i and child.dep_ in ("compound", "flat", "nmod"):
            end = max(end, child.i)
        elif child.i > subj.i and child.dep_ == "appos" and child.pos_ == "PROPN" and not any(
                t.is_punct for t in doc[subj.i + 1:child.left_edge.i]):
            end = max(end, child.right_edge.i)  # "the ombudsman Artak Beglaryan"
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].is_quote):
        start += 1
    if end - start > 14:  # long subtrees: keep the name itself
        start = min(subj.i, max(start, subj.i - 6))
        end = subj.i
    # a relative clause or apposition inside the span: cut it off at the comma
    text = doc[start:end + 1]
    out = []
    for t in text:
        if t.text in (",", "(", "—", "–", "--") and t.i > subj.i:
            break
        out.append(t)
    return doc[out[0].i:out[-1].i + 1].text if out else subj.text


def _subject(verb):
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and verb.lemma_ == "quote"):
                return child
        for child in verb.children:  # "was quoted as saying by Interfax"
            if child.dep_ == "agent":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head != verb:
            verb = verb.head
        else:
            return None
    return None


def _resolve(subj, sent) -> str:
    """The source's text; pronouns and bare "the ministry" are traced back to a recent name."""
    doc = subj.doc
    low = subj.lower_
    text = _span_text_of_subject(subj)
    if low in PRONOUNS and subj.i == subj.left_edge.i:
        if low in ("i", "we", "it"):
            return text if low != "it" else _recent(doc, sent.start, lambda t: t.ent_type_ in ("ORG", "GPE"))
        if low in ("he", "she"):
            return (_recent(doc, subj.i, _person_subject) or _recent(doc, subj.i, lambda t: t.ent_type_ == "PERSON")
                    or text)
        if low == "they":
            found = _recent_plural_subject(doc, sent.start)
            return found or text
    span_toks = doc[subj.left_edge.i:subj.i + 1]
    if subj.pos_ == "NOUN" and all(t.pos_ in ("DET", "NOUN", "ADJ") and not t.ent_type_ for t in span_toks) \
            and any(t.lower_ in ("the", "this") for t in span_toks) and len(subj.lemma_) >= 5:
        stem = subj.lemma_.lower()[:max(5, len(subj.lemma_) - 2)]
        found = _recent(doc, sent.start, lambda t: t.pos_ == "PROPN" and t.lower_.startswith(stem), run=True)
        if found:
            return found
    return text


def _person_subject(t) -> bool:
    """A PERSON name that is a subject, or carries a title ("Ms. Grigoryan")."""
    if t.ent_type_ != "PERSON":
        return False
    head = t
    while head.dep_ in ("compound", "flat") and head.head != head:
        head = head.head
    prev = t.doc[t.i - 1] if t.i > 0 else None
    return head.dep_ in ("nsubj", "nsubjpass") or (prev is not None and prev.lower_.rstrip(".") in (
        "mr", "ms", "mrs", "dr", "president", "minister", "gen", "sen", "rep", "gov", "prof"))


def _recent(doc, before: int, pred, run: bool = False, window: int = 400) -> str:
    """The last name before token ``before`` matching ``pred`` (its entity, or its run of proper nouns)."""
    for i in range(before - 1, max(-1, before - window), -1):
        t = doc[i]
        if pred(t):
            if t.ent_iob_ in ("B", "I") and not run:
                ent = next((e for e in _ents(doc) if e.start <= i < e.end), None)
                if ent is not None:
                    return ent.text
            if run:
                s, e = i, i
                while s > 0 and (doc[s - 1].pos_ == "PROPN" or (doc[s - 1].lower_ in ("of", "on", "for", "'s", "’s")
                                                                and s > 1 and doc[s - 2].pos_ == "PROPN")):
                    s -= 1
                while e + 1 < len(doc) and (doc[e + 1].pos_ == "PROPN" or (
                        doc[e + 1].lower_ in ("of", "on", "for") and e + 2 < len(doc) and doc[e + 2].pos_ == "PROPN")):
                    e += 1
                return doc[s:e + 1].text
            return t.text
    return ""


def _recent_plural_subject(doc, before: int) -> str:
    for i in range(before - 1, max(-1, before - 200), -1):
        t = doc[i]
        if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS"):
            return _span_text_of_subject(t)
    return ""


def _source(doc, sent, phrase_head, anchor) -> str:
    inside = lambda t: sent.start <= t.i < sent.end  # noqa: E731
    # 1. a reporting verb above the quantity: "X said (that) …", "…, X said", "X told AFP …",
    #    "X acknowledged 350 deaths" (but not "fighting has claimed 400 lives")
    below = phrase_head
    role = phrase_head.dep_
    for anc in phrase_head.ancestors:
        if not inside(anc):
            break
        if below.dep_ != "conj":  # conjuncts share their first member's role
            role = below.dep_
        lemma = anc.lemma_.lower()
        if anc.pos_ in ("VERB", "AUX") and (lemma in REPORT_VERBS or lemma in _lexicon().report_verbs) and (
                lemma in OBJECT_REPORT_VERBS or role not in ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod")):
            subj = _subject(anc)
            if subj is not None and inside(subj) and subj.i != phrase_head.i and not (
                    phrase_head.i >= subj.left_edge.i and phrase_head.i <= subj.right_edge.i):
                return _resolve(subj, sent)
        below = anc
    # 2. "according to X"
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and inside(obj):
                return _resolve(obj, sent)
    # 3. a reporting verb elsewhere in the sentence (parenthetical "…, officials said")
    for t in sent:
        if t.pos_ == "VERB" and (t.lemma_.lower() in ("say", "tell", "report", "estimate", "announce", "confirm")
                                 or t.lemma_.lower() in _lexicon().report_verbs) \
                and (t.dep_ in ("ROOT", "parataxis") or t.head.dep_ == "ROOT"):
            subj = _subject(t)
            if subj is not None and inside(subj) and not (subj.left_edge.i <= anchor.i <= subj.right_edge.i):
                return _resolve(subj, sent)
    return ""


# ---------------------------------------------------------------------------------------------- dates

def _resolve_date(text: str, article_date: str) -> str:
    """An ISO date for a stated day ("Thursday", "Oct. 5", "yesterday"), relative to the article's date."""
    if not article_date:
        return ""
    try:
        base = dt.date.fromisoformat(article_date)
    except ValueError:
        return ""
    low = text.lower().strip().rstrip(".")
    low = re.sub(r"^(on|as of|by|until|since|last|this)\s+", "", low)
    if low in WEEKDAYS:
        delta = (base.weekday() - WEEKDAYS[low]) % 7
        return (base - dt.timedelta(days=delta)).isoformat()
    if low == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat()
    if low == "today":
        return base.isoformat()
    m = re.match(r"^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$", low) or None
    day = month = year = None
    if m and m.group(1)[:3] in {x[:3] for x in MONTHS}:
        month, day, year = m.group(1)[:3], int(m.group(2)), m.group(3)
    else:
        m = re.match(r"^(\d{1,2})\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$", low)
        if m and m.group(2)[:3] in {x[:3] for x in MONTHS}:
            day, month, year = int(m.group(1)), m.group(2)[:3], m.group(3)
    if month is None:
        return ""
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    try:
        when = dt.date(int(year) if year else base.year, months.index(month) + 1, day)
    except ValueError:
        return ""
    if not year and when > base + dt.timedelta(days=7):
        when = when.replace(year=when.year - 1)
    return when.isoformat()


def _date(sent, article_date: str) -> str:
    """The article's date, unless the sentence pins the figure to another day ("as of Thursday")."""
    for ent in _ents(sent.doc):
        if ent.label_ != "DATE" or ent.start < sent.start or ent.end > sent.end:
            continue
        before = ent.doc[ent.start - 2:ent.start].text.lower() if ent.start >= 2 else ""
        if before.endswith("as of") or (ent.doc[ent.start - 1].lower_ in ("on",) and ent.start > 0):
            resolved = _resolve_date(ent.text, article_date)
            if resolved:
                return resolved
    return article_date


# ---------------------------------------------------------------------------------------------- main

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


def _json_value(value):
    if isinstance(value, tuple):
        return [value[0], value[1]]
    return value


def find_claims(doc, article_id: str = "", article_date: str = "", text: str | None = None,
                lexicon: ClaimLexicon | None = None) -> list[Claim]:
    """The numeric claims in a parsed Doc (needs a dependency parse; a blank pipeline gets fewer fields).
    ``text`` is ``doc.text`` when the caller has it at hand (Doc.text is rebuilt on each access);
    ``lexicon`` adds the words reviewers taught (counted nouns, predicates, attribution verbs)."""
    text = doc.text if text is None else text
    has_parse = doc.has_annotation("DEP")
    sents = list(doc.sents) if (has_parse or doc.has_annotation("SENT_START")) else []
    _LOCAL.ents = None
    _LOCAL.lexicon = lexicon or NO_LEXICON
    claims: list[Claim] = []
    last_in_sent: dict[int, tuple[int, str]] = {}
    consumed = 0
    for base in _quantity_spans(doc, text):
        if base.start < consumed:
            continue
        sp, notes = _extend(doc, base)
        surface = doc[sp.start:sp.end]
        qty = parse_quantity(surface.text)
        if qty is None:
            continue
        if _not_a_claim(doc, sp, notes, qty.value):
            continue
        consumed = sp.end
        if "range" in notes and not isinstance(qty.value, tuple):
            continue
        anchor = _anchor(doc, sp)
        sent = _sentence_of(doc, anchor.i, sents) if sents else doc[:]
        sent = _within_paragraph(doc, text, sent, anchor)
        counted, noun = _counted(doc, sp, notes, anchor, qty.unit) if has_parse else ("", None)
        if not has_parse:
            counted = qty.unit or _next_word(doc, sp.end)
        phrase_head = noun if (noun is not None and anchor.head == noun) else anchor
        if noun is not None and (noun.lower_ in PERIOD_NOUNS):
            continue
        predicate_tok = _predicate(doc, phrase_head, doc[sp.num_start:sp.num_end]) if has_parse else None
        predicate = predicate_tok.text if predicate_tok is not None else ""
        if has_parse and not counted:
            subj = _toll_subject(anchor)
            if subj is not None and subj.lemma_.lower() in TOLL_NOUNS:  # "the death toll … 5,000"
                comp = [c for c in subj.children if c.dep_ == "compound"]
                obj = _of_object(subj)
                if comp:
                    counted = _plural(comp[-1].lower_)
                elif obj is not None:
                    counted = _noun_phrase_text(obj)
                predicate = _noun_phrase_text(subj)
            elif subj is not None:  # "cases rose by 5,000"
                counted = _noun_phrase_text(subj)
        inherited = False
        if not counted:
            prev = last_in_sent.get(sent.start)
            partitive = any((o := _of_object(t)) is not None and o.pos_ == "PRON" for t in doc[sp.num_start:sp.num_end])
            if prev is not None and prev[1] and (partitive or _coordinated(anchor, predicate_tok, prev[2], prev[3])):
                counted = prev[1]
                inherited = True
            elif predicate_tok is not None and predicate_tok.lemma_.lower() in CASUALTY:
                counted = "people"
        source = _source(doc, sent, phrase_head, anchor) if has_parse else ""
        start, end = surface.start_char, surface.end_char
        claims.append(Claim(
            id=quote_id(article_id, text, start, end),
            start=start,
            end=end,
            text=surface.text,
            sentence=_paragraph_sentence(text, sent, start, end),
            value=_json_value(qty.value),
            approx=qty.approx,
            counted=counted,
            predicate=predicate,
            source=source,
            date=_date(sent, article_date) if doc.has_annotation("ENT_IOB") else article_date,
        ))
        # what a coordinated number may inherit: a counted noun, not a unit ("2,000-pound", "90 percent")
        from_noun = counted if not qty.unit and (noun is not None or inherited or counted == "people") else ""
        last_in_sent[sent.start] = (sp.end, from_noun, anchor, predicate_tok)
    _LOCAL.ents = None
    _LOCAL.lexicon = NO_LEXICON
    return claims


_LOCAL = threading.local()  # doc.ents of the Doc this thread is reading (Doc.ents rescans every token)


def _lexicon() -> ClaimLexicon:
    return getattr(_LOCAL, "lexicon", NO_LEXICON)


def _ents(doc) -> tuple:
    cached = getattr(_LOCAL, "ents", None)
    if cached is None or cached[0] is not doc:
        cached = _LOCAL.ents = (doc, tuple(doc.ents))
    return cached[1]


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
