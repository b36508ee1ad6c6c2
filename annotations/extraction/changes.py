"""Whether a quantity is stated as a change (up/down), read off the words around it and the dependency
parse: "rose 6.5%", "down 2.1%", "a 4 percent drop", "+0.4%", "cut by a quarter-point"; the level a change
reached ("closed down 0.4% at 7,412", "revenue of $4.87 billion, up 12%"); and the bound a verb of passing
states ("crossed 112 lakh tonnes").

A comparison is a change only over time: "6% below 2019 levels", "£3.1bn more than a year earlier" and "closed
1.2% lower" are changes; "8% above the long-period average", "40 per cent faster than the previous model" and
"28 points lower on average" compare two things at one time and state none (tests/data/README.md)."""

from __future__ import annotations

from dataclasses import replace

from .durations import TIME_UNITS
from .finder import Mention
from .roles import adjectival, bound_of
from .words import (
    AFTER_CHANGE,
    BEFORE_CHANGE,
    CHANGE_PLURALS,
    COMPARATIVES,
    DOWN,
    DOWN_NOUNS,
    DOWN_VERBS,
    DOWN_WORDS,
    EXTEND_VERBS,
    MONTHS,
    MOVE_VERBS,
    OBJECT_NOT_CHANGE,
    PERIOD_NOUNS,
    QUALIFIERS,
    SESSION_VERBS,
    TIGHTEN_VERBS,
    TIGHTENED,
    TOTAL_NOUNS,
    TOTAL_VERBS,
    UP,
    UP_NOUNS,
    UP_VERBS,
    UP_WORDS,
)

_QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()}
# Words a figure may hang from on its way up to a verb or noun of change: "rose by 6%", "fell to 3.1%".
_CLIMB = ("by", "to", "from", "of", "at", "around", "about", "near", "nearly", "over", "under", "above",
          "below", "past")


