"""Not-a-claim filters for numbers that name or place something rather than count or measure it: street
addresses in other countries' styles, places in a building or a town ("Bed 14", "District 12"), ages in
other wordings ("who turns 70", "…, Akira Tan, 52."), product and mission names ("Apollo 11", "Sunwing 900
jets"), sport events named by their distance ("the 100m world record", "200m freestyle"), a number word used
as a name ("the wind known as the Forty"), and categories a price is quoted for ("the price for a
three-bedroom home", "rates on 30-year fixed loans", "a dozen eggs costs $4.15").

Each filter has the signature of :mod:`.filters` (``doc``, the mention, the tokens around it) and is listed
there, so the rule screen can say which one dropped a number.
"""

from __future__ import annotations

import re

from .finder import Mention
from .words import MONTHS, NUMBER_WORDS

# Street words of addresses written the French, Italian, Spanish, Portuguese, Dutch or German way, where
# the number comes first ("14 Rue Marchand", "41 Via Garibaldi", "8 Calle Mayor").
FOREIGN_STREET_WORDS = {"rue", "avenue", "boulevard", "bd", "quai", "chemin", "chaussée", "impasse", "allée", "cours",
                        "place", "via", "viale", "corso", "piazza", "piazzale", "vicolo", "calle", "carrer", "avenida",
                        "paseo", "plaza", "rua", "travessa", "praça", "largo", "straat", "laan", "gracht", "plein",
                        "kade", "strasse", "straße", "gasse", "weg", "platz", "allee", "ring", "damm", "ulica", "utca"}
# Endings of street names written before the number ("Hauptstraße 17", "Kerkstraat 4").
STREET_SUFFIXES = ("straße", "strasse", "str.", "gasse", "weg", "platz", "allee", "damm", "straat", "gracht", "laan",
                   "plein", "vej", "gatan", "gata", "veien")
# "7 bis Avenue de la Paix": the letter-like suffixes of a house number.
HOUSE_NUMBER_SUFFIXES = {"bis", "ter", "quater", "a", "b", "c"}
# Places in a building, a site or a town named by a number ("Bed 14", "Ward 7", "District 12", "Block 5").
PLACE_WORDS = {"bed", "beds", "ward", "room", "block", "blocks", "district", "sector", "zone", "exit", "gate",
               "wing", "bay", "cell", "hall", "hangar", "dock", "pier", "berth", "quay", "camp", "lot", "plot",
               "pitch", "court", "stand", "tower", "building", "studio", "lab", "booth", "tent", "bunk", "cabin",
               "arrondissement", "borough", "precinct", "section", "terminal", "platform", "stage", "level",
               "floor", "unit", "area", "region", "county", "station", "line", "route", "highway", "junction",
               "corridor", "ring", "base", "site", "shed", "barracks", "compound", "mine", "well", "reactor"}
# Abbreviations of "number" that a label number follows ("bib No. 2213"), written before a full stop.
NUMBER_ABBREVIATIONS = {"no", "nos", "nr", "num"}
# Verbs that give an age: "who turns 70", "turned 18 last year".
AGE_VERBS = {"turn", "turns", "turned", "turning"}
# Words after an event's distance that name the event ("the 100m world record", "400 metres hurdles").
EVENT_WORDS = {"freestyle", "backstroke", "breaststroke", "butterfly", "medley", "im", "hurdles", "relay", "relays",
               "steeplechase", "sprint", "dash", "final", "finals", "semi-final", "semifinal", "semi-finals", "heat",
               "heats", "world", "record", "title", "champion", "champions", "championship", "gold", "silver",
               "bronze", "event", "specialist", "runner", "sprinter", "swimmer", "hurdler", "winner", "crown",
               "olympic", "race"}
LENGTH_WORDS = {"m", "metre", "metres", "meter", "meters", "km", "k", "mile", "miles", "yard", "yards", "yd"}
# Nouns a price or rate is quoted for or on: a category after them is not a figure ("the price for a
# three-bedroom home", "rates on 30-year fixed loans").
PRICE_NOUNS = {"price", "prices", "rate", "rates", "rent", "rents", "cost", "costs", "yield", "yields", "fee", "fees",
               "premium", "premiums", "payment", "payments", "value", "values", "spread", "spreads", "tariff",
               "tariffs", "fare", "fares"}
PRICE_VERBS = {"cost", "costs", "costing", "sell", "sells", "sold", "selling", "fetch", "fetches", "fetched"}
CURRENCY_MARKS = set("$£€¥₹₩")
OPENING_QUOTES = {"'", '"', "‘", "“"}
# Words before a size that make its noun a class of thing, not one thing measured: "a typical 50-bed hospital".
CLASS_ADJECTIVES = {"typical", "standard", "ordinary", "conventional", "generic"}
# Things a standard size names the class of: a 20ft or 40ft shipping container, a chip's 3-nanometre process.
STANDARD_CLASSES = {"container", "containers", "process", "node", "format", "gauge"}
_GLUED_DISTANCE = re.compile(r"\d[\d,.]*(?:m|km|k)$", re.I)


