"""The roles around a quantity, read off the dependency parse: what it counts or measures, the predicate,
and the source (whether it is stated as a change is read in :mod:`.changes`).

Each function takes the :class:`Context` of the Doc being read (its entities, computed once, and the
words reviewers taught), so no state is shared between calls.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .antecedents import expected_by, hung_on_time
from .dates import pinned_dates, when_it_holds
from .durations import MEASURING_VERBS, TIME_UNITS, is_record_span
from .finder import SHARES_UNIT, Mention
from .words import (
    BOUND_VERBS,
    CASUALTY,
    COMPARATIVES,
    DOWN_NOUNS,
    DOWN_WORDS,
    FRACTIONS,
    LEVEL_VERBS,
    MEASURE_VERBS,
    MULTIPLIERS,
    OBJECT_REPORT_VERBS,
    PRONOUNS,
    REPORT_VERBS,
    SESSION_VERBS,
    TOLL_NOUNS,
    UP_NOUNS,
    UP_WORDS,
)


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


@dataclass
class Context:
    """One Doc being read: its text, its entities (``doc.ents`` rescans every token: read once), the
    lexicon reviewers taught, and where its attribution words are (found once, on first need)."""

    doc: object
    text: str
    lexicon: ClaimLexicon = NO_LEXICON
    ents: tuple = field(default=())
    _according: list[int] | None = field(default=None, repr=False)
    _reporters: list[int] | None = field(default=None, repr=False)
    _pinned: list | None = field(default=None, repr=False)
    sources: dict = field(default_factory=dict, repr=False)  # (subject token, sentence start) → source text

    @classmethod
    def of(cls, doc, text: str, lexicon: ClaimLexicon | None = None) -> Context:
        ents = tuple(doc.ents) if doc.has_annotation("ENT_IOB") else ()
        return cls(doc, text, lexicon or NO_LEXICON, ents)

    def pinned_dates(self) -> list:
        """The DATE entities a figure can be pinned to ("as of Thursday"), found once (:mod:`.dates`)."""
        if self._pinned is None:
            self._pinned = pinned_dates(self.doc, self.ents)
        return self._pinned

    def according(self, sent) -> list:
        """The tokens "according" in ``sent``, in order."""
        if self._according is None:
            lower = self.doc.to_array("LOWER")
            self._according = (lower == self.doc.vocab.strings["according"]).nonzero()[0].tolist()
        return self._within(self._according, sent)

    def reporters(self, sent) -> list:
        """The verbs of ``sent`` whose subject may be a parenthetical source ("…, officials said"), in order."""
        if self._reporters is None:
            import numpy  # lazy, as spaCy is: the word tables of this package are read without it

            doc = self.doc
            strings = doc.vocab.strings
            verbs = _PARENTHETICAL_VERBS | self.lexicon.report_verbs
            rows = doc.to_array(["POS", "LEMMA"]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")
            at = numpy.flatnonzero(rows[:, 0] == strings["VERB"])
            self._reporters = [i for i, key in zip(at.tolist(), rows[at, 1].tolist(), strict=True) if strings[key].lower() in verbs]
        return self._within(self._reporters, sent)

    def _within(self, indexes: list[int], sent) -> list:
        lo, hi = bisect_left(indexes, sent.start), bisect_left(indexes, sent.end)
        return [self.doc[i] for i in indexes[lo:hi]]


# Verbs whose subject is the source of every figure in their sentence ("…, officials said").
_PARENTHETICAL_VERBS = frozenset({"say", "tell", "report", "estimate", "announce", "confirm"})
def adjectival(doc, m: Mention, anchor):
    """The noun a hyphenated measure describes ("a 2,000-pound bomb" → bomb), or None."""
    if "hyphen" not in m.notes:
        return None
    tok = anchor
    while tok.head != tok and m.start <= tok.head.i < m.end:
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("compound", "amod", "nummod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i >= m.end:
        return head
    return None


def bound_of(doc, anchor, start: int | None = None) -> str:
    """A bound stated by the verb whose object the figure is: "topped 10 million" (at_least); read off the
    word before the figure (token ``start``) when the parse hangs the figure elsewhere."""
    head = anchor.head
    if anchor.dep_ in ("dobj", "attr", "npadvmod") and head.pos_ == "VERB":
        return BOUND_VERBS.get(head.lemma_.lower(), "")
    if start is not None and start > 0 and doc[start - 1].tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG"):
        return BOUND_VERBS.get(doc[start - 1].lemma_.lower(), "")
    return ""


def measured_of(ctx, m: Mention, anchor, change: str = "") -> str:
    """What a measure (money, a percentage, a unit, a change) is of, where the sentence says it: "core
    inflation" (its subject), "net profit" ("a net profit of A$4.6bn"), "adults" ("30% of adults use"),
    "output" ("2.2 million barrels per day of output"), "contract" ("a contract worth $2bn"), "state aid"
    ("€5bn in state aid"), "share" ("a 15% share of the market"), "fees" ("fees ranging from 1% to 2%").
    ``change`` is the claim's direction, when the caller has read it."""
    doc = ctx.doc
    tok = anchor
    while tok.head != tok and m.start <= tok.head.i < m.end:
        tok = tok.head
    described = adjectival(doc, m, anchor)
    if described is not None:  # "a 2,000-pound bomb", "a 14-inch screen"
        return described.text
    reached = _level_of_a_change_in(doc, m)
    if reached is not None:  # "a 12% rise in net profit to ₹1,834 crore"
        return reached
    # "profits of 300 and 450 million euros": the first figure stands where the second's unit does, and the
    # second is the first's conjunct; both hang where the pair does
    if SHARES_UNIT in m.notes and tok.dep_ == "nummod" and tok.head.i >= m.end:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.like_num and tok.head.head != tok.head:
        tok = tok.head.head if tok.head.dep_ == "nummod" and tok.head.head.i > tok.i else tok.head
    described = _described_noun(doc, m, tok)
    if described is not None:  # "a 15% share", "the 1.5C limit", "a 4 percent drop in insurance payouts"
        return described
    named = _named_after(doc, m) or _named_before(doc, m) or _gapped(doc, m)
    if named is not None:  # "one in four adults", "wiped $3bn off the company's market value", "oil $82.10"
        return named
    # a measure of something: "270 billion tonnes of ice", "15 metres of mud", "2.2 million bpd of output"
    within = "within" in (doc[m.start].lower_, doc[m.start - 1].lower_ if m.start else "")
    if m.kind == "measure" and m.end + 1 < len(doc) and doc[m.end].lower_ == "of" and not within:
        named = _of_noun(doc, doc[m.end])  # (not "within 5 km of the town": a place it is near)
        if named is not None:
            return noun_phrase_text(named, modifiers=True)
    if m.kind == "money":
        held = _money_held(doc, m, tok)
        if held is not None:
            return held
    # "N% of X" as a subject or an object: X
    obj = None
    for t in doc[m.start:m.end]:
        inner = of_object(t)
        if inner is not None and not m.start <= inner.i < m.end:  # (not "an average of €2.89": its own figure)
            obj = obj or inner
    if obj is None and m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
        obj = next((t for t in doc[m.end + 1:min(len(doc), m.end + 5)] if t.pos_ in ("NOUN", "PROPN")
                    and t.dep_ != "compound"), None)
    if obj is not None and ((tok.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "ROOT", "conj") and
                            not (tok.dep_ == "dobj" and tok.head.lower_ in UP_WORDS | DOWN_WORDS))
                            or _share_of_plural(tok, obj, change or m.change)):
        return noun_phrase_text(obj, modifiers=True)
    # "a net profit of A$4.6bn", "a depth of 10 km", "winds of up to 120 mph"
    cur = tok
    for _ in range(3):
        head = cur.head
        if head == cur:
            break
        if head.pos_ == "ADP" and head.lower_ in _OF_LEVEL and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.lower_ not in UP_WORDS | DOWN_WORDS and (head.lower_ == "of" or cur == tok) \
                and not (head.lower_ == "at" and head.head.lower_ in _SESSION_NOUNS):  # "end the session at 7,987"
            return noun_phrase_text(head.head, modifiers=True)  # "a depth of 10km", "claims at €800m"
        if head.pos_ == "ADP" or (cur.dep_ in ("nummod", "compound", "quantmod") and head.pos_ == "NOUN"
                                  and head.lower_ in UP_WORDS | DOWN_WORDS):
            cur = head
            continue
        break
    # the subject of the verb it hangs from: "Core inflation eased to 3.2%"
    verb = tok
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") and (verb != tok or "multiple" in m.notes):  # "profit more than tripled"
            break
        if verb.head == verb:
            return ""
        verb = verb.head
    if m.unit in TIME_UNITS and verb.lemma_.lower() in _TERM_IMPOSING:
        return ""  # "sentenced the chief to 12 years", "will close its plant for two weeks": no thing lasts it
    # "cut its rate by a quarter-point", "raised its price target to 2,450 pence", "held its rate at 5%",
    # "put the cost at $4bn", "sold its headquarters for £210m": the object
    obj = put_at_object(m, tok, verb) or sold_for(m, tok, verb)
    if obj is not None:
        return obj
    # a participle that describes a noun: "fees ranging from 1% to 2%", "a deficit …, narrowing to 2.6pc"
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and verb.head.pos_ in ("NOUN", "PROPN") and verb != tok:
        return noun_phrase_text(verb.head, modifiers=True)
    described = _object_a_participle_moves(m, verb)
    if described is not None:  # "projects a deficit of 3.1pc of GDP, narrowing to 2.6pc": the deficit narrows
        return noun_phrase_text(described, modifiers=True)
    if _agent_spends(verb, change or m.change, doc, m):  # "Shoppers spent 27 per cent more": not the shoppers
        return ""
    # "a fifth more than last year's model" measures the battery (a period's difference is the durations' own)
    compared = m.end < len(doc) and doc[m.end].lower_ in COMPARATIVES and m.unit not in TIME_UNITS
    if m.kind in ("measure", "money") and not (change or m.change or compared) \
            and not _subject_measured(doc, m, tok, verb):
        return ""  # "Troops advanced to within 5 kilometres": the troops are not what is measured
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in ("which", "that") and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return noun_phrase_text(verb.head, modifiers=True)  # "the tram, which cost 380 million euros"
            if subj.pos_ == "PRON" or (subj.i >= m.start and subj.i < m.end) or subj.like_num:
                return ""  # (not "two" of "two of the nine members voted for a cut of 25 basis points")
            text = noun_phrase_text(subj, modifiers=True)
            owner = of_object(subj)
            if owner is not None and owner.pos_ in ("PROPN", "NOUN") and subj.lower_ in (
                    "shares", "stock", "share", "price", "prices", "number", "value", "rate", "level"):
                text = f"{noun_phrase_text(owner, modifiers=True)} {subj.text}"
            return text
        controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None) \
            if verb.dep_ == "xcomp" and verb.head != verb else None
        if controller is not None and controller.pos_ in ("NOUN", "PROPN"):  # "forced the jet to descend from …"
            return noun_phrase_text(controller, modifiers=True)
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head != verb:
            verb = verb.head
            continue
        break
    return ""