def change_of(doc, m: Mention, anchor, has_parse: bool = True) -> str:
    """"up", "down" or "": is the figure stated as a change ("rose 6.5%", "down 2.1%", "a 4 percent drop",
    "+0.4%", "cut by a quarter-point to 5.25%", "40 per cent below", "120 more buses") or as the level a change
    reached ("ticked up to 4.1%", "bringing the season's total to 19")?"""
    if adjectival(doc, m, anchor) is not None:  # "a 2,000-pound bomb" describes a thing
        return ""
    if _share_compared(doc, m):  # "roughly a third of what growers were paid"
        return ""
    if _vote_tally(doc, m):  # "carried by 412 votes to 198": a result, not a change
        return ""
    added = _added(doc, m) or _jobs_changed(doc, m, has_parse)
    if added:  # "a further $4.7bn", "1,200 additional trains", "£18bn of tax rises", "3,000 job cuts"
        return added
    comparative = _comparative(doc, m, has_parse)
    if comparative is not None and not _compared_over_time(doc, m, comparative, has_parse):
        return ""  # "8% above the long-period average", "40 per cent faster than the previous model"
    if comparative is not None and comparative.i == m.end + 2 and comparative.lower_ in AFTER_CHANGE:
        return AFTER_CHANGE[comparative.lower_]  # "will cost about £1,800 a year more"
    if "signed" in m.notes and m.kind == "percent" and not isinstance(m.value, tuple):
        return UP if m.value > 0 else DOWN
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in BEFORE_CHANGE and prev.lower_ not in ("minus", "plus") \
            and (prev.dep_ != "prt" or _moving(prev.head)) and not _phrasal_object(prev, m):
        return BEFORE_CHANGE[prev.lower_]  # "down 3.4%", "closed down 0.4%", not "shot down 12"
    if prev is not None and prev.lower_ == "by" and m.start > 1 and doc[m.start - 2].lower_ in ("up", "down"):
        return UP if doc[m.start - 2].lower_ == "up" else DOWN  # "pushed rates up by half", "down by roughly half"
    if prev is not None and prev.lower_ == "to" and m.start > 2 and doc[m.start - 2].lower_ in ("up", "down") \
            and _moves(doc[m.start - 3].lower_):
        return UP if doc[m.start - 2].lower_ == "up" else DOWN  # "ticked up to 4.1%", "edged down to 3.9%"
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.lower_ in AFTER_CHANGE and (
            nxt.lower_ not in ("above", "below", "up", "down", "more", "less") or m.kind == "percent"
            or m.unit in ("degree", "°C", "°F") or (nxt.lower_ in ("more", "less") and "fraction" in m.notes)
            or (nxt.lower_ == "more" and m.kind in ("count", "money") and not isinstance(m.value, tuple))):
        # "400 more buses", "$100 more"
        return AFTER_CHANGE[nxt.lower_]
    if not has_parse:
        return _change_by_words(doc, m)
    margin = _record_margin(doc, m, anchor)
    if margin:  # "beat the record by 0.41 seconds", "shaving 40 seconds off the record"
        return margin
    tok = anchor
    while tok.head != tok and m.start <= tok.head.i < m.end:
        tok = tok.head
    via_to = False  # the figure is the level a verb took something to ("to 19", "past 1.5 million")
    for _ in range(5):
        head = tok.head
        if head == tok:
            break
        low = head.lower_
        verb = head.pos_ in ("VERB", "AUX")
        via_to = via_to or tok.lower_ in ("to", "past")
        if verb and low in TIGHTEN_VERBS:  # "tighten supply by 500,000 bpd", "tightened policy by 75 basis points"
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            return TIGHTENED.get(obj.lower_, "") if obj is not None and tok.lower_ == "by" else ""
        if verb and via_to:  # "bringing the season's total to 19"
            reached = _level_raised(head)
            if reached:
                return reached
        if (verb and (low in UP_VERBS or low in DOWN_VERBS)) or (not verb and (low in UP_NOUNS or low in DOWN_NOUNS)):
            if verb and tok.dep_ == "nsubj":
                return ""  # what moves ("40mm of rain fell", "960 stocks fell"), not the size of a move
            if verb and tok.dep_ == "conj" and not m.start <= tok.i < m.end:
                return ""  # a conjunct's object ("trims the workforce by 1,150 jobs and sets aside $2.1 billion")
            if not verb and low in CHANGE_PLURALS and tok.dep_ == "nummod" and m.kind == "count" and not m.unit:
                return ""  # "two to three rate cuts": a count of changes, not the size of one
            if verb and tok.dep_ == "dobj" and low in OBJECT_NOT_CHANGE \
                    and not any(c.lower_ in ("by", "to") for c in head.children):
                return ""
            if verb and _no_change_by(head, tok, m):
                return ""
            if _precipitation(doc, m, head):
                return ""  # "falls of 200mm or more", "dropped 40 inches of snow": rain or snow, not a fall
            if verb and m.kind == "count" and any(c.dep_ == "prt" and c.lower_ in ("off", "out") for c in head.children) \
                    and not head.lower_.startswith("wip"):
                return ""  # "cut off 43 villages", "knocked out power to 120,000 homes": things reached
            particle = _particle(head)
            if particle:  # "edged down to 3.9%"
                return particle
            return UP if low in UP_WORDS else DOWN
        if verb and low in MOVE_VERBS and _particle(head) and tok.lower_ in _CLIMB:
            return _particle(head)  # "ticked up to 4.1 per cent"
        if head.pos_ == "ADP" and low == "at" and tok.pos_ in ("NOUN", "PROPN") and tok.i >= m.end:
            return ""  # "cut 900 jobs at 12 plants": where a change falls, not its size
        if head.pos_ == "ADP" and low in _COMPARED and _definite(doc, m):
            return ""  # "above the Bank's 2 per cent target", "below the 78cm barges need": a level compared with
        if head.pos_ == "ADP" and low in _CLIMB:
            tok = head
            continue
        if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" \
                and not m.start <= head.i < m.end and any(c.dep_ == "cc" and head.i < c.i < tok.i for c in head.children):
            tok = head  # "adds 7.2 miles and four stations": the verb of the first object
            continue
        if tok.lower_ in ("to", "by") and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            tok = head  # "cut its forecast to 2%", "trims the workforce by 1,150 jobs": through the object
            continue
        if tok.dep_ in ("nummod", "compound", "amod", "quantmod", "npadvmod", "nmod", "dobj", "attr", "predet",
                        "det") \
                and head.pos_ in ("NOUN", "PROPN", "VERB", "AUX") and head.i > tok.i - 8:
            if head.pos_ in ("NOUN", "PROPN") and head.i >= m.end and _named_thing(head, m):
                return ""  # "the Bank's 2 per cent inflation target": a figure that names a thing
            tok = head
            if head.pos_ in ("VERB", "AUX"):
                break
            continue
        if head.pos_ == "NUM" and not m.start <= head.i < m.end:
            return _change_by_words(doc, m)  # a parse that hangs "7%" on the next figure ("falls 7% to £1,520")
        break
    return _verb_before_by(doc, m)


