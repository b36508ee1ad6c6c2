"""Durations: when a period of time is a claim, its unit, and "14 hours 20 minutes" read as one figure.

A duration is a claim when it is the measure of the event the sentence reports:
- what a verb of lasting, taking, spending, serving or waiting measures ("the strike lasted 11 days", "will
  take three months", "served 27 years"), also through "an average of" ("waited an average of 14 weeks");
- a term after a verb of sentencing, jailing, banning, suspending, postponing, closing or extending ("sentenced
  to 12 years", "jailed for 18 months", "banned him from driving for three years", "extended by two weeks");
- a compound adjective before a noun of a term, a halt, an event or a record ("a four-year contract", "a
  72-hour ceasefire", "a 10 year ban", "a 34-year low"), other nouns between them or not ("a 10-year
  repayment term"), and before a period a noun names ("a two-year maintenance period", "a three-month trial
  period"; not a bare "a two-year period");
- the span of a record, which is a claim a checker verifies as any figure ("the highest in 40 years", "the
  fastest pace in 12 years", "for the first time in 15 years", "its first rate cut in 14 months");
- a state's length after "for" ("has been in power for nine years", "had stood for 21 years"), a statistic
  or term of a period ("faces a maximum of 14 years", "an average tenure of 12 years"), a difference ("lived
  1.8 years longer"), a term a verb of change starts from ("cut his sentence from 12 years to eight"), and a
  period stated as a measure ("a unit of time equal to one billion years", "equivalent to 30 days").
Decades and centuries are read as years ("at least two decades" is 20 a). A period that is the time over
which a figure changed or a record holds ("plunged in 15 minutes") has no direction of its own.
Anywhere else a calendar period (days to centuries) places or frames an event and is no claim: "after three
weeks of shelling", "in two weeks" (a date to come, as "next week" is), "within three months", "the 10-year Treasury", "the 30-day average", ages. A clock duration (hours, minutes, seconds)
is a measure wherever it stands ("finished in 29 minutes", "the strike lasted 18 hours"), except where it, too,
only places or frames: a time window ("in the past 24 hours", "the first 48 hours"), the window over which
another figure of its clause accrued, hours after in/over/within ("120mm of rain fell in 24 hours", "liquidated $900m
of positions in 24 hours", "142mm in the 24 hours to 9am": :func:`windows`; not after a verb that the period
measures, "ran the 10km in 29 minutes"), a time relative to an event ("40 hours after the quake", "two hours
ago"), or the background of one ("after 12 hours of talks"). So is
a span of deep time in pint's symbols ("formed 4.4 Ga", but "66 Ma ago" places an event).

A race's time written with colons is a clock duration in seconds ("won the marathon in 2:05:31" is 7531 s, "a
lap of 1:31.442" 91.442 s): a time with a decimal fraction of seconds or hours, minutes and seconds, or one after
a word of racing or timing ("clocked 3:43", "a winning time of 3:29"), unless a clock's preposition or marker
makes it a time of day ("at 2:30", "at 14:05:10 GMT", "from 9:00 to 17:30"); see :func:`race_time`.

Units are pint's symbols: ``s``, ``min``, ``h``, ``d``, ``week``, ``fortnight``, ``month``, ``a`` (the year,
annum, as in "t/a"), ``decade``, ``century``.
"""

from __future__ import annotations

import re

from ..numbers import tidy
from .finder import Mention, qualifier_after, qualifier_before
from .units import CALENDAR_SYMBOLS, CLOCK_SYMBOLS, period_symbol
from .words import AT_MOST, DOWN_WORDS, EXACT, MONTHS, QUALIFIERS, TIME_MARKERS, UP_WORDS, WEEKDAYS

CLOCK_UNITS = {"s", "min", "h"}
# Millions and billions of years, in pint's symbols ("66 Ma", "4.5 Ga"): measures, as clock durations are,
# save where they only place or frame ("66 Ma ago").
DEEP_TIME_UNITS = {"Ma", "Ga"}
TIME_UNITS = CLOCK_UNITS | set(CALENDAR_SYMBOLS.values())
# Units whose ratios are exact, so "14 hours 20 minutes" is 860 min and "3 years and 2 months" 38 months.
_IN_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "week": 604800, "fortnight": 1209600}
_IN_MONTHS = {"month": 1, "a": 12, "decade": 120, "century": 1200}

# Verbs whose object (or bare adverbial) is the length of what they report: "lasted 11 days".
MEASURING_VERBS = {"last", "take", "spend", "serve", "wait", "span", "endure", "run", "need", "require", "complete",
                   "finish"}