def _bare(m: Mention) -> bool:
    """A figure on its own: no unit, no qualifier, no range, not a word or vague quantity."""
    return not m.unit and m.start == m.num_start and not (m.notes & {"range", "vague", "word"}) and m.kind == "count"


def address(doc, m: Mention, a) -> bool:
    """"14 Rue Marchand", "7 bis Avenue de la Paix", "41 Via Garibaldi", "Hauptstraße 17"."""
    if not _bare(m):
        return False
    nxt, nxt2 = a.nxt, a.nxt2
    if nxt is not None and nxt.lower_ in HOUSE_NUMBER_SUFFIXES and nxt.is_lower and nxt2 is not None \
            and nxt2.is_title:  # "7 bis Avenue": "a" only before a capitalised word
        nxt, nxt2 = nxt2, doc[nxt2.i + 1] if nxt2.i + 1 < len(doc) else None
        if nxt.lower_ in FOREIGN_STREET_WORDS or a.nxt.lower_ in ("bis", "ter", "quater"):
            return True
    if nxt is not None and nxt.is_title and nxt.lower_ in FOREIGN_STREET_WORDS and nxt2 is not None and (
            nxt2.is_title or nxt2.lower_ in ("de", "del", "della", "di", "des", "du", "la", "le", "da", "do", "dos")):
        return True
    prev = a.prev
    return prev is not None and prev.is_title and prev.lower_.endswith(STREET_SUFFIXES) and len(prev.text) > 5


def place(doc, m: Mention, a) -> bool:
    """"Bed 14 of Ward C", "District 12", "Exit 42", "Room 318", "bib No. 2213": a place or a label named
    by its number."""
    if not _bare(m) or a.prev is None:
        return False
    if a.prev.text == "." and a.prev2 is not None and a.prev2.lower_ in NUMBER_ABBREVIATIONS \
            and not a.prev2.whitespace_:
        return True  # "No. 2213" (the tokenizer splits the full stop off)
    return a.prev.lower_ in PLACE_WORDS and (a.prev.is_title or a.prev.is_upper) and not a.prev.is_sent_start \
        and not (a.nxt is not None and a.nxt.lower_ == "of" and a.nxt2 is not None and not a.nxt2.is_title)


def age(doc, m: Mention, a) -> bool:
    """"who turns 70 on Friday", "…, Akira Tan, 52." (a name, a comma, the age ending the sentence), "Lena
    Ortiz (61)"."""
    if not _bare(m) or not isinstance(m.value, int) or not 0 < m.value < 120:
        return False
    if a.prev is not None and a.prev.lower_ in AGE_VERBS:
        return True
    name = a.prev2
    named = name is not None and (name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and name.is_title))
    if a.prev is not None and a.prev.text == "," and named:
        return a.nxt is None or (a.nxt.text in (".", ";", "!", "?") and (a.nxt.i + 1 == len(doc) or a.nxt.is_sent_end))
    return a.prev is not None and a.prev.text == "(" and named and a.nxt is not None and a.nxt.text == ")"


def model_name(doc, m: Mention, a) -> bool:
    """A number after a proper name it belongs to: "Apollo 11 astronauts", "20 Sunwing 900 jets", "the
    Voltera Arc 5 has" — not "12 Armenian soldiers" (a nationality), "Friday 58 civilians" (a date)."""
    prev = a.prev
    if not _bare(m) or prev is None or not a.first.text.isdigit() or prev.whitespace_ != " ":
        return False
    if not ((prev.is_title or prev.is_upper) and any(c.isalpha() for c in prev.text)):
        return False
    # a capitalised word inside the sentence is a name whatever the tagger made of it ("Sunwing" VBG); the
    # first word of a sentence only when read as a noun ("Apollo 11 astronauts")
    if prev.is_sent_start and prev.pos_ not in ("PROPN", "NOUN"):
        return False
    if not prev.is_sent_start and prev.pos_ not in ("PROPN", "NOUN", "VERB", "ADJ"):
        return False
    if prev.lower_.rstrip(".") in MONTHS or prev.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "CARDINAL",
                                                               "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if prev.lower_ in PLACE_WORDS or prev.lower_ in NUMBER_WORDS:
        return False
    nxt = a.nxt
    # the name and the number go together: one is the other's head, or both describe the next noun
    return (a.first.head == prev or prev.head == a.first or (nxt is not None and prev.head == nxt and a.first.head == nxt)
            or prev.head == a.first.head) and not (nxt is not None and nxt.lower_ in ("of", "per", "percent"))


