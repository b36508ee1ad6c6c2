"""Words of a claim reduced to comparable terms: "troops killed" and "soldiers died" share theirs.

A claim's counted thing and predicate are free text. To compare two claims, each word is lowercased,
stripped of a possessive and a plural ``s``, and mapped to a concept when it names one of the
quantities news reports track (deaths, wounded, troops, civilians, displaced people, …): both
"troops" and "soldiers" become ``@military``, "killed", "died" and "lives" become ``@death``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# Concepts of the quantities that news reports count, again and again, across outlets.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "death": ("kill", "killed", "killing", "die", "died", "dies", "dead", "death", "deaths", "life", "lives",
              "fatality", "fatalities", "toll", "perish", "perished", "casualty", "casualties"),
    "wound": ("wound", "wounded", "wounding", "injure", "injured", "injury", "injuries", "hurt"),
    "military": ("troop", "troops", "soldier", "soldiers", "serviceman", "servicemen", "military", "fighter",
                 "fighters", "personnel", "army", "combatant", "combatants"),
    "civilian": ("civilian", "civilians", "noncombatant", "noncombatants"),
    "people": ("people", "person", "persons", "individual", "individuals"),
    "displace": ("displace", "displaced", "forced", "flee", "fled", "refugee", "refugees", "evacuate",
                 "evacuated", "homeless"),
    "missing": ("missing", "disappeared"),
    "arrest": ("arrest", "arrested", "detain", "detained", "detainee", "detainees", "prisoner", "prisoners"),
    "official": ("official", "officials", "authority", "authorities", "government", "ministry", "officer",
                 "officers", "spokesman", "spokeswoman", "spokesperson"),
}
# Concepts that exclude each other: "civilians killed" and "civilians wounded" are different quantities.
EXCLUSIVE_GROUPS = (frozenset({"@death", "@wound", "@displace", "@missing", "@arrest"}),
                    frozenset({"@military", "@civilian", "@people"}))
# Concepts counted as running totals: a later report of the same total is an update, not a contradiction.
RUNNING_TOTALS = frozenset({"@death", "@wound", "@displace", "@missing", "@arrest"})

_CONCEPT_OF = {word: "@" + concept for concept, words in CONCEPTS.items() for word in words}
_WORD = re.compile(r"[^\W\d_](?:[\w\-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?\b")


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: the extraction has loaded spaCy by then)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """The lowercased words of ``text`` (no numbers, no punctuation; hyphenated words kept whole)."""
    return _WORD.findall(_POSSESSIVE.sub("", text.lower()))


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words
def stem(word: str) -> str:
    """A crude singular: "cease-fires" → "cease-fire", "kilometres" → "kilometre"; demonyms to places:
    "azerbaijani" → "azerbaijan", "armenian" → "armenia"."""
    if word.endswith("ani") and len(word) > 6:
        return word[:-1]
    if word.endswith("ian") and len(word) > 5:
        return word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def term(word: str) -> str:
    """A word as a comparable term: its concept (``@death``) or its stem."""
    return _CONCEPT_OF.get(word) or stem(word)


@lru_cache(maxsize=1 << 16)  # what is counted, predicates and sources repeat across a corpus
def terms(text: str, *, keep_stop_words: bool = False) -> frozenset[str]:
    """The terms of a phrase (stop words dropped unless they name a concept)."""
    stop = frozenset() if keep_stop_words else stop_words()
    return frozenset(term(w) for w in words(text) if w in _CONCEPT_OF or w not in stop)


def is_concept(term: str) -> bool:
    return term.startswith("@")


def conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name a concept of one exclusive group, and not the same one (killed vs wounded)."""
    return any((a & group) and (b & group) and not (a & b & group) for group in EXCLUSIVE_GROUPS)


def concept_terms(text: str) -> frozenset[str]:
    """Only the concepts a phrase names ("350 military deaths" → {@military, @death})."""
    return frozenset(_CONCEPT_OF[w] for w in words(text) if w in _CONCEPT_OF)


@lru_cache(maxsize=4096)  # claims in one sentence share it
def sentence_key(sentence: str) -> str:
    """A sentence reduced for fuzzy comparison: its terms' words, numbers and stop words removed."""
    stop = stop_words()
    return " ".join(stem(w) for w in words(sentence) if w not in stop)
