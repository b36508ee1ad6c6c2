"""What a count that names nothing of its own counts, read from elsewhere in its sentence: the subject whose
level it states ("bookings crossed 80,000", "the death toll neared 5,000", "with the number of families up
4,000"), the noun a pronoun of a partitive stands for ("30 more of them"), what a clause's subject is when a
figure is "sold" in it ("…, with 4,210 sold"), and the earlier count a stand-in restates ("the council put the
figure at 1,100", "taking the total past 5,000", "the 120,000 analysts had predicted").
"""

from __future__ import annotations

import math

from .dates import when_it_holds
from .words import (
    CASUALTY,
    CHANGE_VERBS,
    DOWN_VERBS,
    LEVEL_VERBS,
    OBJECT_NOT_CHANGE,
    PERIOD_NOUNS,
    TOLL_NOUNS,
    UP_VERBS,
)

# Verbs of reaching a level: their subject is what the figure they take counts ("bookings crossed 80,000").
REACH_VERBS = {"reach", "hit", "top", "pass", "cross", "exceed", "surpass", "near", "touch", "breach", "approach",
               "clear", "eclipse", "number"}
# Verbs of expecting a figure: "the 120,000 analysts had predicted" is a figure the analysts expected.
EXPECT_VERBS = {"expect", "forecast", "predict", "tip", "project", "anticipate", "estimate", "pencil", "target",
                "see", "want", "need", "hope", "plan", "pledge", "promise", "eye", "call"}
# Times of year and day the parse may leave out of a DATE entity ("this autumn", "that night").
_SEASONS = {"spring", "summer", "autumn", "fall", "winter", "season", "weekend", "morning", "afternoon", "evening",
            "night", "quarter", "half"}
# Auxiliaries of an active verb of expecting: "had predicted", "did not expect", "would have forecast".
_ACTIVE_AUXILIARIES = {"have", "do", "will", "would", "could", "might", "may", "shall", "should", "not"}
# Prepositions that join a verb of change to the level or the size of the change: "fell to 640", "rose by 300".
_LEVEL_PREPOSITIONS = {"to", "by", "at", "past", "above", "below", "around", "near", "over", "under", "beyond",
                       "from", "of", "about"}
# Words after "up" or "down" that carry the figure of a verbless change ("the number of X up 4,000 to 98,000").
_UP_DOWN = ("up", "down")


def _of_level(verb, anchor) -> bool:
    """Does ``verb`` state a level or a change of its subject that ``anchor`` is the figure of? A verb of
    change moves its subject ("orders dropped to 51,000"); one that takes the figure as its object only when
    it reaches a level ("crossed 80,000", not "the firm cut 300": that subject is an agent)."""
    lemma, low = verb.lemma_.lower(), verb.lower_
    if lemma in CHANGE_VERBS or lemma in LEVEL_VERBS or lemma in REACH_VERBS:
        return True
    if low in OBJECT_NOT_CHANGE or lemma in OBJECT_NOT_CHANGE or anchor.dep_ == "dobj":
        return False
    return (low in UP_VERBS or low in DOWN_VERBS) and not any(c.dep_ == "dobj" for c in verb.children)


def level_subject(anchor):
    """The noun whose level or change a bare count states: the subject of its verb ("the death toll … was
    nearing 5,000", "presales slumped to 2,600", "with the AQI touching 452"), or the noun a verbless "up" or
    "down" hangs from ("the number of families on waiting lists up 4,000 to 98,000"); None for an agent."""
    phrase = _phrase_before_up_down(anchor)
    if phrase is not None:
        return phrase
    doc = anchor.doc
    if hung_on_time(anchor, anchor.head):
        anchor = anchor.head  # "reached 3,200 this autumn": the parse hung the figure on the time after it
    while anchor.dep_ == "quantmod" and anchor.head.like_num and anchor.head.i > anchor.i:
        anchor = anchor.head  # "shrank by 40,000 to 2.1 million", parsed as one figure: the level's place
    if anchor.dep_ not in ("dobj", "attr", "pobj", "npadvmod", "acomp", "conj", "appos") or anchor.head.pos_ not in (
            "VERB", "AUX", "ADP", "ADJ"):
        return None
    verb = anchor.head
    if verb.pos_ == "ADP":
        if verb.lower_ not in _LEVEL_PREPOSITIONS:  # (not "with just 6 of the 40": no level of the subject)
            return None
        verb = verb.head
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i + 1 < len(doc) and doc[subj.i + 1].head == subj \
                and doc[subj.i + 1].dep_ == "dobj" and doc[subj.i + 1].tag_ == "NNS":
            subj = doc[subj.i + 1]  # "Building consents … fell": a compound the parse read as a verb and object
        if subj is not None:
            ok = subj.lemma_.lower() in TOLL_NOUNS or (subj.pos_ == "NOUN" and _of_level(verb, anchor))
            return subj if ok else None
        if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head != verb:
            verb = verb.head
        else:
            return None
    return None


def hung_on_time(anchor, head) -> bool:
    """Did the parse hang a figure on a time after it, over a determiner ("reached 3,200 this autumn"), or on
    one that says when it holds ("rose to 1,273 last year", "rose by 360,000 year on year")?"""
    doc = anchor.doc
    timed = head.ent_type_ in ("DATE", "TIME") or head.lower_ in PERIOD_NOUNS or head.lower_ in _SEASONS
    return anchor.dep_ == "nummod" and head.i > anchor.i and timed \
        and (any(t.pos_ in ("DET", "PRON") for t in doc[anchor.i + 1:head.i]) or when_it_holds(doc, anchor.i + 1))