def _level_of_a_change_in(doc, m: Mention) -> str | None:
    """What the level after "to" that follows "a rise in X" / "a fall in X" is of: X ("a 12% rise in net profit to
    ₹1,834 crore" → net profit), read off the words, which the parse often splits there."""
    if m.start < 4 or doc[m.start - 1].lower_ != "to":
        return None
    for i in range(m.start - 3, max(0, m.start - 8), -1):
        if doc[i].lower_ == "in" and (doc[i - 1].lower_ in UP_NOUNS or doc[i - 1].lower_ in DOWN_NOUNS):
            noun = doc[m.start - 2]
            return noun_phrase_text(noun, modifiers=True) if noun.pos_ in ("NOUN", "PROPN") else None
        if not doc[i].is_alpha:
            return None
    return None


def _object_a_participle_moves(m: Mention, verb):
    """"The treasury projects a deficit of 4.2pc, narrowing to 3.5pc": a participle of change after a comma,
    with no subject of its own, moves the object of the verb it follows; that object (or None)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or not (verb.lower_ in UP_WORDS or verb.lower_ in DOWN_WORDS) \
            or verb.i < 1 or verb.doc[verb.i - 1].text != "," \
            or any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "xcomp", "ccomp") for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or m.start <= obj.i < m.end:
        return None
    return obj


def _agent_spends(verb, change: str, doc, m: Mention) -> bool:
    """"Shoppers spent 27 per cent more than in 2021": a comparison ("more", "less") after the figure, as the
    object of a verb that neither measures nor changes its subject, measures the doing, not the doer."""
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    lemma = verb.lemma_.lower()
    return bool(change) and nxt in ("more", "less", "fewer") and verb.pos_ == "VERB" \
        and lemma not in MEASURE_VERBS and lemma not in LEVEL_VERBS and verb.lower_ not in UP_WORDS \
        and verb.lower_ not in DOWN_WORDS


def _subject_measured(doc, m: Mention, tok, verb) -> bool:
    """Does the subject of ``verb`` have the measure (that no change states)? Yes for a verb of measure or
    level ("weighs", "stood at"), a verb of lasting for a duration ("the voyage took 41 days"), a measure
    the verb takes as its object ("the dam will generate 2,400 MW"), a speed ("moving west at 18 mph") and
    a passive verb that sets the figure ("losses were estimated at $3.5bn", "seats were resold for $900").
    The span of a record ("inflation hit 6.8%, the highest in 40 years") is the record's, as its level is."""
    lemma = verb.lemma_.lower()
    if m.unit in TIME_UNITS and not is_record_span(doc, m):  # a duration measures what lasts it ("the mark had stood for 15 years")
        return lemma in _LASTING_VERBS or lemma in ("stand", "remain", "stay", "be")
    if lemma in MEASURE_VERBS or lemma in LEVEL_VERBS:
        return True
    if tok.head == verb and tok.dep_ == "dobj":  # (not a distance: "the team drilled 3.2 km" is the drilling's)
        return m.kind == "measure" and m.unit not in _LENGTHS
    via = tok.head if tok.dep_ == "pobj" else None
    if via is None or via.head != verb:
        return False
    if via.lower_ == "at" and _is_speed(m.unit):
        return True
    return via.lower_ in ("at", "to", "for") and any(c.dep_ == "nsubjpass" for c in verb.children)