# Verbs a term hangs from through a preposition: "jailed for 18 months", "sentenced to 12 years".
TERM_VERBS = {
    "for": MEASURING_VERBS | {
        "sentence", "jail", "imprison", "detain", "hold", "ban", "bar", "suspend", "disqualify", "exclude",
        "exile", "ground", "close", "shut", "postpone", "delay", "defer", "adjourn", "extend", "halt", "freeze",
        "block", "lock", "continue", "stay", "remain", "strike", "battle", "fight", "rage", "burn", "remand",
        "renew", "be", "stand", "train", "work", "live", "rule", "govern", "reign", "lead", "study", "sit",
        "operate", "survive", "hide", "camp", "march", "orbit", "drift", "sail", "walk", "fly", "hover",
        # keeping, holding or storing ("kept the data for as long as five years"), a study's follow-up
        "keep", "store", "retain", "save", "preserve", "archive", "follow", "monitor", "track", "observe"},
    "to": {"sentence", "condemn", "commute", "jail", "imprison"},
    "by": {"extend", "delay", "postpone", "defer", "push", "lengthen", "shorten", "prolong"},
}
# Nouns a compound period measures: "a four-year contract", "a 72-hour ceasefire", "a 34-year low".
TERM_NOUNS = {
    "term", "sentence", "contract", "deal", "agreement", "pact", "lease", "loan", "tenure", "stint", "mandate",
    "ban", "suspension", "exile", "detention", "imprisonment", "ceasefire", "cease-fire", "truce", "armistice",
    "lockdown", "curfew", "strike", "walkout", "stoppage", "shutdown", "closure", "freeze", "moratorium",
    "embargo", "blockade", "siege", "blackout", "outage", "extension", "delay", "postponement", "pause",
    "hiatus", "break", "wait", "high", "low", "mission", "journey", "voyage", "trip", "flight", "operation",
    "surgery", "standoff", "stand-off", "search", "battle", "offensive", "war", "campaign", "occupation",
    "marathon", "vigil", "fast", "trial", "hearing", "session", "meeting", "talks", "target", "deadline",
    "limit", "reign", "residency", "apprenticeship", "warranty", "guarantee",
    # events that last the period: "the three-day festival", "a two-week tour"
    "festival", "conference", "summit", "visit", "tour", "fair", "exhibition", "show", "course", "programme",
    "program", "workshop", "retreat", "celebration", "expedition", "cruise", "trek", "holiday", "vacation",
    "stay", "event", "congress", "convention", "festivities", "tournament",
    # the span of a record: "the club's 125-year history"
    "history", "existence", "career",
}
# Averages and totals a duration can be given through: "waited an average of 14 weeks".
_THROUGH_OF = {"average", "total", "maximum", "minimum", "median", "mean", "period", "term", "sentence",
               "equivalent"}
# Statistics that report a duration whatever verb they hang on: "faces a maximum of 14 years", "an average
# tenure of 12 years" (with the term nouns); not "a period of two years", which frames.
_STATISTIC_OF = (_THROUGH_OF - {"period"}) | TERM_NOUNS
# A period stated as a measure: "equal to one billion years", "equivalent to 30 days".
_EQUAL_WORDS = {"equal", "equivalent"}
# After a period, a difference of lengths: "lived 1.8 years longer".
_LONGER = {"longer", "shorter"}
# Aspect that puts an event to come: "will complete the first phase in two years" is no record span.
_FUTURE_AUX = {"will", "would", "shall", "'ll", "to", "must", "should", "could", "may", "might", "can"}
# Multiples of a year, read as years: "at least two decades" is 20 a.
_IN_YEARS = {"decade": 10, "century": 100}
# Before a number: a time window, not a length ("in the past 24 hours", "the first 48 hours").
WINDOW_WORDS = {"past", "last", "next", "previous", "coming", "preceding", "following", "first", "final",
                "recent", "initial", "opening", "closing", "remaining"}
# After a period: a time relative to an event ("40 hours after the quake", "two hours ago").
RELATIVE_AFTER = {"ago", "after", "later", "earlier", "before", "since", "into", "on", "hence", "prior",
                  "beforehand", "afterwards", "afterward"}
# Prepositions under which a statistic of a period only frames ("over a maximum of three years").
_FRAMING_HEADS = {"over", "within", "during", "after", "in"}
_BACKGROUND_PREPS = {"after", "following", "despite", "amid", "through"}  # "after 12 hours of talks"
_SERIES_REACH = 12  # tokens from a suspended figure ("two-") to the period word its series ends on
_HYPHENATED = re.compile(r"\s+(\w+(?:-\w+)+)\b")


