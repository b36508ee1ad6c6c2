"""A claim as one citation line, for the clipboard and for notes, in the article's own words.

    376 of its soldiers had died — according to Armenia — NY Times
    forced thousands of people — AFP, 2020-10-09, https://…
    Vectura Group shares fell 6.5% to 164 GBX — according to the company — Reuters, 2021-03-02
    Unemployment narrowed to 138,285 (from 212,577) — according to officials — …
    Around half of the region's 140,000 residents (≈ 70,000) fled — according to officials — …
    Some 30% of the $3 billion budget (≈ 900,000,000 USD) went to schools — …

A quantity with a unit is said with the unit's code in place of the words that wrote it ("164p" → "164
GBX"), a corrected one as corrected; a change is quoted from its verb ("fell 6.5% to 164p"), with where
it started when the words leave it out, and said in brackets where no word says it ("(down)"). A share
of a stated figure is said with its whole, and the whole followed by the figure the share comes to, in
the whole's unit ("around half of the region's 140,000 residents (≈ 70,000)", "30% of the $3 billion
budget (≈ 900,000,000 USD)").
"""

from __future__ import annotations

import re

from .article import Article
from .extraction.words import DOWN_WORDS, UP_WORDS
from .fields import claim_fields, describe_share, describe_value, format_number, is_share, with_unit
from .sanitize import clean_line

NEAR_WORDS = 4  # how far (in words) the counted noun or the verb may be from the number to be quoted with it
# Where a phrase ends: no quoting across these (a full stop, not the point of "4.7%").
STOP = re.compile(r"(?<!\d)\.|\.(?!\d)|[;:!?()\[\]\"“”]|\s[—–-]{1,2}\s|,\s")
VERBS = {"up": "rose", "down": "fell"}  # a change whose predicate is unknown
CHANGE_WORDS = UP_WORDS | DOWN_WORDS
# a correction of these is said as corrected
QUANTITY_FIELDS = {"value", "approx", "unit", "from_value", "of_value", "of_unit"}
_LEVEL = re.compile(r"\b(?:to|at)\s*$", re.I)  # "fell 6.5% to 164p": 164p is the level reached
_OF = re.compile(r"\s+of\b", re.I)  # "half| of the region's 140,000 residents": the words go on to the whole
# The whole's figure in the words after a share: "$3 billion", "140,000", "2.5m" (its end is where the
# figure the share comes to is said when the words do not name what is counted).
_FIGURE = re.compile(r"[^\s\d]*\d[\d,.]*(?:\s*(?:thousand|million|billion|trillion|bn|mn|m|k)\b)?", re.I)


def claim_phrase(text: str, counted: str, predicate: str) -> str:
    """ "1,119" + "troops" + "killed" → "1,119 troops killed" (words already in the quote are not repeated)."""
    words = [text]
    lowered = text.lower()
    for part in (counted, predicate):
        if part and part.lower() not in lowered:
            words.append(part)
            lowered += " " + part.lower()
    return " ".join(words)


def _words_pattern(words: str) -> str:
    return r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b"


def _find_after(text: str, at: int, words: str) -> int | None:
    """The end of ``words`` when they follow ``at`` within :data:`NEAR_WORDS` words of the same phrase."""
    window = text[at:]
    stop = STOP.search(window)
    window = window[:stop.start()] if stop else window
    found = re.search(_words_pattern(words), window, re.I)
    if found is None or len(window[:found.start()].split()) > NEAR_WORDS:
        return None
    return at + found.end()


def _find_before(text: str, at: int, words: str) -> int | None:
    """The start of ``words`` when they come just before ``at`` (within 2 words, same phrase)."""
    window = text[:at]
    stops = list(STOP.finditer(window))
    start = stops[-1].end() if stops else 0
    matches = list(re.finditer(_words_pattern(words), window[start:], re.I))
    found = matches[-1] if matches else None
    if found is None or len(window[start + found.end():].split()) > 2:
        return None
    return start + found.start()


def _says(quote: str, counted: str) -> bool:
    """Does the quote say what is counted already ("90 percent", "90%")?"""
    lowered = quote.lower()
    return counted.lower() in lowered or (counted.lower() in ("percent", "per cent") and "%" in quote)


def _in_place(claim, text: str) -> bool:
    """The claim's words can be read around it: its quote is at its offsets, and no correction moved it off them."""
    start, end = getattr(claim, "start", -1), getattr(claim, "end", -1)
    changed = set(getattr(claim, "changed_fields", ()) or ())
    return not {"value", "approx", "counted", "of_value", "of_unit"} & changed and 0 <= start < end <= len(text) and \
        text[start:end] == claim.text


def own_words(claim, article: Article) -> str:
    """The claim in the article's words: the quote, what it counts where the text says it within a few
    words ("thousands of people", "376 of its soldiers"), and its verb where it is next to them ("had
    died", "forced …"). A corrected value or counted noun is said as corrected."""
    fields = getattr(claim, "fields", None) or {}
    counted = str(fields.get("counted") or "")
    predicate = str(fields.get("predicate") or "")
    text = article.text
    start, end = getattr(claim, "start", -1), getattr(claim, "end", -1)
    if not _in_place(claim, text):
        return claim_phrase(claim.text, counted, predicate)
    if counted and not _says(claim.text, counted):
        noun_end = _find_after(text, end, counted)
        if noun_end is None:  # the text does not say it here ("178 wounded"): name it, and the verb if near
            near = _find_after(text, end, predicate) or _find_before(text, start, predicate) if predicate else None
            return claim_phrase(claim.text, counted, predicate if near is not None else "")
        end = noun_end
    if predicate and predicate.lower() not in text[start:end].lower():
        verb_end = _find_after(text, end, predicate)
        verb_start = _find_before(text, start, predicate) if verb_end is None else None
        if verb_end is not None:
            end = verb_end
        elif verb_start is not None:
            start = verb_start
    return " ".join(text[start:end].split())