def _is_speed(unit: str) -> bool:
    """A unit of speed: "mph", "km/h", "m/s", knots."""
    return unit in ("mph", "kn", "knot") or unit.endswith(("/h", "/s", "/min"))


def _share_of_plural(tok, obj, change: str) -> bool:
    """"restored service to 40% of subscribers", "runs on 55% of handsets": a share of a plural after a
    preposition is a share of those (not "climbed to 104% of GDP", a ratio to a whole)."""
    return tok.dep_ == "pobj" and tok.head.lower_ != "of" and not change and obj.tag_ in ("NNS", "NNPS")


def _named_after(doc, m: Mention) -> str | None:
    """The noun a figure names right after it: the plural a proportion is of ("one in four adults"), what a
    sum is wiped or shaved off ("wiped $3bn off the company's market value", "shaving 40 seconds off the
    record")."""
    if m.end >= len(doc):
        return None
    nxt = doc[m.end]
    if "proportion" in m.notes and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
        return noun_phrase_text(nxt)
    if nxt.lower_ == "off" and m.unit not in _LENGTHS:  # (not "3 miles off the cape": a place)
        named = next((t for t in doc[m.end + 1:min(len(doc), m.end + 6)] if t.pos_ in ("NOUN", "PROPN")
                      and t.dep_ not in ("compound", "poss")), None)
        if named is not None:
            return noun_phrase_text(named, modifiers=True)
    return None


def _named_before(doc, m: Mention) -> str | None:
    """Market copy without verbs ("Japan's Topix +0.4%, France's CAC 40 -0.3%, oil $82.10"): the name that
    makes up the whole phrase from the last comma (or the sentence's start) up to a figure, in a list: the
    figure ends its item (a comma after it, or the sentence's end after an item that a comma opened)."""
    if m.kind == "count" or m.start == 0:
        return None
    end = m.end + 2 if m.end + 1 < len(doc) and doc[m.end].text == "/" else m.end  # "$2,330/oz"
    after = doc[end].text if end < len(doc) else ""
    i = m.start
    while i > 0 and doc[i - 1].pos_ in _NAME_PARTS and not doc[i - 1].is_sent_start:
        i -= 1
    if i > 0 and doc[i - 1].is_sent_start and doc[i - 1].pos_ in _NAME_PARTS:
        i -= 1
    listed = i > 0 and doc[i - 1].text in (",", ";", ":")
    if i == m.start or not (listed or i == 0 or doc[i].is_sent_start) or not (
            after in (",", ";") or (listed and (after in ("", ".") or doc[end].is_sent_start))):
        return None
    while i < m.start and doc[i].pos_ == "DET":
        i += 1
    words = doc[i:m.start]
    if not len(words) or words[-1].pos_ not in ("PROPN", "NOUN", "NUM") or not any(
            t.pos_ in ("PROPN", "NOUN") for t in words):
        return None
    return words.text