def _phrase_before_up_down(anchor):
    """"with the number of families on waiting lists up 4,000 to 98,000": the head of the noun phrase that ends
    right before "up"/"down", when the figure hangs from that word (directly, or through "to")."""
    while anchor.dep_ == "quantmod" and anchor.head.like_num and anchor.head.i > anchor.i:
        anchor = anchor.head  # "up 2,300 to 15,800", parsed as one figure
    word = anchor.head
    if word.pos_ == "ADP" and word.lower_ in ("to", "by", "from") and word.head.lower_ in _UP_DOWN:
        word = word.head
    if word.lower_ not in _UP_DOWN or word.i < 1 or word.i >= anchor.i:
        return None
    subj = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < word.i), None)
    if subj is not None:  # the parse gave "up" its subject
        return subj if subj.pos_ in ("NOUN", "PROPN") else None
    doc = anchor.doc
    last = doc[word.i - 1]
    if last.pos_ not in ("NOUN", "PROPN", "PRON"):  # "… students among them up 2,300"
        return None
    noun = t = last  # climb to the phrase's head: "work" ← "of" ← "out" ← "people" ← "of" ← "number"
    while t.head != t and t.head.i < t.i:
        head = t.head
        if head.pos_ in ("NOUN", "PROPN"):
            noun = head
        elif not (head.pos_ in ("ADP", "ADV") and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN", "ADP", "ADV")):
            break
        t = head
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def part_of(doc, m):
    """"12 of them", "400 more of them", "3 of the 70": the pronoun or the number a count is a part of, or None."""
    for t in doc[m.num_start:min(len(doc), m.num_end + 1)]:
        if t.i >= m.num_end and t.lower_ != "more":
            break
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None and (obj.pos_ in ("NUM", "PRON")):
                    return obj
                after = doc[child.i + 2] if child.i + 2 < len(doc) and doc[child.i + 1].lower_ == "the" else None
                if after is not None and after.pos_ == "NUM" and (obj is None or obj.pos_ not in ("NOUN", "PROPN")):
                    return after  # "6 of the 40 reporting declines", the parse hanging "40" on a verb read as a noun
    return None


def pronoun_antecedent(doc, pron, sent):
    """The noun a plural pronoun of a partitive stands for ("it could buy 30 more of them" → trains): the
    nearest plural noun before it in the sentence that is no period ("years") and no part of a compound."""
    for t in reversed(doc[sent.start:pron.i]):
        if t.tag_ in ("NNS", "NNPS") and t.lower_ not in PERIOD_NOUNS and t.dep_ != "compound" \
                and t.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
            return t
    return None


def absolute_subject(anchor):
    """"Diesel cars made up 12pc of sales, with 4,210 sold": a bare figure that is the subject of a participle
    after "with" counts the plural subject of the clause the "with" hangs from (not a casualty: "with 30
    injured" counts people)."""
    if anchor.dep_ in ("nsubj", "nsubjpass"):  # "with [38,115 sold]"
        part, with_ = anchor.head, anchor.head.head
    elif anchor.dep_ == "pobj":  # "with [12,800 [sold in the month]]", the participle hung on the figure
        part = next((c for c in anchor.children if c.dep_ == "acl"), anchor)
        with_ = anchor.head
    else:
        return None
    if part.tag_ != "VBN" or part.lemma_.lower() in CASUALTY or part.lower_ in CASUALTY or with_.lower_ != "with":
        return None
    verb = with_.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj if subj is not None and subj.tag_ in ("NNS", "NNPS") else None


def expected_by(doc, head):
    """"far more than the 120,000 analysts had predicted", "the 30,000 gain economists had tipped": the
    figure's noun is the subject of a verb of expecting that follows it with no object of its own, so the
    noun is who expected the figure, never what it counts. Returns True then."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    # "analysts had predicted", "forecasters had pencilled in" (the parse may miss the clause); not a participle
    # that describes the noun ("the three launches planned"), nor a passive ("60 countries are expected")
    verb = next((t for t in doc[head.i + 1:min(len(doc), head.i + 4)] if not (
        t.dep_ in ("aux", "neg") and t.lemma_.lower() in _ACTIVE_AUXILIARIES)), None)
    return verb is not None and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in EXPECT_VERBS \
        and (verb.tag_ in ("VBD", "VBP", "VBZ") or doc[verb.i - 1].dep_ == "aux") and verb.dep_ != "acl" \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "auxpass") and c.i > verb.i - 3 for c in verb.children)


def restated_count(value, seen: list[tuple]) -> str:
    """What the earlier count of the sentence that a stand-in restates counts ("the council put the figure at
    nearly 1,100" after "700 people slept in 12 halls" → people): of ``seen`` ((value, counted, noun) in order),
    the one nearest in size, the later on a tie."""
    if not seen:
        return ""
    size = _size(value)
    if size is None:
        return seen[-1][1]
    best = min(reversed(seen), key=lambda s: abs(_size(s[0]) - size) if _size(s[0]) is not None else math.inf)
    return best[1]


def _size(value) -> float | None:
    if isinstance(value, (tuple, list)):
        value = value[0]
    try:
        return math.log10(abs(float(value))) if value else 0.0
    except (TypeError, ValueError):
        return None