def _verb_before_by(doc, m: Mention) -> str:
    """The direction of a verb of change before "<object> by N" that the parse did not link to the figure ("the
    drug reduced hospital admissions by 87%", parsed as a noun phrase), or ""."""
    if m.start < 3 or doc[m.start - 1].lower_ != "by":
        return ""
    for t in reversed(doc[max(0, m.start - 7):m.start - 1]):
        low = t.lower_
        if low in UP_VERBS or low in DOWN_VERBS:
            return "" if low in OBJECT_NOT_CHANGE else (UP if low in UP_VERBS else DOWN)
        if not (t.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "PART") or low in ("'s", "’s")):
            return ""
    return ""


def _phrasal_object(particle, m: Mention) -> bool:
    """Is ``particle`` ("down", "up") part of a verb whose object is the count ("shot down 37 of the 41 drones",
    "brought down 300 trees", "picked up 12 survivors") rather than the direction of a change?"""
    if m.kind != "count" or particle.i == 0:
        return False
    verb = particle.doc[particle.i - 1]
    if not verb.pos_:  # no tags: any word before the particle but a verb of being or of moving
        low = verb.lower_
        return verb.is_alpha and low not in _BEING and not _moves(low) and low not in SESSION_VERBS
    return particle.head == verb and verb.pos_ == "VERB" and not _moving(verb)


_BEING = {"is", "was", "are", "were", "be", "been", "being", "'s", "remain", "remains", "remained", "stay", "stays",
          "stayed", "came", "come", "comes", "coming", "went"}


_VOTE_NOUNS = {"vote", "votes", "ballot", "ballots"}


def _vote_tally(doc, m: Mention) -> bool:
    """Is the figure a vote's result or margin ("by 412 votes to 198", "lost by 33 votes", "votes to 198")?"""
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    if nxt in _VOTE_NOUNS and ((m.start > 0 and doc[m.start - 1].lower_ == "by")
                               or (m.end + 2 < len(doc) and doc[m.end + 1].lower_ == "to" and doc[m.end + 2].like_num)):
        return True
    return m.start > 1 and doc[m.start - 1].lower_ == "to" and doc[m.start - 2].lower_ in _VOTE_NOUNS


# Words that add a figure to what there was: "a further $4.7bn", "another €2bn", "1,200 additional trains".
_ADDING_BEFORE = {"further", "additional", "extra", "another"}
_ADDING_AFTER = {"additional", "extra"}


def _added(doc, m: Mention) -> str:
    """"up" for a figure added to what there was ("a further $4.7bn in aid", "an extra 3,000 beds", "1,200
    additional trains"), the change a sum of changes states ("£18bn of tax rises", "$30bn in spending cuts"),
    or "". A period is no amount added ("another five days", "a further two years")."""
    if m.unit in TIME_UNITS:
        return ""
    if m.start > 0 and doc[m.start - 1].lower_ in _ADDING_BEFORE:
        return UP
    if m.end < len(doc) and doc[m.end].lower_ in _ADDING_AFTER:
        return UP
    if m.kind == "money" and m.end + 1 < len(doc) and doc[m.end].lower_ in ("of", "in"):
        for t in doc[m.end + 1:m.end + 4]:
            if t.lower_ in CHANGE_PLURALS:
                return UP if t.lower_ in UP_NOUNS else DOWN
            if not t.is_alpha or t.lower_ in ("the", "a", "an", "its", "their", "this", "that"):
                break  # "of the rise": a share of one change
    return ""


# Nouns of jobs, and the changes of jobs a count before them sizes ("3,000 job cuts", "400 job losses").
_JOB_NOUNS = {"job", "jobs", "staff", "role", "roles", "post", "posts", "position", "positions"}
_JOB_CHANGES = {"cuts": DOWN, "losses": DOWN, "reductions": DOWN, "redundancies": DOWN, "gains": UP,
                "additions": UP}


def _jobs_changed(doc, m: Mention, has_parse: bool) -> str:
    """The change a count of jobs states: "3,000 job cuts" and "400 job losses" (down: jobs, not cuts, are
    counted), "cost the economy 1.4 million jobs" (down), or ""."""
    if m.kind != "count" or m.end >= len(doc) or doc[m.end].lower_ not in _JOB_NOUNS:
        return ""
    if m.end + 1 < len(doc) and doc[m.end + 1].lower_ in _JOB_CHANGES:
        return _JOB_CHANGES[doc[m.end + 1].lower_]
    noun = doc[m.end]
    if has_parse and noun.dep_ == "dobj" and noun.head.lemma_.lower() == "cost":
        return DOWN
    return ""