def period_token(doc, m: Mention):
    """The token naming the period of a mention ("years" in "12 years", "year" in "a four-year"), or None."""
    for note in m.notes:
        if note.startswith("hyphen-word:"):
            return _hyphen_word(doc, m)
    if m.unit in CLOCK_UNITS or m.unit in DEEP_TIME_UNITS:
        return doc[m.end - 1]
    if m.unit or m.end >= len(doc):
        return None
    nxt = doc[m.end]
    if nxt.lower_ in ("more", "further", "additional", "extra") and m.end + 1 < len(doc):
        nxt = doc[m.end + 1]  # "three more weeks"
    return nxt if nxt.lower_ in CALENDAR_SYMBOLS else None


def _hyphen_word(doc, m: Mention):
    """The period word of a hyphenated mention ("year" of "four-year"; of "two-" in "two-, three- and
    five-year", the word its series ends on)."""
    reach = _SERIES_REACH if "suspended" in m.notes else 1
    for tok in doc[m.num_start:min(len(doc), m.end + reach)]:
        if period_symbol(tok.text):
            return tok
    return None


def as_reported_duration(doc, m: Mention) -> Mention:
    """The mention as a duration claim (unit, surface over the period word, note ``duration``) when it is a
    calendar period the sentence reports, or a compound one before a term noun; else unchanged."""
    if "duration" in m.notes or (m.unit and m.unit not in CLOCK_UNITS):
        return m
    tok = period_token(doc, m)
    if tok is None or not doc.has_annotation("DEP"):
        return m
    compound = any(n.startswith("hyphen") for n in m.notes) or (
        tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i)
    if compound:
        if not _before_term_noun(doc, tok) or _standard_window(tok):
            return m
    elif m.unit in CLOCK_UNITS or not is_reported(doc, m, tok):
        return m
    return _as_duration(m, tok)


def as_duration(doc, m: Mention) -> Mention:
    """The mention as a duration whatever its role (a period a reviewer selected: "for nearly two weeks"), or
    unchanged when it is no calendar period."""
    if "duration" in m.notes or m.unit:
        return m
    tok = period_token(doc, m)
    return m if tok is None else _as_duration(m, tok)


def _as_duration(m: Mention, tok) -> Mention:
    """``m`` read as the duration its period word ``tok`` names: pint's symbol, years for decades and centuries."""
    m.unit = period_symbol(tok.text)
    if m.unit in _IN_YEARS:
        m.value = _times(m.value, _IN_YEARS[m.unit])
        m.unit = "a"
    m.kind = "measure"
    if "suspended" not in m.notes:  # "two-" of "two-, three- and five-year deals" keeps its own surface
        m.end = max(m.end, tok.i + 1)
    m.notes.discard("period")
    m.notes.add("duration")
    return m


def _times(value, factor: int):
    if isinstance(value, tuple):
        return tuple(tidy(v * factor) for v in value)
    return tidy(value * factor)


def _before_term_noun(doc, tok) -> bool:
    """Is the compound period ``tok`` part of a noun phrase whose head is a term noun ("five-year supply
    deal", "72-hour ceasefire", "48-hour cease-fire")? Not a kind of thing named in the plural with no
    determiner ("30-year fixed loans" are a product, as "the 10-year yield" is)."""
    head = tok.head
    for _ in range(5):
        if head.lower_ in TERM_NOUNS or head.lemma_.lower() in TERM_NOUNS:
            return head.i > tok.i and not _generic_plural(head)
        if _named_period_after(tok, head):
            return True
        if (head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i) or head.dep_ == "conj":
            head = head.head  # "five-year sponsorship deals"; "two-, three- and five-year deals" (a series)
            continue
        break
    # "cease-fire" is three tokens, and the parser may hang the period elsewhere: the hyphenated word after it
    after = _HYPHENATED.match(doc.text, tok.idx + len(tok.text))
    return after is not None and after.group(1).lower() in TERM_NOUNS


def _named_period_after(tok, head) -> bool:
    """Is ``head`` a period named by a noun between it and the compound period ``tok`` ("a two-year maintenance
    period", "a three-month trial period", "a 14-day cooling-off period"): a term, as "a notice period of two months"
    is (:func:`_named_period`)? Not a bare "a two-year period", nor one under a framing preposition ("over a
    two-year qualifying period")."""
    if head.lower_ != "period" or head.i <= tok.i or head.head.lemma_.lower() in _FRAMING_HEADS:
        return False
    return any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "PROPN", "VERB") and tok.i < c.i < head.i
               for c in head.children)