def _gapped(doc, m: Mention) -> str | None:
    """"Bread costs 90p a loaf and a gallon of milk about $4": a figure after a noun conjoined to the verb's
    object, with the verb left out, measures that noun ("milk")."""
    if m.start < 2:
        return None
    noun = doc[m.start - 1]
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    root = noun
    while root.dep_ in ("pobj", "prep", "compound") and root.head.i < root.i:
        root = root.head
    if root.dep_ != "conj" or root.head.dep_ not in ("dobj", "attr", "nsubj") \
            or any(t.pos_ in ("VERB", "AUX") for t in doc[root.i:m.start]):
        return None  # (not "cut the journey between Arlen and Dovitz from 4h to 1h")
    return noun_phrase_text(noun, modifiers=True)


# What a verbless market line's name is made of: "Japan's Topix", "the euro", "France's CAC 40", "gold".
_NAME_PARTS = {"PROPN", "NOUN", "NUM", "DET", "PART", "ADJ"}
# Verbs of lasting: their subject is what a duration measures ("lasted", "took", "waited"; not "spent",
# "served": the crew who spends six months is not what lasts them).
_LASTING_VERBS = MEASURING_VERBS - {"spend", "serve"}
# Verbs that impose a term on their object: a duration after them measures no thing the sentence names.
_TERM_IMPOSING = {"sentence", "condemn", "commute", "jail", "imprison", "detain", "ban", "bar", "suspend", "disqualify",
                  "exclude", "exile", "ground", "close", "shut", "postpone", "delay", "defer", "adjourn", "halt",
                  "freeze", "block", "lock", "remand", "battle", "fight", "train"}
# Units of length: a distance an agent covers is not the agent's measure ("drilled 3.2 km", "3 miles off").
_LENGTHS = {"m", "km", "cm", "mm", "mi", "ft", "yd", "in", "nmi", "NM", "nautical_mile"}
# Verbs of selling or buying: the sum "for" which is the price of their object.
_SALE_VERBS = {"sell", "buy", "resell", "acquire", "purchase", "auction", "lease", "rent", "let", "offer"}


def sold_for(m: Mention, tok, verb) -> str | None:
    """What a sum is the price of: the object of a verb of selling or buying ("sold its headquarters for
    £210m" → headquarters)."""
    via = tok.head if tok.dep_ == "pobj" else None
    if via is None or via.lower_ != "for" or via.head != verb or verb.lemma_.lower() not in _SALE_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and not m.start <= c.i < m.end), None)
    return noun_phrase_text(obj, modifiers=True) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


# Prepositions that join a figure to the noun it is the level of: "a depth of 10 km", "a rate below 1%".
_OF_LEVEL = ("of", "at", "above", "below", "under", "over", "near", "around")
# Periods a figure can be followed by that say when it holds, not what it measures ("3.1% year on year").
_PERIOD_AFTER = {"year", "month", "quarter", "week", "day"}
_SESSION_NOUNS = _PERIOD_AFTER | {"session", "trading", "trade", "sitting"}
# Nouns a figure is set at that stand for what they count: "the number of people trapped" → people.
_STAND_IN_NOUNS = {"number", "figure", "total", "tally", "count"}
# How a verb sets a figure on its object: "put the toll at", "held its rate at", "took the total past 5,000".
_VIA = ("by", "to", "at", "past", "above", "below", "beyond")
# Nouns after "in" that say how a sum is paid or counted, not what it is: "$62 a share in cash", "in total".
_NOT_HELD_IN = {"cash", "stock", "shares", "total", "all", "terms", "value", "aggregate", "sum", "part", "full"}