# Verbs that beat a record ("beat the record by 0.41 seconds") and that take a margin off one ("shaving 40
# seconds off the record").
_BEAT_VERBS = {"beat", "break", "smash", "better", "improve", "shatter", "eclipse", "lower"}
_SHAVE_VERBS = {"shave", "clip", "take", "knock", "cut", "slice", "trim", "chop", "lop"}
_RECORD_NOUNS = {"record", "best", "mark"}


def _record_margin(doc, m: Mention, anchor) -> str:
    """The change a margin of a record states: down for a time ("beat the world record by 0.41 seconds",
    "shaving 40 seconds off the record": the time fell), up for any other measure ("broke the record by 5cm")."""
    tok = anchor
    while tok.head != tok and m.start <= tok.head.i < m.end:
        tok = tok.head
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "by":
        verb = verb.head
        lemma = verb.lemma_.lower()
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if lemma not in _BEAT_VERBS or obj is None or not any(t.lower_ in _RECORD_NOUNS for t in obj.subtree):
            return ""
    elif tok.dep_ == "dobj" and verb.lemma_.lower() in _SHAVE_VERBS:
        off = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "off"), None) \
            or next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "off"), None)
        if off is None or not any(t.lower_ in _RECORD_NOUNS for t in off.subtree):
            return ""
        return DOWN
    else:
        return ""
    return DOWN if m.unit in TIME_UNITS else UP


# Rain and snow: a length of them is what falls, not a fall ("falls of 200mm", "dropped 40 inches of snow").
_PRECIPITATION = {"rain", "rainfall", "snow", "snowfall", "hail", "sleet", "precipitation", "showers"}
_LENGTHS = {"mm", "cm", "m", "in", "ft"}


def _precipitation(doc, m: Mention, word) -> bool:
    """Is the word of change ``word`` ("falls", "dropped") one of rain or snow falling, the figure its depth?"""
    if m.unit not in _LENGTHS:
        return False
    if word.lower_ == "falls" and word.pos_ == "NOUN":
        return True
    after = doc[m.end:m.end + 3]
    return len(after) > 1 and after[0].lower_ == "of" and any(t.lower_ in _PRECIPITATION for t in after[1:])


def _moves(low: str) -> bool:
    """Is the word ``low`` a verb of moving or of change ("ticked", "edged", "rose")?"""
    return low in MOVE_VERBS or low in UP_VERBS or low in DOWN_VERBS


def _moving(verb) -> bool:
    """Is ``verb`` one whose particle states the direction ("closed down", "ticked up", "edged up")?"""
    low = verb.lower_
    return verb.pos_ in ("VERB", "AUX") and (_moves(low) or low in SESSION_VERBS)


def _particle(verb) -> str:
    """The direction a particle of ``verb`` states ("edged down", "ticked up"), or ""."""
    for c in verb.children:
        if c.dep_ == "prt" and c.lower_ in ("up", "down"):
            return UP if c.lower_ == "up" else DOWN
    return ""


def _level_raised(verb) -> str:
    """The direction of a verb that takes a total or a run to a new level: "bringing the season's total to 19",
    "taking the tally past 1.5 million", "extend their unbeaten run to 17 matches"."""
    low = verb.lower_
    if low in EXTEND_VERBS:
        return _particle(verb) or UP
    if low in TOTAL_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and any(t.lower_ in TOTAL_NOUNS for t in obj.subtree):
            return _particle(verb) or UP
    return ""