def change_words(claim, article: Article) -> str | None:
    """A change in the article's words, from its verb to the quantity ("fell 6.5% to 164p"), after what
    changed where the words do not say it ("Vectura Group shares fell …"); None when the verb is not just
    before the quantity."""
    fields = getattr(claim, "fields", None) or {}
    predicate, counted = str(fields.get("predicate") or ""), str(fields.get("counted") or "")
    if fields.get("change") not in VERBS or not predicate or not _in_place(claim, article.text):
        return None
    verb = _find_before(article.text, claim.start, predicate)
    if verb is None:
        return None
    words = " ".join(article.text[verb:claim.end].split())
    return f"{counted} {words}" if counted and counted.lower() not in words.lower() else words


def with_quantity(phrase: str, claim, fields: dict) -> str:
    """``phrase`` (the claim's words) with its quantity said by its unit's code, or as corrected, in place
    of the quote ("164p" → "164 GBX"), where a change started when the words leave it out ("(from
    212,577)"), the change itself where no word of the phrase says it ("(down)"), and the figure a share
    comes to after the whole ("around half of the region's 140,000 residents (≈ 70,000)"), the share and
    its whole in words where the words do not go on to it ("about 40% of 2,400 workers (≈ 960)")."""
    quote, unit = claim.text, str(fields.get("unit") or "")
    start = fields.get("from_value")
    changed = set(getattr(claim, "changed_fields", ()) or ())
    quoted_start = "from" in quote.lower().split()
    at = phrase.find(quote) if quote else -1
    after = at + len(quote)
    share = describe_share(fields)
    if share and at >= 0 and _OF.match(phrase, after):
        end = _whole_end(phrase, after, str(fields.get("counted") or ""))
        phrase = f"{phrase[:end]} ({share}){phrase[end:]}"
    elif share and at >= 0:  # "About 40% workers": the share said with its whole, what it counts after it
        counted = str(fields.get("counted") or "")
        told = re.match(r"\s+" + re.escape(counted) + r"\b", phrase[after:], re.I) if counted else None
        phrase = phrase[:at] + describe_value(fields, counted) + phrase[after + (told.end() if told else 0):]
    elif (unit or QUANTITY_FIELDS & changed) and at >= 0:
        said = describe_value(fields if quoted_start else {**fields, "from_value": None})
        phrase = phrase.replace(quote, said, 1) if said else phrase
    if start is not None and not quoted_start and format_number(start) not in phrase:
        phrase += f" (from {with_unit(format_number(start), unit, start)})"
    change = fields.get("change")
    words = {w.strip(".,;:()").lower() for w in phrase.split()}
    if change in VERBS and not words & CHANGE_WORDS and "from" not in words:
        phrase += f" ({change})"
    return phrase


def _whole_end(phrase: str, at: int, counted: str) -> int:
    """Where the whole a share is of ends in ``phrase``, whose words from ``at`` go on to it ("… of the
    region's 140,000 residents| fled"): after what is counted where the words say it near, else after the
    whole's figure, else at ``at``."""
    noun_end = _find_after(phrase, at, counted) if counted else None
    if noun_end is not None:
        return noun_end
    figure = _FIGURE.search(phrase, at)
    return figure.end() if figure and len(phrase[at:figure.start()].split()) <= NEAR_WORDS else at


def citation(claim, article: Article) -> str:
    """The citation line of a claim (a ReviewClaim, or anything with text and the claim fields)."""
    fields = getattr(claim, "fields", None) or claim_fields(claim)
    source = fields.get("source", "")
    date = fields.get("date", "") or article.date
    phrase = change_words(claim, article) or own_words(claim, article)
    parts = [with_quantity(phrase, claim, fields)]
    if source:
        parts.append(f"according to {source}")
    where = ", ".join(p for p in (article.source or article.title, date, article.url) if p)
    if where:
        parts.append(where)
    return clean_line(" — ".join(parts))


# -- a claim in words without its article (the exports' description of a claim) ---------------------

def change_phrase(fields: dict, counted: str, predicate: str, level: bool) -> str:
    """A change in words: what changed, the verb, the value with its unit ("Vectura shares fell 6.5%";
    ``level``: the value is the level reached, "… fell to 164 GBX")."""
    value = describe_value(fields)
    to = "to " if level and fields.get("from_value") is None else ""
    return " ".join(p for p in (counted, predicate or VERBS[fields["change"]], to + value) if p)


def is_level(text: str, start: int) -> bool:
    """Does ``text`` give the quantity at ``start`` as the level a change reached ("fell 6.5% to 164p")?"""
    return 0 < start <= len(text) and bool(_LEVEL.search(text[max(0, start - 8):start]))


def claim_words(quote: str, fields: dict, *, level: bool = False, corrected: bool = False) -> str:
    """A claim in words from its fields: a change as :func:`change_phrase` says it; else the quantity (by its
    unit's code where it has one, "164 GBX", "20 km"; a share with its whole and what it counts, "about half
    of 140,000 residents (≈ 70,000)"; as ``quote`` writes it otherwise, unless ``corrected``), what is
    counted and the predicate."""
    counted, predicate = str(fields.get("counted") or ""), str(fields.get("predicate") or "")
    if fields.get("change") in VERBS:
        return change_phrase(fields, counted, predicate, level)
    share = is_share(fields)
    quantity = describe_value(fields, counted if share else "") if corrected or fields.get("unit") or share \
        or not quote else quote
    return claim_phrase(quantity, counted, predicate)