def put_at_object(m: Mention, tok, verb=None) -> str | None:
    """The object a verb sets the figure on: "estimate losses at €1.2bn" (losses), "held Bank Rate at
    5.25%", "cut its rate by a quarter-point", "put the number of fighters killed at 300" (fighters), "raises
    the minimum wage from $12 to $15"."""
    via = tok.head if tok.dep_ == "pobj" else None
    if tok.lower_ == "from" and tok.dep_ == "prep" and m.from_value is not None:
        via = tok  # "raises the wage from $12 to $15": the change's span is the figure
    if via is not None and via.lower_ in ("to", "by") and via.head.dep_ == "dobj" and via.head.pos_ == "NOUN" \
            and via.head.head.lower_ in UP_WORDS | DOWN_WORDS:  # "lifts the minimum wage to $15", parsed on the noun
        return noun_phrase_text(via.head, modifiers=True)
    if via is None or (via.lower_ not in _VIA and not (via.lower_ == "from" and m.from_value is not None)) \
            or via.head.pos_ not in ("VERB", "AUX") or (verb is not None and via.head != verb):
        return None
    setter = via.head
    if verb is None and setter.dep_ == "acl" and setter.tag_ in ("VBN", "VBG"):  # "the number of fighters killed at 300"
        setter = next((a for a in setter.ancestors if a.pos_ in ("VERB", "AUX")), setter)
    obj = next((c for c in setter.children if c.dep_ == "dobj" and not m.start <= c.i < m.end), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    inner = of_object(obj) if obj.lower_ in _STAND_IN_NOUNS else None
    if inner is not None and inner.pos_ in ("NOUN", "PROPN"):
        return noun_phrase_text(inner)
    return noun_phrase_text(obj, modifiers=True)


def _described_noun(doc, m: Mention, tok) -> str | None:
    """The noun right after a figure that the figure describes ("a 15% share" → share, "the 1.5C limit" →
    limit); for a noun of change, what changes ("a 4 percent drop in insurance payouts" → insurance payouts); the
    noun a comparative before it qualifies ("a 26% lower risk of stroke" → risk)."""
    head = tok.head
    if tok.dep_ == "npadvmod" and head.tag_ == "JJR" and head.dep_ == "amod" and head.head.pos_ == "NOUN" \
            and head.head.i == head.i + 1 and head.i == m.end:
        return head.head.text
    if tok.dep_ not in ("nummod", "compound", "amod", "quantmod", "nmod") or head.pos_ not in ("NOUN", "PROPN") \
            or not m.end <= head.i <= m.end + 1 or head.lower_ in ("%", "percent", "times") \
            or head.lower_ in _PERIOD_AFTER:  # "rose 3.1% year on year": when, not what
        return None
    if head.lower_ in UP_NOUNS or head.lower_ in DOWN_NOUNS:
        obj = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                    for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        return noun_phrase_text(obj, modifiers=True) if obj is not None else None
    return doc[m.end:head.i + 1].text


def _of_noun(doc, of):
    """The noun "of" introduces: its object, else the first noun after it that heads its compound."""
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is not None:
        return obj
    named = next((t for t in doc[of.i + 1:min(len(doc), of.i + 6)] if t.pos_ in ("NOUN", "PROPN")
                  and t.dep_ != "poss"), None)
    while named is not None and named.dep_ == "compound" and named.head.i > named.i:
        named = named.head
    return named


def _money_held(doc, m: Mention, tok) -> str | None:
    """What a sum is the worth of or is held in: "a deal worth $1.6bn" (deal), "€5bn in state aid"."""
    head = tok.head
    if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        return noun_phrase_text(head.head, modifiers=True)
    if m.end + 1 < len(doc) and doc[m.end].lower_ == "in":
        obj = next((t for t in doc[m.end + 1:min(len(doc), m.end + 5)] if t.pos_ == "NOUN"
                    and t.dep_ != "compound"), None)
        if obj is not None and obj.lower_ not in _NOT_HELD_IN and not obj.ent_type_ and obj.head.i < obj.i \
                and all(not t.ent_type_ or t.ent_type_ not in ("DATE", "TIME", "GPE", "LOC") for t in doc[m.end + 1:obj.i]):
            return noun_phrase_text(obj, modifiers=True)
    return None


def noun_phrase_text(tok, modifiers: bool = False) -> str:
    """A noun with its contiguous compound modifiers: "cease-fires", "death toll" (and, with
    ``modifiers``, its adjectives and possessor names: "core inflation", "Halvern Group shares")."""
    start = tok.i
    doc = tok.doc
    deps = ("compound", "amod", "poss") if modifiers else ("compound",)
    end = tok.i + 1
    while modifiers and end < len(doc) and doc[end].head == tok and doc[end].like_num and doc[end].dep_ in (
            "nummod", "appos", "compound", "npadvmod"):
        end += 1  # the number of a name: "S&P 500", "FTSE 100"
    while start > 0 and ((doc[start - 1].dep_ in deps and doc[start - 1].head.i in range(start, tok.i + 1)
                          and not doc[start - 1].like_num and doc[start - 1].pos_ != "PRON")
                         or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
                         or (modifiers and doc[start - 1].tag_ == "POS")):
        if doc[start - 1].text == "-" and (start < 2 or doc[start - 2].dep_ not in deps):
            break
        if start > 1 and doc[start - 2].like_num and not doc[start - 2].whitespace_:
            break  # "m" of "200m", "17.1m tickets", "G" of "5G subscribers": never a number's letters, cut off it
        start -= 1
    if 0 < start < tok.i and not doc[start - 1].whitespace_ and "-" in (doc[start - 1].text, doc[start].text):
        while start < tok.i and not doc[start].whitespace_:  # "a five-year deal": never "year deal", a
            start += 1  # hyphenated word cut in two: the words after it
        start = min(start + 1, tok.i)
    return doc[start:end].text


def of_object(tok):
    """The object of "of" below ``tok``: "thousands of people" → people."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def anchor_of(doc, sp: Mention):
    """The token of the number whose head lies outside the span (its syntactic head)."""
    toks = doc[sp.num_start:sp.num_end]
    for t in toks:
        if not (sp.num_start <= t.head.i < sp.num_end) or t.head == t:
            return t
    return toks[-1]


def counted_of(ctx, sp: Mention, anchor):
    """(counted text, the noun token or None) of a count; measures are read by :func:`measured_of`."""
    doc = ctx.doc
    hyphen = next((n.split(":", 1)[1] for n in sp.notes if n.startswith("hyphen-word:")), "")
    if hyphen in _EXTENT_ADJECTIVES:  # "a 50k-strong network of volunteers": the members of what it describes
        described = _described_by(doc, sp)
        return (noun_phrase_text(described), described) if described is not None else ("", None)
    if hyphen:  # "a 7.8-magnitude quake", "six-storey": the hyphenated word
        return hyphen, None
    toks = doc[sp.num_start:sp.num_end]
    # "thousands of people", "376 of its soldiers", "half of Karabakh's 140,000 residents"
    for t in toks:
        obj = of_object(t)
        if obj is not None and (obj.pos_ == "PRON" or obj.pos_ == "NUM"):
            return "", None  # "four of whom", "3 of the 70": what the whole counts, found by the caller
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return noun_phrase_text(obj), obj
    head = anchor.head
    if head.i >= sp.num_end and head.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("nummod", "quantmod", "amod",
                                                                                    "compound", "nmod") \
            and not hung_on_time(anchor, head):  # (not "3,200 this autumn")
        if head.lower_ in MULTIPLIERS:  # "3.5 times": a multiple, not a count of times
            return "", None
        if expected_by(doc, head):  # "the 120,000 analysts had predicted", "the 30,000 gain economists …"
            change = next((t for t in doc[sp.num_end:head.i] if t.lower_ in UP_NOUNS | DOWN_NOUNS), None)
            return (change.text, change) if change is not None else ("", None)
        counted = of_object(head) if head.lower_ == "head" else None
        if counted is not None and counted.pos_ == "NOUN":  # "4,000 head of cattle"
            return noun_phrase_text(counted), counted
        # "nine member banks", "three stage wins" (even tagged a verb) count the plural; "a 50 page report" pages
        while head.dep_ == "compound" and head.head.i == head.i + 1 and (head.head.tag_ == "NNS" or (
                head.head.pos_ != "NOUN" and head.head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr",
                                                                "appos", "conj"))):
            head = head.head
        return noun_phrase_text(head), head
    voted = _votes_to(doc, sp)
    if voted is not None:  # "by 52 votes to 31"
        return noun_phrase_text(voted), voted
    whole = _whole_of(anchor)
    if whole is not None:  # "a population of 35 lakh", "beating forecasts of 94.5 million"
        return noun_phrase_text(whole), whole
    learned = _learned_counted(ctx, sp.num_end)
    if learned is not None:
        return noun_phrase_text(learned), learned
    # parse slips ("as of Thursday 58 civilians", "to 14 named hurricanes"): the noun right after the number
    after = _noun_after(doc, sp.num_end)
    if after is not None:
        return noun_phrase_text(after), after
    obj = put_at_object(sp, anchor)
    if obj:  # "put the number of fighters killed at about 300"
        return obj, None
    nxt = doc[sp.num_end] if sp.num_end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and sp.num_end + 1 < len(doc):
        for t in doc[sp.num_end + 1:min(len(doc), sp.num_end + 6)]:
            if t.pos_ == "NOUN" and t.dep_ != "compound":
                return noun_phrase_text(t), t
    return "", None


# Adjectives glued to a count that say how many make up what they describe: "a 12k-strong community".
_EXTENT_ADJECTIVES = {"strong"}
# Nouns a count stands after "of" that say nothing of what it counts: "a total of 500", "an average of 1,500".
_NOT_WHOLES = TOLL_NOUNS | {"average", "maximum", "minimum", "peak", "high", "low", "record", "level", "rate", "sum",
                            "tune", "age", "ages", "range", "margin", "score", "lead",
                            # a figure expected of what is counted ("beating forecasts of 200,000" jobs)
                            "estimate", "forecast", "expectation", "projection", "prediction", "consensus", "target",
                            # a preposition of several words ("in excess of 500,000")
                            "excess", "place", "lieu", "terms", "spite", "front"}


def _described_by(doc, m: Mention):
    """What a hyphenated extent describes ("a 50k-strong network of volunteers" → volunteers, "a 300-strong
    crowd" → crowd): the noun after it, or the plural that noun is "of"."""
    noun = next((t for t in doc[m.end:min(len(doc), m.end + 3)] if t.pos_ in ("NOUN", "PROPN")), None)
    while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    members = of_object(noun) if noun is not None and noun.tag_ in ("NN", "NNP") else None
    return members if members is not None and members.tag_ in ("NNS", "NNPS") else noun


def _whole_of(anchor):
    """The noun a bare count is "of" ("a population of 35 lakh" → population, "forecasts of 94.5 million",
    "a crowd of 40,000"); not a stand-in ("a total of 500") nor a change ("a rise of 4,000")."""
    of = anchor.head
    if anchor.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ not in ("NOUN", "PROPN") or of.head.i > of.i:
        return None
    noun = of.head
    low = noun.lower_
    if any(t.pos_ == "DET" for t in anchor.doc[of.i + 1:anchor.i]):  # "of the 500,000": a count named before
        return None
    if low in _NOT_WHOLES or noun.lemma_.lower() in _NOT_WHOLES or low in UP_NOUNS or low in DOWN_NOUNS \
            or low in FRACTIONS or noun.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"):
        return None
    return noun


def _noun_after(doc, i: int):
    """The noun right after a number at token ``i`` that the parse failed to hang it on ("as of Thursday 58
    civilians"), over a participle or an adjective before a plural ("14 named hurricanes"); never a time
    ("1,100 yesterday", "48,000 month-on-month") nor a multiplier."""
    if i < len(doc) and when_it_holds(doc, i):
        return None
    for skip, t in enumerate(doc[i:min(len(doc), i + 3)]):
        if t.pos_ == "NOUN" and (t.tag_ == "NNS" or (t.tag_ == "NN" and skip == 0)) and t.lower_ not in MULTIPLIERS \
                and t.ent_type_ not in ("DATE", "TIME"):
            while t.dep_ == "compound" and t.head.i == t.i + 1:
                t = t.head
            return t
        if skip == 0 and t.tag_ in ("JJ", "VBN") and not t.ent_type_:
            continue
        return None
    return None


def index_level(anchor, counted: str, change: str = "", count: bool = False) -> str:
    """The level an index reached after a move in points ("fell 310 points to 16,940", "gained 21 points
    to close at 2,655") or, for a bare ``count``, a session's level ("the Nikkei closed at 38,410", "…, to end
    the session at 7,987.2"): the index (the subject of the verb), not a count of points; else ``counted``."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ not in ("to", "at"):
        return counted
    verb = anchor.head.head
    session = count and (not counted or counted in _SESSION_NOUNS) and (change or verb.lower_ in SESSION_VERBS)
    if not session and counted not in ("points", "point"):
        return counted
    subj = _clause_subject(verb)
    if subj is None or not (_an_index(subj) if session else subj.pos_ in ("PROPN", "NOUN")):
        return counted
    return noun_phrase_text(subj, modifiers=True)


def _clause_subject(verb):
    """The subject of ``verb``, or of the verb its clause hangs from ("rose 41 points, … to end the session
    at": the subject of "rose"), or None."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


# Nouns of an index, whose moves are counted in points ("the benchmark index rose 52 points").
_INDEX_NOUNS = {"index", "indices", "indexes", "average", "benchmark", "gauge", "composite", "barometer"}


def _an_index(subj) -> bool:
    """Is ``subj`` an index whose moves are counted in points ("the Sensex", "the Dow Jones Industrial Average",
    "the benchmark index"), not a person or a team? A name is one in market copy: its sentence states a
    percentage or a session's close, or a level after "at" or "to" ("…, or 1.3%, to close at 80,684")."""
    if subj.lower_ in _INDEX_NOUNS:
        return True
    if subj.pos_ != "PROPN":
        return False
    sent = list(subj.sent)
    return any(t.lower_ in ("%", "percent", "pc") or t.lower_ in SESSION_VERBS
               or (t.lower_ in ("at", "to") and t.i + 1 < len(t.doc) and t.doc[t.i + 1].like_num) for t in sent)


def index_moved(m: Mention, noun, counted: str, change: str) -> str:
    """What a move in points measures: the index the verb of change is said of ("the Sensex fell 1,064 points",
    "the index rose 52.3 points"), not the points (the unit of an index's move); else ``counted``."""
    if not change or noun is None or noun.lower_ not in ("points", "point"):
        return counted
    if isinstance(m.value, int) and m.value < 10:
        return counted  # "dropped two points": a team's, a poll's
    tok = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "by" else noun
    verb = tok.head
    if verb.tag_ in ("JJR", "RBR") and verb.head.pos_ == "VERB":  # "finished 41.2 points higher"
        tok, verb = verb, verb.head
    if tok.dep_ not in ("npadvmod", "dobj", "prep", "advmod") or verb.pos_ != "VERB":
        return counted
    subj = _clause_subject(verb)
    return noun_phrase_text(subj, modifiers=True) if subj is not None and _an_index(subj) else counted


def _votes_to(doc, m: Mention):
    """"by 52 votes to 31": the noun the first figure of a tally counts, for the second."""
    i = m.start
    if i < 4 or doc[i - 1].lower_ != "to" or doc[i - 2].tag_ != "NNS" or not doc[i - 3].like_num:
        return None
    return doc[i - 2] if doc[i - 4].lower_ == "by" else None


# Words that stand for what the sentence's last count counted: "hold 60 others", "taking the total to 9 million".
_STAND_INS = {"others", "more", "total", "tally", "figure", "number", "count"}


def stands_in(counted: str) -> bool:
    """Does what a count counts only stand for the sentence's earlier count ("others", "the total")?"""
    words = counted.lower().split()
    return bool(words) and words[-1] in _STAND_INS and (len(words) == 1 or words[-1] in ("total", "tally"))


def bare_count(m: Mention, noun) -> bool:
    """A count that names nothing it counts: no noun, no unit, not a hyphenated word, not vague ("245")."""
    return m.kind == "count" and noun is None and not m.unit and "vague" not in m.notes and not any(
        n.startswith("hyphen-word:") for n in m.notes) and "hyphen" not in m.notes


def shared_measure(doc, m: Mention, seen) -> str:
    """What the figure before it in the sentence (``seen``: its mention and counted) measures, when
    this one measures it too: a conversion in brackets ("48,000 hectares (118,600 acres) of paddies"), a
    coordinated figure ("profits of 900 and 1,100 million euros") or the next figure of a list in the same
    unit ("Snowfall of 5-10cm …, with up to 30cm on the peaks")."""
    if seen is None or not seen[1]:
        return ""
    prev, what = seen
    if m.start >= 1 and doc[m.start - 1].text == "(" and prev.end == m.start - 1:
        return what
    if m.kind == "count" or not m.unit or m.unit != prev.unit:
        return ""
    return what


def restated_figure(doc, m: Mention, seen) -> str:
    """What the figure before it measures, for a figure set after it with a comma and no verb between: a
    change ("approved a budget of $48.5 million on Tuesday, up 3.2% from last year": the budget) or a multiple
    ("spending hit $14.4 billion, nearly triple the amount in 2008", "…, or nearly three times the amount
    offered": the spending, not the amount it is compared with)."""
    if seen is None or not seen[1] or m.start < 2:
        return ""
    comma = m.start - 1
    if doc[comma].lower_ in ("up", "down"):
        comma -= 1
    elif "multiple" in m.notes or (m.end < len(doc) and doc[m.end].lower_ in MULTIPLIERS):
        comma -= 1 if doc[comma].lower_ == "or" else 0
    else:
        return ""
    prev, what = seen
    if comma < 1 or doc[comma].text != "," or prev.end > comma \
            or any(t.pos_ in ("VERB", "AUX") for t in doc[prev.end:comma]):
        return ""
    return what


def _learned_counted(ctx, i: int):
    """A word a reviewer taught as a counted noun, within three words after the number (no punctuation)."""
    words = ctx.lexicon.counted
    doc = ctx.doc
    if not words:
        return None
    for tok in doc[i:min(len(doc), i + 3)]:
        if tok.is_punct or tok.is_space:
            return None
        if tok.lower_ in words or tok.lemma_.lower() in words:
            return tok
    return None


def _is_predicate(lemma: str, lexicon) -> bool:
    """A predicate of a count: the built-in casualty words, and those reviewers taught."""
    return lemma in CASUALTY or lemma in lexicon.predicates


def coordinated(anchor, predicate, prev_anchor, prev_predicate) -> bool:
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


def next_word(doc, i: int) -> str:
    """Without a parse: the word after the number ("12 people"; "376 of its soldiers" → soldiers)."""
    words = [t for t in doc[i:i + 5] if not t.is_punct]
    if words and words[0].lower_ == "of":
        words = [t for t in words[1:] if t.lower_ not in ("the", "a", "an", "its", "their", "his", "her", "our",
                                                          "these", "those", "this", "that")]
    if words and words[0].is_alpha and words[0].is_lower:
        return words[0].text
    return ""


def plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def predicate_of(ctx, phrase_head, span_tokens=()):
    """The verb (or predicative adjective) governing the quantity: "killed", "displaced", "dead"."""
    for tok in (phrase_head, *span_tokens):
        for child in tok.children:
            if child.dep_ in ("acl", "amod", "appos", "oprd") and child.tag_ in ("VBN", "JJ") and child.i > tok.i \
                    and _is_predicate(child.lemma_.lower(), ctx.lexicon):
                return child
    tok = phrase_head
    for _ in range(8):
        if tok.head == tok:
            break
        tok = tok.head
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            for child in tok.children:  # "confirmed killed", "left … dead"
                if child.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and _is_predicate(child.lemma_.lower(), ctx.lexicon):
                    return child
            return tok
        if tok.pos_ == "ADJ" and tok.dep_ in ("amod", "acomp") and _is_predicate(tok.lemma_.lower(), ctx.lexicon):
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


def _resolve(ctx, subj, sent) -> str:
    """The source's text; pronouns and bare "the ministry" are traced back to a recent name (once per
    subject and sentence: the figures of a sentence mostly share their source)."""
    key = (subj.i, sent.start)
    if key not in ctx.sources:
        ctx.sources[key] = _resolved(ctx, subj, sent)
    return ctx.sources[key]


def _resolved(ctx, subj, sent) -> str:
    doc = subj.doc
    low = subj.lower_
    text = _span_text_of_subject(subj)
    if low in PRONOUNS and subj.i == subj.left_edge.i:
        if low in ("i", "we", "it"):
            return text if low != "it" else _recent(ctx, sent.start, lambda t: t.ent_type_ in ("ORG", "GPE"))
        if low in ("he", "she"):
            return (_recent(ctx, subj.i, _person_subject) or _recent(ctx, subj.i, lambda t: t.ent_type_ == "PERSON")
                    or text)
        if low == "they":
            found = _recent_plural_subject(doc, sent.start)
            return found or text
    span_toks = doc[subj.left_edge.i:subj.i + 1]
    if subj.pos_ == "NOUN" and all(t.pos_ in ("DET", "NOUN", "ADJ") and not t.ent_type_ for t in span_toks) \
            and any(t.lower_ in ("the", "this") for t in span_toks) and len(subj.lemma_) >= 5:
        stem = subj.lemma_.lower()[:max(5, len(subj.lemma_) - 2)]
        found = _recent(ctx, sent.start, lambda t: t.pos_ == "PROPN" and t.lower_.startswith(stem), run=True)
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


def _recent(ctx, before: int, pred, run: bool = False, window: int = 400) -> str:
    """The last name before token ``before`` matching ``pred`` (its entity, or its run of proper nouns)."""
    doc = ctx.doc
    for i in range(before - 1, max(-1, before - window), -1):
        t = doc[i]
        if pred(t):
            if t.ent_iob_ in ("B", "I") and not run:
                ent = next((e for e in ctx.ents if e.start <= i < e.end), None)
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


def source_of(ctx, sent, phrase_head, anchor) -> str:
    doc = ctx.doc
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
        if anc.pos_ in ("VERB", "AUX") and (lemma in REPORT_VERBS or lemma in ctx.lexicon.report_verbs) and (
                lemma in OBJECT_REPORT_VERBS or role not in ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod")):
            subj = _subject(anc)
            if subj is not None and inside(subj) and subj.i != phrase_head.i and not (
                    phrase_head.i >= subj.left_edge.i and phrase_head.i <= subj.right_edge.i):
                return _resolve(ctx, subj, sent)
        below = anc
    # 2. "according to X"
    for t in ctx.according(sent):
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and inside(obj):
                return _resolve(ctx, obj, sent)
    # 3. a reporting verb elsewhere in the sentence (parenthetical "…, officials said")
    for t in ctx.reporters(sent):
        if t.dep_ in ("ROOT", "parataxis") or t.head.dep_ == "ROOT":
            subj = _subject(t)
            if subj is not None and inside(subj) and not (subj.left_edge.i <= anchor.i <= subj.right_edge.i):
                return _resolve(ctx, subj, sent)
    return ""