def _no_change_by(verb, tok, m: Mention) -> bool:
    """Does the verb of change state no change of a level here? A capability ("can add 200km of range", "air
    that can drop to -38C", "able to add"), an instruction ("Add 1/2 pound of salt"), a height ("rise 310m
    above the harbour"), or a loss counted ("lost eight or nine tanks", "lost about 300 head of cattle": things
    lost, not a level that fell)."""
    if any(c.dep_ == "aux" and c.lower_ == "can" for c in verb.children) or (
            verb.head.lower_ == "able" and verb.dep_ == "xcomp"):
        return True
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return True  # an instruction ("Add 1/2 pound of salt")
    if verb.lower_ in _TOWER_VERBS and m.kind == "measure" and any(
            c.dep_ == "prep" and c.lower_ in ("above", "over")
            and not any(g.dep_ == "pobj" and g.lower_ in _PERIODS for g in c.children) for c in verb.children):
        return True  # (not "rose 20cm over the century": a period)
    # "lost half their value": a share of a level; "lost nearly a third of its 3,000 men": things lost
    doc = verb.doc
    share = isinstance(m.value, float) and m.value < 1 and not (m.end < len(doc) and doc[m.end].lower_ == "of")
    return verb.lemma_.lower() == "lose" and m.kind == "count" and not share and tok.dep_ == "dobj" \
        and tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() not in _LEVEL_COUNTS


# Verbs of a height ("rise 310m above the harbour"), counts that are levels a loss lowers ("lost 12 seats").
_TOWER_VERBS = {"rise", "rises", "rose", "rising", "tower", "towers", "towering", "soar", "soars", "soaring", "stand",
                "stands"}
_LEVEL_COUNTS = {"job", "point", "seat", "subscriber", "customer", "member", "user", "position", "vote", "share",
                 "reader", "viewer", "listener", "passenger", "visitor"}


# Prepositions of a comparison: after them a definite figure is a level compared with, not a change's.
_COMPARED = {"above", "below", "under", "over", "beyond"}
_POSSESSIVES = {"the", "'s", "’s", "its", "their", "his", "her", "our", "this", "that"}


def _definite(doc, m: Mention) -> bool:
    """Is the figure made definite by the word before it ("the 78cm", "the Bank's 2 per cent")?"""
    return m.start > 0 and doc[m.start - 1].lower_ in _POSSESSIVES


def _share_compared(doc, m: Mention) -> bool:
    """Is the figure a fraction of an amount it is compared with ("a third of what growers were paid")?"""
    return isinstance(m.value, float) and 0 < m.value < 1 and not m.unit and m.end + 1 < len(doc) \
        and doc[m.end].lower_ == "of" and doc[m.end + 1].lower_ == "what"


# -- comparisons: a change only over time -----------------------------------------------------------

# Words that name an earlier (or later) time on their own: "than before", "a year ago", "year-on-year".
_TIME_WORDS = {"before", "ago", "yesterday", "earlier", "previously", "then", "when", "year-on-year", "year-over-year",
               "yoy", "y/y", "month-on-month", "quarter-on-quarter", "week-on-week", "m/m", "q/q"}
# Words that, before a period, name a time: "last year", "the previous quarter", "the same month".
_TIME_DETS = {"last", "previous", "prior", "preceding", "same", "past"}
_PERIODS = PERIOD_NOUNS | {"session", "sessions", "period", "half", "spring", "summer", "autumn", "winter"}
# Baselines that name no earlier time of the same series: "1.48C above pre-industrial levels".
_BASELINES = {"industrial"}
# Nouns a time may qualify and still be a time compared with ("2019 levels", "last year's figure"); before any
# other noun a time names a thing ("last year's model", "the 2019 edition").
_LEVEL_NOUNS = {"level", "levels", "figure", "figures", "average", "averages", "peak", "peaks", "total", "totals",
                "rate", "rates", "price", "prices", "value", "values", "high", "highs", "low", "lows", "mark",
                "pace", "reading", "readings", "result", "results", "number", "numbers", "tally", "count", "close",
                "period", "quarter", "estimate", "output", "sales", "volume", "volumes"}


def _comparative(doc, m: Mention, has_parse: bool):
    """The word that compares the figure with something ("8% above", "40 per cent faster", "28 points lower",
    "30 more members than"), or None."""
    if m.end < len(doc) and doc[m.end].lower_ in COMPARATIVES:
        return doc[m.end]
    if m.end + 1 < len(doc) and doc[m.end + 1].lower_ in COMPARATIVES and doc[m.end].is_alpha \
            and (not has_parse or doc[m.end].pos_ in ("NOUN", "PROPN")):
        return doc[m.end + 1]  # "28 points lower", "2,000 fewer jobs"
    if m.end + 2 < len(doc) and doc[m.end].lower_ in ("a", "an", "per") and doc[m.end + 1].lower_ in _PERIODS \
            and doc[m.end + 2].lower_ in COMPARATIVES:
        return doc[m.end + 2]  # "about £1,800 a year more"
    return None