def event(doc, m: Mention, a) -> bool:
    """A sport event named by its distance: "the 100m world record", "200m freestyle", "the 3,000 metres
    steeplechase final" (whatever the finder read "100m" as)."""
    if m.start != m.num_start or "range" in m.notes:
        return False
    first, last = doc[m.num_start], doc[m.end - 1]
    glued = _GLUED_DISTANCE.match(first.text) and m.end - m.num_start == 1
    spaced = last.lower_ in LENGTH_WORDS and m.end - m.num_start == 2
    if not (glued or spaced):
        return False
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is None or nxt.lower_ not in EVENT_WORDS:
        return False
    if nxt.lower_ in ("race", "record", "world", "final", "heat", "gold", "silver", "bronze", "title", "event"):
        prev = doc[m.start - 1] if m.start > 0 else None  # "a 10km race" is run; "the 100m world record" is named
        return prev is not None and (prev.lower_ in ("the", "his", "her", "their", "its", "own") or prev.pos_ == "ADJ")
    return True


def word_as_name(doc, m: Mention, a) -> bool:
    """A capitalised number word used as a name: "the dry wind known locally as the Forty", or opening a
    quoted title ("the album 'Forty Winters'")."""
    first = doc[m.num_start]
    if m.num_end - m.num_start != 1 or m.unit or first.lower_ not in NUMBER_WORDS or not first.is_title:
        return False
    if a.prev is not None and a.prev.text in OPENING_QUOTES and a.nxt is not None and a.nxt.is_title:
        return True
    if first.is_sent_start or a.prev is None or a.prev.lower_ != "the":
        return False
    nxt = a.nxt
    return nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "ADV")


def category(doc, m: Mention, a) -> bool:
    """A category a price or rate is quoted for: "the average price for a three-bedroom home", "rates on
    30-year fixed loans", "spot rates for a 40ft container", "a dozen eggs now costs $4.15", "$4.95 a dozen"
    (the quantity sold, not a figure); a class of thing a size describes: "a typical 50-bed hospital",
    "shipped in 40-foot containers", "a 3-nanometre process" (a standard size names the class)."""
    if doc[m.start].lower_ in ("a", "an") and m.end - m.start == 2 and doc[m.start + 1].lower_ == "dozen":
        if _after_a_price(doc, m.start):
            return True  # "$4.95 a dozen": what the price is for
        window = doc[m.end:min(len(doc), m.end + 8)]
        return any(t.lower_ in PRICE_VERBS for t in window) and any(
            t.text in CURRENCY_MARKS or t.is_currency for t in window)
    if not _describes(doc, m):
        return False
    noun = _described_noun(doc, m)
    if noun is None:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "on") and noun.head.head.lower_ in PRICE_NOUNS:
        return True
    if a.prev is not None and a.prev.lower_ in CLASS_ADJECTIVES and m.kind in ("count", "measure"):
        return True  # "a typical 50-bed hospital"; not "a typical $300 bill"
    return noun.lower_ in STANDARD_CLASSES or (noun.lemma_.lower() in STANDARD_CLASSES and noun.tag_ == "NNS"
                                               and not any(c.dep_ in ("det", "poss") for c in noun.children))


def _describes(doc, m: Mention) -> bool:
    """Is the figure a compound modifier right before a noun ("a three-bedroom home", "a 40ft container")?"""
    if "hyphen" in m.notes or any(n.startswith("hyphen-word:") for n in m.notes) or doc[m.end - 1].text.endswith("-"):
        return True
    return bool(m.unit) and m.start == m.num_start and m.end < len(doc) and doc[m.end].pos_ in ("NOUN", "PROPN") \
        and m.start > 0 and doc[m.start - 1].lower_ in ("a", "an")  # "a 40ft container"; not "the 10-inch tablets"


def _after_a_price(doc, i: int) -> bool:
    """Does a price end right before token ``i`` ("$4.95 a dozen", "Rs 40 a dozen")?"""
    if i < 2 or not doc[i - 1].like_num:
        return False
    return any(t.text in CURRENCY_MARKS or t.is_currency for t in doc[max(0, i - 3):i - 1])


def _described_noun(doc, m: Mention):
    """The noun after the figure that it describes ("a three-bedroom home" → home), or None."""
    for t in doc[m.end:min(len(doc), m.end + 4)]:
        if t.pos_ in ("NOUN", "PROPN"):
            tok = t
            while tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.i <= m.end + 5:
                tok = tok.head
            return tok
        if t.is_punct and t.text != "-":
            return None
    return None


def repeated(doc, m: Mention, a) -> bool:
    """A figure named again as the whole a part is taken from: "prices fell in 70 cities, with only 3 of
    the 70 recording gains" (the second 70 is the first)."""
    if not _bare(m) or a.prev is None or a.prev.lower_ != "the" or a.prev2 is None or a.prev2.lower_ != "of":
        return False
    sent_start = a.first.sent.start if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else 0
    return any(t.text == a.first.text for t in doc[sent_start:m.num_start - 2])


NAME_FILTERS = (
    ("address", address),
    ("place", place),
    ("age", age),
    ("name", model_name),
    ("event", event),
    ("name", word_as_name),
    ("category", category),
    ("reference", repeated),
)