def _changed_from(doc, m: Mention, tok) -> bool:
    """Is the period the figure a verb of change starts from ("cut his sentence from 12 years to eight")?"""
    prep = doc[m.start - 1] if m.start > 0 else None
    return bool(prep is not None and prep.lower_ == "from" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
                and (prep.head.lower_ in UP_WORDS or prep.head.lower_ in DOWN_WORDS))


# Verbs that make terms of their object ("signed five-year sponsorship deals"), where a product's is not
# ("took out 20-year fixed loans").
_AGREEING_VERBS = {"sign", "agree", "strike", "seal", "secure", "win", "award", "negotiate", "ink", "renew", "extend"}


def _generic_plural(noun) -> bool:
    """A kind of thing in the plural, with no determiner ("rates on 30-year fixed loans"), unless it is
    what a verb of agreeing made ("signed five-year sponsorship deals")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _AGREEING_VERBS:
        return False
    return noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def is_reported(doc, m: Mention, tok) -> bool:
    """Is the period ``tok`` (a noun, "days") the measure of what its verb reports?"""
    if is_background(doc, m, tok):
        return False
    if is_record_span(doc, m):
        return True
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _LONGER:
        return True  # "lived 1.8 years longer"
    if m.start > 0 and doc[m.start - 1].lower_ == "every":
        return True  # "orbits its star every 4.3 days", "returns every 76 years": the length of a cycle
    if _of_a_record(doc, tok):
        return True  # "holds 800,000 years of climate history"
    if m.start < m.num_start and doc[m.start].dep_ == "prep" and doc[m.start].head.lemma_.lower() in MEASURING_VERBS:
        return True  # "waited in excess of 18 months": the qualifier hangs on the verb
    if _changed_from(doc, m, tok):
        return True  # "cut his sentence from 12 years to eight"
    if _keeps_at_a_level(tok):
        return False  # "kept temperatures above 40 degrees for five days": the period frames the level
    if m.start > 0 and doc[m.start - 1].lower_ == "for" and _governs(doc[m.start - 1].head, TERM_VERBS["for"]):
        return True  # "trained … for five weeks before the launch" (read off the words when the parse strays)
    while tok.dep_ == "conj" and tok.head != tok and tok.head.lower_ in CALENDAR_SYMBOLS:
        tok = tok.head  # "three years and six months"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _STATISTIC_OF and head.head.i < tok.i \
            and not (head.head.i > 0 and doc[head.head.i - 1].lower_ in ("the", "this", "that")) \
            and head.head.head.lemma_.lower() not in _FRAMING_HEADS:
        return True  # "faces a maximum of 14 years", "an average tenure of 12 years"
    if tok.dep_ == "pobj" and head.lower_ == "of" and _averaged(head.head):
        return True  # "over a median follow-up of 3.4 years", "a mean stay of 6.2 days": a statistic of periods
    if tok.dep_ == "pobj" and head.lower_ == "of" and _named_period(head.head):
        return True  # "a non-parole period of 14 months", "a notice period of two months", "the equivalent of 1,717 days"
    if (tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ in _EQUAL_WORDS) or (
            tok.dep_ == "dobj" and head.lemma_.lower() == "equal"):
        return True  # "a unit of time equal to one billion years", "equivalent to 30 days", "a cycle equals 28 days"
    if tok.dep_ == "pobj" and head.lower_ == "than" and head.head.head.lemma_.lower() in MEASURING_VERBS:
        return True  # "waiting longer than 52 weeks"
    if m.approx == AT_MOST and m.start > 0 and doc[m.start - 1].lower_ == "for" and doc[m.start].lower_ == "up":
        return True  # "for up to 18 months": the most a state will last
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _THROUGH_OF:
        tok = head.head  # "an average of 14 weeks"
        head = tok.head
    if tok.dep_ in ("dobj", "npadvmod", "attr", "obj", "oprd", "advmod", "nsubj") and \
            head.lemma_.lower() in MEASURING_VERBS:
        return True
    if tok.dep_ != "pobj" or head.lower_ not in TERM_VERBS:
        return _listed_after_reported(doc, m)
    return _governs(head.head, TERM_VERBS[head.lower_])


# Statistics of periods: "a median follow-up of 3.4 years", "an average stay of 6.2 days".
_AVERAGES = {"median", "mean", "average"}
# What a measure of time with "of" is a record of: "800,000 years of climate history", "150 years of data".
_RECORD_NOUNS = {"history", "record", "records", "data", "observations", "measurements", "archives", "footage",
                 "evidence", "recordings", "logs"}
# Verbs whose object, a measure of time, is the span of what they hold: "the core holds 800,000 years of ...".
_HOLDING_VERBS = {"hold", "contain", "cover", "span", "preserve", "store", "record", "capture", "provide", "offer"}


# Prepositions that put what is kept at a level: "kept temperatures above 40 degrees", "kept rates at 5%".
_LEVEL_PREPS = {"above", "below", "at", "under", "over", "around", "near", "within", "between"}


def _keeps_at_a_level(tok) -> bool:
    """Does the period ``tok`` hang, through "for", on "keep" that puts something at a level ("kept temperatures
    above 40 degrees for five days"), where "keep" is no verb of storing ("kept the data for five years")?"""
    prep = tok.head
    while prep.dep_ == "prep" and prep.head.pos_ == "ADP":
        prep = prep.head  # "for as long as five years"
    verb = prep.head
    if prep.lower_ != "for" or verb.lemma_.lower() != "keep":
        return False
    return any(c.dep_ in ("acomp", "oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in _LEVEL_PREPS)
               for t in (verb, *[o for o in verb.children if o.dep_ == "dobj"]) for c in t.children)


def _averaged(noun) -> bool:
    """Is ``noun`` a statistic of periods: a median, mean or average ("a median of", "a median follow-up of")?"""
    return noun.lower_ in _AVERAGES or any(c.dep_ in ("amod", "compound") and c.lower_ in _AVERAGES
                                           for c in noun.children)


def _of_a_record(doc, tok) -> bool:
    """Is the period ``tok`` a measure of time with "of" whose object is a record ("800,000 years of climate
    history", "1.2 million years of records"), or held by a verb of holding ("holds 420,000 years of ice")?
    Not "after three weeks of shelling", "follows two decades of stalled negotiations" (a background)."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return False
    obj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if obj is not None and obj.lower_ in _RECORD_NOUNS:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _HOLDING_VERBS


def _named_period(noun) -> bool:
    """Is ``noun`` a period named by what it is ("a non-parole period", "a notice period", "a grace period"),
    which states a term as "a maximum of" does, or "the equivalent" of a period? A bare "a period of two
    years" only frames, as does one under a framing preposition ("over a qualifying period of five years")."""
    if noun.head.lemma_.lower() in _FRAMING_HEADS:
        return False
    if noun.lower_ == "equivalent":
        return True
    return noun.lower_ == "period" and any(c.dep_ in ("amod", "compound", "nmod") for c in noun.children)


def _governs(gov, verbs: set) -> bool:
    """Is ``gov``, or a word it hangs on through a preposition or complement, one of ``verbs``?"""
    for _ in range(4):  # "banned him from driving for three years": driving, from, banned
        if gov.lemma_.lower() in verbs or gov.lower_ in verbs:
            return True
        if gov.head == gov or not (gov.dep_ in ("pcomp", "xcomp", "acomp", "prep", "conj") or gov.pos_ == "ADP"):
            return False
        gov = gov.head
    return False


_SPAN_PREPS = {"in", "for", "within", "over", "during", "across", "inside"}


def is_time_span(doc, m: Mention) -> bool:
    """Is the duration the time over which a figure was reached or a record holds ("fell in 24 hours", "the
    highest in 25 years", "for the first time in 15 years"), or a statistic of periods ("a median follow-up of
    3.4 years"), not the size of a change ("cut by two years", "shaved 40 seconds off")? Such a span has no
    direction of its own."""
    if m.unit not in TIME_UNITS or m.start == 0:
        return False
    before = doc[m.start - 1]
    return before.lower_ in _SPAN_PREPS or (before.lower_ == "of" and _averaged(before.head))


def is_record_span(doc, m: Mention) -> bool:
    """Is the period the span of a record: "in N years" after a superlative or "the first time" in the same
    phrase ("the highest in 40 years", "the fastest pace in 12 years", "for the first time in 15 years")?
    Read off the words, not the parse: the parser hangs "in N years" on the verb as often as on the superlative."""
    if m.start < 2 or doc[m.start - 1].lower_ != "in":
        return False
    for j in range(m.start - 2, max(-1, m.start - 11), -1):
        word = doc[j]
        if (word.is_punct and not (word.text == "-" and not word.whitespace_)) or word.pos_ in ("VERB", "AUX"):
            break  # a clause ends; not at the hyphen of "south-west"
        if word.tag_ in ("JJS", "RBS") or word.lower_ == "record" or (
                word.lower_ == "time" and j > 0 and doc[j - 1].lower_ in ("first", "1st")):
            return True
    # "its first rate cut in 14 months", "the first strike there in 25 years" (a participle may come between)
    for j in range(m.start - 3, max(0, m.start - 7), -1):
        if doc[j].is_punct:
            return False
        if doc[j].lower_ == "first" and doc[j - 1].lower_ in _DETERMINERS:
            return not _to_come(doc, j)
    return False


_DETERMINERS = {"the", "its", "their", "his", "her", "our", "a", "this", "'s", "’s"}


def _to_come(doc, j: int) -> bool:
    """Is the clause before token ``j`` about an event to come ("will complete the first phase in two years")?"""
    for k in range(j - 1, max(-1, j - 12), -1):
        word = doc[k]
        if word.pos_ in ("VERB", "AUX"):
            return any(c.lower_ in _FUTURE_AUX for c in word.children if c.dep_ in ("aux", "auxpass")) or (
                word.lower_ in _FUTURE_AUX)
        if word.is_punct and word.text != "-":
            return False
    return False


def _listed_after_reported(doc, m: Mention) -> bool:
    """Does the period follow a reported one in a list ("running for 3 years, 2 months, 14 days")?"""
    i = m.start - 1
    while i > 0 and doc[i].lower_ in (",", "and") and m.start - i <= 2:
        i -= 1
    if i == m.start - 1 or i < 1 or not period_symbol(doc[i].text) or not doc[i - 1].like_num:
        return False
    listed = Mention(i - 1, i + 1, i - 1, i + 1, 0)
    return doc[i].lower_ in CLOCK_SYMBOLS or is_reported(doc, listed, doc[i])


def is_background(doc, m: Mention, tok) -> bool:
    """Does the period ``tok`` only place or frame the event: a window ("the past 24 hours"), a time
    relative to an event ("40 hours after the quake"), or the background of one ("after 12 hours of talks")?"""
    before = doc[m.start - 1] if m.start > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if before is not None and before.lower_ in WINDOW_WORDS:
        return True
    if before is not None and before.lower_ == "the" and _ends_at(doc, tok.i + 1):
        return True  # "in the 24 hours to 9am", "the 12 months to March": a window that ends at a time
    # "40 hours after the quake", not "jailed for 18 months after a test", "lasted 11 days before talks"
    if nxt is not None and nxt.lower_ in RELATIVE_AFTER and not (nxt.lower_ == "on" and nxt.dep_ != "advmod") and (
            nxt.lower_ not in ("before", "after") or not (
                (before is not None and before.pos_ == "ADP") or tok.head.lemma_.lower() in MEASURING_VERBS)):
        return True
    return bool(before is not None and before.lower_ in _BACKGROUND_PREPS and nxt is not None and nxt.lower_ == "of")


_WINDOW_ENDS = {"to", "until", "till", "ending", "through"}
_TIME_OF_DAY = re.compile(r"\d{1,2}(?:[.:]\d\d)?(?:am|pm|a\.m\.|p\.m\.)?", re.I)


def _ends_at(doc, i: int) -> bool:
    """Does a window end at token ``i``: "to 9am", "to 0900 GMT", "until midnight", "to Friday", "to March"?"""
    if i + 1 >= len(doc) or doc[i].lower_ not in _WINDOW_ENDS:
        return False
    end = doc[i + 1]
    after = doc[i + 2].lower_ if i + 2 < len(doc) else ""
    return end.lower_ in ("midnight", "noon", "dawn") or end.lower_.rstrip(".") in MONTHS or end.lower_ in WEEKDAYS or (
        bool(_TIME_OF_DAY.fullmatch(end.text)) and (after in TIME_MARKERS or not end.text.isdigit()))


def clock_background(doc, m: Mention) -> bool:
    """Is a clock duration ("24 hours") or a span of deep time ("66 Ma ago") only a window, a relative time or
    a background (see :func:`is_background`), or the window of someone's standard ("the WHO's 24-hour limit")?"""
    if (m.unit not in CLOCK_UNITS and m.unit not in DEEP_TIME_UNITS) or "duration" in m.notes:
        return False
    tok = period_token(doc, m)
    if tok is not None and m.unit in DEEP_TIME_UNITS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "old":
        return True  # "3.8 Ga old": an age, as "66 million years old" is
    return tok is not None and (is_background(doc, m, tok) or _standard_window(tok))


# Nouns of a standard measured over a window: "the WHO's 24-hour limit", "its eight-hour mean".
_STANDARD_NOUNS = {"limit", "limits", "guideline", "guidelines", "standard", "standards", "mean", "average",
                   "threshold", "cap", "ceiling"}


def _standard_window(tok) -> bool:
    """Is the compound period ``tok`` the window a body's standard is measured over ("the WHO's 24-hour
    limit", "the EU's eight-hour limit")? A standard named as someone's frames the figure; it is no term."""
    head = tok.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i and head.lower_ not in _STANDARD_NOUNS:
        head = head.head
    return head.lower_ in _STANDARD_NOUNS and head.i > tok.i and any(c.dep_ == "poss" for c in head.children)


# A record's span written with "a" for one: "the fewest in a decade", "the biggest in over a century".
_RECORD_A_SPAN = re.compile(r"\bin ((?:more than|over|almost|nearly|under|less than|about) )?a (decade|century)\b",
                            re.I)


def record_spans_of_a(doc, text: str) -> list[Mention]:
    """Mentions of a record's span written "in a decade", "in over a century" (10 a, 100 a) after a
    superlative or "the first time" (see :func:`is_record_span`)."""
    if "a decade" not in text and "a century" not in text:
        return []
    out = []
    for match in _RECORD_A_SPAN.finditer(text):
        span = doc.char_span(match.start(1) if match.group(1) else match.start(2) - 2, match.end(), alignment_mode="expand")
        if span is None:
            continue
        m = Mention(span.start, span.end, span.start, span.end, _IN_YEARS[match.group(2).lower()], EXACT, "a",
                    "measure", notes={"duration", "record"})
        if match.group(1):
            m.approx = QUALIFIERS.get(match.group(1).strip().lower(), EXACT)
        if is_record_span(doc, m):
            out.append(m)
    return out


def joined_durations(doc, kept: list[Mention]) -> list[Mention]:
    """"18 hours 50 minutes", "two hours and 15 minutes", "three years and six months": one figure in the
    smaller unit (1130 min, 42 months) where the two units have an exact ratio."""
    out: list[Mention] = []
    for m in kept:
        prev = out[-1] if out else None
        if prev is not None and _joinable(doc, prev, m):
            ratio = _ratio(prev.unit, m.unit)
            prev.value = tidy(prev.value * ratio + m.value)
            prev.unit = m.unit
            prev.end = prev.num_end = m.end
            prev.notes.add("duration")
            continue
        out.append(m)
    return out


def _joinable(doc, a: Mention, b: Mention) -> bool:
    if not (isinstance(a.value, (int, float)) and isinstance(b.value, (int, float))) or b.approx != EXACT:
        return False
    if a.unit not in TIME_UNITS or b.unit not in TIME_UNITS or b.start < a.end or b.start - a.end > 2:
        return False
    if b.start > b.num_start:
        return False  # "2 hours and about 15 minutes" is two figures
    if [t.lower_ for t in doc[a.end:b.start]] not in ([], ["and"]):
        return False  # "3 years, 2 months, 14 days": a list, each its own figure
    ratio = _ratio(a.unit, b.unit)
    return ratio > 1 and b.value < ratio


def _ratio(big: str, small: str) -> float:
    for table in (_IN_SECONDS, _IN_MONTHS):
        if big in table and small in table:
            return table[big] / table[small]
    return 0.0


# A race's time: "2:05:31" (h:mm:ss), "1:54.20" (m:ss.ff), "3:29.8", "1:31.442"; a full stop may stay glued.
_RACE_TIME = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(\.\d{1,3})?\.?")
# Words before a time of day ("at 2:30", "from 9:00 to 17:30", "until 14:05").
_CLOCK_PREPS = {"at", "by", "until", "till", "til", "from", "to", "before", "after", "since", "around", "past",
                "between", "and", "-", "–", "@"}
# Of those, the words between the two times of a change or a span, where a race's times may stand.
_SPAN_WORDS = {"from", "to", "and", "between", "-", "–"}
# Words of racing or timing whose time a bare "m:ss" is ("clocked 3:43", "a winning time of 3:29", "won in 3:42").
RACING_WORDS = {"clock", "time", "lap", "finish", "run", "win", "swim", "record", "best", "pb", "split", "pace",
                "complete", "cover", "race", "marathon", "mile", "sprint", "stage", "ride", "row", "skate", "ski",
                "qualify", "post", "set", "personal", "course", "victory", "timing", "triumph", "cross", "stop"}
_RACING_REACH = 8  # tokens back from the time to the word of racing, within the clause


def race_time(doc, i: int) -> Mention | None:
    """The race time at token ``i`` ("2:05:31", "1:54.20") as a clock duration in seconds, with its
    qualifiers ("in under 2:04:00"), or None where the token is no race time (see the module docstring)."""
    tok = doc[i]
    match = _RACE_TIME.fullmatch(tok.text)
    if match is None:
        return None
    first, second, third, fraction = match.groups()
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in TIME_MARKERS or nxt.lower_ in ("a.m", "p.m")):
        return None  # "2:30 pm", "14:05 GMT", "9:15 local time"
    prev = doc[i - 1] if i > 0 else None
    at_clock = prev is not None and prev.lower_ in _CLOCK_PREPS and not (
        third and prev.lower_ in _SPAN_WORDS and _after_racing_word(doc, i))  # "cut the record from 2:01:39 to 2:01:09"
    if not fraction and (at_clock or (not third and not _after_racing_word(doc, i))):
        return None
    if third:  # h:mm:ss
        seconds = int(first) * 3600 + int(second) * 60 + int(third)
    else:  # m:ss
        seconds = int(first) * 60 + int(second)
    value = tidy(seconds + float(fraction)) if fraction else seconds
    m = Mention(i, i + 1, i, i + 1, value, EXACT, "s", "measure", notes={"duration", "race time"})
    n_before, approx = qualifier_before(doc, m)
    if n_before:
        m.start -= n_before
        m.approx = approx
    n_after, approx = qualifier_after(doc, m)
    if n_after and m.approx == EXACT:
        m.end += n_after
        m.approx = approx
    return m


def _after_racing_word(doc, i: int) -> bool:
    """Is there a word of racing or timing (:data:`RACING_WORDS`) in the clause before token ``i``?"""
    for j in range(i - 1, max(-1, i - _RACING_REACH), -1):
        word = doc[j]
        if word.is_punct and word.text not in ("-", "'"):
            return False
        if word.lemma_.lower() in RACING_WORDS or word.lower_ in RACING_WORDS:
            return True
    return False


# Prepositions of a clock window over which another figure of the clause accrued ("120mm fell in 24 hours").
_WINDOW_PREPS = {"in", "over", "within", "during", "across", "inside"}
# Verbs whose time in/over a period is the event's own measure, whatever else the clause holds.
_EVENT_VERBS = MEASURING_VERBS | {"win", "clock", "swim", "cover", "ride", "row", "cross", "qualify", "sail",
                                  "cycle"}
_CLAUSE_REACH = 8  # steps up the parse from a figure to the verb of its clause


def windows(doc, kept: list[Mention]) -> list[Mention]:
    """The clock durations of ``kept`` that only give the window over which another figure of their clause
    accrued ("120mm of rain fell in 24 hours", "liquidated $900m of positions in 24 hours", "142mm in the 24
    hours to 9am"): hours after in/over/within, with another figure in the clause its preposition hangs on.
    A window is given in hours, as weather, market and police copy give theirs; minutes and seconds time the
    event itself ("burned 400 tonnes of fuel in under 3 minutes", "14 rebounds in 42 minutes"). Not a period
    that measures the event ("finished in 29 minutes", "the strike lasted 18 hours", "ran the 10km in 29
    minutes"), one a rate was reached in ("reaches 100km/h in 2.9s"), nor the time of a capability, which is
    part of its specification ("can add 200 km of range in 2 hours")."""
    if not doc.has_annotation("DEP"):
        return []
    out = []
    for m in kept:
        if m.unit != "h" or m.start == 0:
            continue
        prep = doc[m.start] if doc[m.start].lower_ in _WINDOW_PREPS else doc[m.start - 1]  # "over 48 hours"
        if prep.lower_ in ("the", "those", "these") and m.start > 1:
            prep = doc[m.start - 2]  # "in the 24 hours to 9am"
        if prep.lower_ not in _WINDOW_PREPS:
            continue
        verb = _clause_verb(prep)
        if verb is not None and (verb.lemma_.lower() in _EVENT_VERBS or _capability(verb)):
            continue  # "finished in 29 minutes", "won in 2:05:31": the period measures the event
        if any(o is not m and _accrues(o) and _in_clause(doc[o.num_start], prep.head, verb) for o in kept):
            out.append(m)
    return out


def _capability(verb) -> bool:
    """Does ``verb`` state what something can do ("can add", "could charge", "able to add")?"""
    if any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("able", "capable", "designed")


def _accrues(m: Mention) -> bool:
    """Can the figure accrue over a window: an amount, not a period or a rate ("100km/h")?"""
    return m.unit not in TIME_UNITS and "/" not in m.unit and m.unit not in ("mph", "kph", "knot", "rpm")


def _clause_verb(tok):
    """The verb of the clause ``tok`` stands in, or None."""
    for _ in range(_CLAUSE_REACH):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _in_clause(tok, governor, verb) -> bool:
    """Does ``tok`` hang, up the parse, on ``governor`` (what the window's preposition hangs on) or on the verb
    of its clause, before any other verb?"""
    for _ in range(_CLAUSE_REACH):
        if tok in (governor, verb):
            return True
        if tok.head == tok or (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")):
            return False
        tok = tok.head
    return False