def _compared_over_time(doc, m: Mention, comparative, has_parse: bool) -> bool:
    """Is the comparison the figure states one over time, so a change ("6% below 2019 levels", "£3.1bn more than a
    year earlier", "closed 1.2% lower", "1.5 metres higher by 2150"), rather than one between two things at one
    time ("8% above the long-period average", "40 per cent faster than the previous model", "28 points lower on
    average")? The verb of the figure decides first (a verb of change or of a market's session), then what is
    compared: the words after "than" or "above"/"below"; without them, a time named in the sentence. "N more"
    and "N fewer" with nothing compared add or take away ("120 more buses", "£60 more next year")."""
    if _verb_of_change(doc, m, comparative, has_parse):
        return True
    clause = _clause_after(doc, comparative.i + 1)
    than = next((i for i, t in enumerate(clause) if t.lower_ == "than"), None)
    if than is not None:
        return _names_a_time(doc, _compared(clause[than], clause[than + 1:], has_parse))
    if comparative.lower_ in ("more", "fewer", "less"):
        return True
    if comparative.lower_ in ("above", "below") and clause:
        return _names_a_time(doc, _compared(comparative, clause, has_parse))
    if m.start > 0 and doc[m.start - 1].lower_ == "now":
        return True  # "prices are now 12% higher": than they were
    sent = comparative.sent if has_parse or doc.has_annotation("SENT_START") else doc[:]
    others = [t for t in sent if not m.start <= t.i < m.end]
    if any(t.ent_type_ == "DATE" and not t.like_num for t in others) or _names_a_time(doc, others):
        return True
    return any(t.lower_ == "at" for t in clause[:3])  # "was 0.5% lower at 7,402": a market's level after its move


def _compared(word, clause: list, has_parse: bool) -> list:
    """What "than" or "above"/"below" (``word``) compares with: its object's phrase when the parse gives one ("the
    30-year norm", not "this winter" after it), else the rest of its ``clause`` ("than when the scheme began")."""
    obj = next((c for c in word.children if c.dep_ == "pobj"), None) if has_parse else None
    return list(obj.subtree) if obj is not None else clause


def _verb_of_change(doc, m: Mention, comparative, has_parse: bool) -> bool:
    """Is the verb the comparison hangs from one of change or of a market's session ("closed 1.2% lower",
    "rose 4% more than")?"""
    if has_parse:
        tok = comparative.head if comparative.head != comparative else None
        for _ in range(3):
            if tok is None or tok.pos_ in ("VERB", "AUX"):
                break
            tok = tok.head if tok.head != tok else None
        return tok is not None and tok.pos_ in ("VERB", "AUX") and (_moves(tok.lower_) or tok.lower_ in SESSION_VERBS)
    return any(_moves(t.lower_) or t.lower_ in SESSION_VERBS for t in doc[max(0, m.start - 3):m.start])


def _clause_after(doc, start: int) -> list:
    """The tokens from ``start`` to the end of their clause (a comma, semicolon, bracket or the sentence's end)."""
    out = []
    for t in doc[start:start + 14]:
        if (t.is_punct and t.text not in ("-", "'s", "’s")) or (out and t.is_sent_start):
            break
        out.append(t)
    return out


def _names_a_time(doc, tokens: list) -> bool:
    """Do ``tokens`` name a time, so that what they compare with is the figure at another time: a year ("2019
    levels", "by 2150"), a month, "last year", "the previous quarter", "a year earlier", "before", "pre-pandemic",
    "on the year"? A time that names a thing ("last year's model", "the 2019 edition") does not count."""
    for k, t in enumerate(tokens):
        low, i = t.lower_, t.i
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if low in _TIME_WORDS:
            return True
        if low in _TIME_DETS and nxt in _PERIODS and not _time_names_a_thing(doc, doc[i + 1]):
            return True
        if low == "pre" and nxt in ("-", "–") and i + 2 < len(doc) and doc[i + 2].lower_ not in _BASELINES:
            return True
        if low.startswith("pre-") and low[4:] not in _BASELINES:
            return True
        if low in MONTHS and len(low) > 3 and t.pos_ != "VERB":
            return True
        if t.text.isdigit() and len(t.text) == 4 and 1800 <= int(t.text) <= 2200 \
                and not _time_names_a_thing(doc, t):
            return True
        if low in _PERIODS and k >= 2 and tokens[k - 1].lower_ in ("the", "a") and tokens[k - 2].lower_ == "on":
            return True  # "2% higher on the year"
        if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
            ent = next((e for e in doc.ents if e.start == i), doc[i:i + 1])
            root = ent.root
            lasting = root.lower_ in PERIOD_NOUNS and any(w.pos_ == "NUM" or w.text[0].isdigit() for w in ent)
            # (not "stood for 15 years": a duration)
            if not root.like_num and not lasting and not _time_names_a_thing(doc, root):
                return True  # "than in the first quarter", "than at the start of the year"
    return False


def _time_names_a_thing(doc, time) -> bool:
    """Is the time ending at token ``time`` the name of a thing ("last year's model", "the 2019 edition") rather
    than a time compared with ("2019 levels", "last year's figure", "by 2150 sea levels")?"""
    k = time.i + 1
    if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
        k += 1
    if k >= len(doc):
        return False
    t = doc[k]
    if not t.is_alpha or t.lower_ in _LEVEL_NOUNS or t.lower_ in _TIME_WORDS:
        return False
    if time.dep_:  # the parse says whether the time qualifies that noun
        return time.head == t and time.dep_ in ("compound", "nummod", "amod", "poss", "nmod", "npadvmod")
    return not t.is_stop


def _named_thing(noun, m: Mention) -> bool:
    """Is ``noun`` (after the figure) a thing the figure names, fixed by a possessive or "the" before the
    figure ("the Bank's 2 per cent inflation target", "the 1.5C limit")?"""
    return any(c.i < m.start and (c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the"))
               for c in noun.children)


def _change_by_words(doc, m: Mention) -> str:
    """Without a parse: a word of change among the few words before the quantity."""
    for t in reversed(doc[max(0, m.start - 4):m.start]):
        low = t.lower_
        if low in ("up", "down") and t.i == m.start - 1 and _phrasal_object(t, m):
            return ""  # "shot down 29 drones"
        if low in UP_WORDS:
            return UP
        if low in DOWN_WORDS:
            return DOWN
        if t.is_punct or not (low in _CLIMB or low in _QUALIFIER_WORDS):
            return ""
    return ""


# -- the level a change reached, read off the figures around -----------------------------------------

# Words between a change and "at"/"to" and the level it reached: "ended 1.2% higher at", "up 9pc on the year at",
# "rose 4.1 million in the quarter to", "gained 412 points to close at".
_TO_LEVEL = {"higher", "lower", "on", "in", "over", "the", "a", "its", "year", "month", "week", "quarter", "day",
             "session", "year-on-year", "year-over-year", "month-on-month", "annually", "overnight", "earlier",
             "trading", "this", "last", "so", "far", "alone", "points", "point"}
# Words between "at"/"to" and the level: "to a record 4.2 million", "to an annual rate of 1.36 million units".
_BEFORE_LEVEL = {"a", "an", "the", "record", "new", "fresh"}
# Function words after a count that are not the noun it counts ("at 7,412 on Friday").
_NOT_A_NOUN = {"on", "in", "a", "an", "per", "for", "by", "as", "and", "or", "at", "after", "before", "from", "to",
               "with", "while", "this", "last", "the", "points", "point"}


def level_reached(doc, prev_end: int, prev_change: str, m: Mention, has_parse: bool) -> str:
    """The change the figure before (ending at token ``prev_end``, stated as ``prev_change``) reached ``m`` as
    its level: "closed down 0.4% at 7,412", "settled down $1.42, or 1.8%, at $77.35", "up 12 basis points at
    4.21pc", "up 65,000 to 1.51 million", "fell 3.1% to an annual rate of 1.29 million units"; "" if none."""
    if not prev_change or not 0 < m.start - prev_end <= 9:
        return ""
    gap = list(doc[prev_end:m.start])
    at = max((i for i, t in enumerate(gap) if t.lower_ in ("at", "to")), default=None)
    if at is None:
        return ""
    before, after = gap[:at], [t.lower_ for t in gap[at + 1:]]
    if len(before) >= 4 and before[-1].lower_ in _SESSION_NOUNS and before[-2].lower_ in ("the", "its", "their"):
        before = before[:-2]  # "…, to end the session at 7,987.2"
    if len(before) >= 2 and before[-2].lower_ in ("to", "and") and before[-1].lower_ in SESSION_VERBS:
        before = before[:-2]  # "gained 412 points to close at 38,900", "…, and ended at 2,610"
    if before and before[-1].text == ",":  # "…, or 1.8%, at $77.35", "…, or 1.3%, to close at 80,684.45"
        before = before[:-1]
    if any(t.lower_ not in _TO_LEVEL for t in before):
        return ""
    if after and not (all(w in _BEFORE_LEVEL for w in after)
                      or (after[-1] == "of" and len(after) <= 5 and all(w.isalpha() for w in after))):
        return ""
    if gap[at].lower_ == "at" and m.kind == "count" and _counts_a_thing(doc, m, has_parse):
        return ""  # "cut 900 jobs at 12 plants": where, not the level reached
    return prev_change


def _counts_a_thing(doc, m: Mention, has_parse: bool) -> bool:
    """Is the count followed by the noun it counts ("12 plants")? Without a parse, any word but a function word."""
    if m.end >= len(doc):
        return False
    nxt = doc[m.end]
    if has_parse:
        return nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in _NOT_A_NOUN
    return nxt.is_alpha and nxt.lower_ not in _NOT_A_NOUN


# A market's session, between "to end" and "at": "to end the session at 7,987.2".
_SESSION_NOUNS = {"session", "day", "week", "month", "year", "quarter"}


def restates(doc, prev_end: int, m: Mention) -> bool:
    """Does ``m`` restate the figure before it after ", or" ("$1.42, or 1.8%", "1,800 jobs, or roughly 12% of
    its workforce") or, for a percentage, after "or" alone ("fell 1,064 points or 1.3%"): at most two words
    (the noun the figure counts) between them?"""
    if m.start < 2 or doc[m.start - 1].lower_ != "or":
        return False
    comma = doc[m.start - 2].text == ","
    if not comma and m.kind != "percent":
        return False
    between = doc[prev_end:m.start - 2 if comma else m.start - 1]
    return len(between) <= 2 and all(t.is_alpha and t.pos_ not in ("VERB", "AUX") for t in between)


def changes_after_a_comma(doc, claims: list, read: list[Mention]) -> list:
    """A figure followed by its change after a comma has that change: it is the level the change reached
    ("revenue of $4.87 billion, up 12% from a year earlier", "a net profit of A$3.2bn for the year, up 18pc",
    "2.6 billion bushels of corn, down 5%"). ``read`` holds each claim's mention; returns the claims."""
    out = list(claims)
    for i in range(len(out) - 1):
        a, b = read[i], read[i + 1]
        if out[i].change or not out[i + 1].change:
            continue
        comma = _change_after_comma(doc, b)
        if comma is None or out[i + 1].change not in (UP, DOWN) or a.end > comma:
            continue
        word = out[i + 1].change
        between = doc[a.end:comma]
        if len(between) > 7 or any(t.is_punct or t.is_sent_start or t.pos_ in ("VERB", "AUX") for t in between):
            continue
        out[i] = replace(out[i], change=word)
    return out



def _change_after_comma(doc, b: Mention) -> int | None:
    """The comma before a change set off after a figure: ", up 12%", ", an increase of $1,240", ", a 20pc
    rise" (its token index), or None."""
    i = b.start
    if i >= 2 and doc[i - 1].lower_ in ("up", "down") and doc[i - 2].text == ",":
        return i - 2
    if i >= 4 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in UP_NOUNS | DOWN_NOUNS \
            and doc[i - 3].lower_ in ("a", "an") and doc[i - 4].text == ",":
        return i - 4
    if i >= 2 and doc[i - 1].lower_ in ("a", "an") and doc[i - 2].text == "," and b.end < len(doc) \
            and doc[b.end].lower_ in UP_NOUNS | DOWN_NOUNS \
            and (b.end + 1 >= len(doc) or doc[b.end + 1].lower_ not in ("in", "for")):
        return i - 2  # (not "…, a 12% gain in single-core speed": the change of another measure)
    return None


# Verbs of passing whose object is a level passed only when it is no count of things ("crossed 5 lakh", not
# "crosses four bridges").
_PASS_VERBS = {"cross", "breach"}


def verb_bound(doc, m: Mention, anchor) -> str:
    """The bound a verb states of its object (:func:`~.roles.bound_of`: "topped 10 million", "crossed 112 lakh
    tonnes" are at_least), save a count of things a verb of passing crosses ("crosses four bridges")."""
    bound = bound_of(doc, anchor, m.start)
    if bound and m.kind == "count" and m.start > 0 and doc[m.start - 1].lemma_.lower() in _PASS_VERBS \
            and _counts_a_thing(doc, m, True):
        return ""
    return bound
