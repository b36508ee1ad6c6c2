"""The word tables of extraction, in one place: numbers, scales, fractions, vague quantities, qualifiers,
months and weekdays, periods and times, the words of change, reporting verbs and casualty predicates.

Pure data. :mod:`claimdesk.annotations.numbers` reads values with them; the claim finder reads roles.
"""

from __future__ import annotations

EXACT, APPROX, AT_LEAST, AT_MOST, RANGE = "exact", "approx", "at_least", "at_most", "range"
UP, DOWN = "up", "down"

# -- numbers --------------------------------------------------------------------------------------
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "lakh": 10**5,
          "crore": 10**7}
# Abbreviated scales glued to or following a number: "$48M", "3.1bn", "$3mln", "£2.7m", "$2.174T".
SCALE_ABBREV = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "mm": 10**6, "b": 10**9, "bn": 10**9,
                "bln": 10**9, "t": 10**12, "tn": 10**12, "trn": 10**12, "tln": 10**12}
FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3,
             "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "sixths": 1 / 6, "eighth": 0.125, "eighths": 0.125,
             "tenth": 0.1, "tenths": 0.1}
NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {"hundred", "dozen"}
# Nouns of a count, a number only after "a"/"one" and before "of" and a plural: "a gross of pencils" (144, not
# "a gross margin", "a gross of $40 million"). "a baker's dozen" is 13.
COUNTING_NOUNS = {"gross": 144}
BAKERS_DOZEN = 13
# Multiples, the multiplier as the figure: "more than doubled" (2), "nearly triple the amount" (3),
# "twice the price", "a tenfold gain" (10), "halved" (0.5). Words in "-fold" are read off their number word.
MULTIPLES = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2, "triple": 3, "tripled": 3, "triples": 3,
    "tripling": 3, "treble": 3, "trebled": 3, "trebles": 3, "trebling": 3, "thrice": 3, "quadruple": 4,
    "quadrupled": 4, "quadruples": 4, "quadrupling": 4, "quintuple": 5, "quintupled": 5, "halve": 0.5,
    "halved": 0.5, "halves": 0.5, "halving": 0.5,
}
FOLD_NUMBERS = {**{w: n for w, n in UNITS.items() if n >= 2}, **TENS, "hundred": 100, "thousand": 1000}
MULTIPLES.update({word + "fold": n for word, n in FOLD_NUMBERS.items()})
UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

# Vague quantities: the word, and the range of values it covers (one order of magnitude).
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "billions": (2_000_000_000, 9_999_999_999),
}
VAGUE_WORDS = {k for k in VAGUE if " " not in k}
NEEDS_OF = {"scores", "tens", "millions", "billions"}  # vague only as "scores of", "millions of"
HEDGES = {"possibly", "perhaps", "maybe", "probably", "even", "likely", "potentially"}

# -- qualifiers -----------------------------------------------------------------------------------
QUALIFIERS = {
    # approximate
    "some": APPROX, "about": APPROX, "around": APPROX, "roughly": APPROX, "approximately": APPROX,
    "an estimated": APPROX, "estimated": APPROX, "approx.": APPROX, "approx": APPROX, "circa": APPROX,
    "~": APPROX, "more or less": APPROX, "an approximate": APPROX, "round about": APPROX, "nearly about": APPROX,
    "somewhere around": APPROX, "an average of": EXACT, "on average": EXACT, "closer to": APPROX,
    "nearer to": APPROX, "nearer": APPROX,
    # lower bounds
    "at least": AT_LEAST, "more than": AT_LEAST, "over": AT_LEAST, "above": AT_LEAST,
    "in excess of": AT_LEAST, "upwards of": AT_LEAST, "upward of": AT_LEAST, "exceeding": AT_LEAST,
    "no fewer than": AT_LEAST, "no less than": AT_LEAST, "not less than": AT_LEAST, "well over": AT_LEAST,
    "just over": AT_LEAST, "a minimum of": AT_LEAST, "greater than": AT_LEAST, "topping": AT_LEAST,
    "well above": AT_LEAST, "north of": AT_LEAST, "at a minimum": AT_LEAST, "past": AT_LEAST,
    # upper bounds
    "nearly": AT_MOST, "almost": AT_MOST, "up to": AT_MOST, "nearing": AT_MOST, "approaching": AT_MOST,
    "fewer than": AT_MOST, "less than": AT_MOST, "under": AT_MOST, "below": AT_MOST, "just under": AT_MOST,
    "close to": AT_MOST, "as many as": AT_MOST, "as much as": AT_MOST, "at most": AT_MOST,
    "no more than": AT_MOST, "not more than": AT_MOST, "a maximum of": AT_MOST, "within": AT_MOST,
    "just shy of": AT_MOST, "well below": AT_MOST, "well under": AT_MOST, "sub": AT_MOST, "sub-": AT_MOST,
    "as high as": AT_MOST, "as low as": AT_LEAST, "shy of": AT_MOST, "as far as": AT_MOST, "as long as": AT_MOST,
    "longer than": AT_LEAST, "shorter than": AT_MOST,
    "little more than": AT_LEAST, "a little more than": AT_LEAST, "little less than": AT_MOST,
    "a little less than": AT_MOST,
    # exact
    "exactly": EXACT, "precisely": EXACT, "just": EXACT,
}
# Qualifiers after the number: "100 or more", "a dozen or so", "500-plus".
POST_QUALIFIERS = {"or more": AT_LEAST, "or so": APPROX, "or fewer": AT_MOST, "or less": AT_MOST,
                   "plus": AT_LEAST, "or above": AT_LEAST, "or higher": AT_LEAST, "+": AT_LEAST}
# Verbs whose object is a bound: "topped 10 million", "exceeded 200 km/h".
BOUND_VERBS = {"top": AT_LEAST, "exceed": AT_LEAST, "surpass": AT_LEAST, "pass": AT_LEAST, "cross": AT_LEAST,
               "breach": AT_LEAST, "near": AT_MOST,
               "approach": AT_MOST}

# -- dates, times, periods ------------------------------------------------------------------------
MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTHS = set(MONTH_NUMBERS)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
TIME_MARKERS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "o'clock", "bst", "cet", "est", "edt",
                "pst", "hrs", "local", "et", "pt", "cst"}
# Nouns that make a number a date or a period rather than a claim ("two weeks", "three decades").
PERIOD_NOUNS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
                "century", "centuries", "weekend", "weekends", "night", "nights", "yr", "yrs", "millennium",
                "fortnight", "fortnights", "quarter", "quarters", "season", "seasons", "semester", "term", "terms"}
# Hyphenated adjectives of time are not claims: "a 72-hour truce", "an 18-year-old" (those of a count are:
# "the 120-seat chamber", "a 27-member bloc", "six-game road trips").
HYPHEN_PERIODS = {"hour", "hours", "minute", "minutes", "second", "seconds", "old", "time", "times", "day",
                  "week", "month", "year", "decade", "century", "night", "session"}
YEAR_WORDS = {"in", "since", "by", "until", "till", "before", "after", "from", "of", "between", "during",
              "through", "circa", "c.", "early", "late", "mid", "fiscal", "fy", "the", "its", "their", "his", "her",
              "our", "this", "that", "last", "next", "spring", "summer", "autumn", "winter", "fall", "copyright",
              "and", "to", "or", "year", "season", "election", "census", "around"}
# Words before a number that make it a label, not a quantity: "Flight 302", "Row 9", "ZIP 10027".
LABEL_WORDS = {"no.", "no", "number", "#", "nos.", "vol.", "p.", "pp.", "page", "pages", "chapter", "section",
               "article", "paragraph", "route", "highway", "flight", "resolution", "level", "phase", "category",
               "grade", "stage", "gate", "line", "version", "model", "room", "platform", "rule", "item", "step",
               "round", "game", "week", "day", "term", "unit", "type", "class", "size", "covid", "sars", "row",
               "seat", "zip", "postcode", "code", "exit", "junction", "pier", "berth", "terminal", "suite",
               "apartment", "apt", "floor", "channel", "episode", "season", "volume", "interstate", "bill",
               "amendment", "clause", "verse", "hole", "track", "fig.", "tier", "ward", "precinct", "matchday",
               "jersey", "shirt", "nr", "ref", "id", "pin", "serial", "ios", "android", "windows", "iphone",
               "galaxy", "pixel", "xbox", "playstation", "ps", "band"}
STREET_WORDS = {"road", "rd", "street", "st", "st.", "avenue", "ave", "ave.", "boulevard", "blvd", "lane", "ln",
                "drive", "dr", "way", "place", "pl", "square", "sq", "court", "ct", "highway", "parkway", "terrace",
                "crescent", "close", "row", "hill", "park"}
SCORE_WORDS = {"win", "won", "wins", "beat", "beats", "lost", "lose", "loss", "defeat", "defeated", "draw",
               "drew", "victory", "score", "scored", "scoreline", "lead", "led", "trail", "trailed", "edged",
               "thrashed", "routed", "result", "final", "losing", "winning", "set", "sets", "tiebreak",
               "tie-break", "tiebreaker"}
CALIBRE_NOUNS = {"artillery", "shell", "shells", "round", "rounds", "howitzer", "howitzers", "gun", "guns",
                 "mortar", "mortars", "cannon", "ammunition", "rifle", "rifles", "calibre", "caliber", "film",
                 "camera", "lens"}

# -- change ---------------------------------------------------------------------------------------
# Verbs (every form, so no lemmatizer is needed) and nouns that state a figure as a change.
_UP_VERBS = ("rise rose risen rising rises|climb climbed climbing climbs|jump jumped jumping jumps|"
             "soar soared soaring soars|surge surged surging surges|gain gained gaining gains|"
             "grow grew grown growing grows|increase increased increasing increases|add added adding adds|"
             "rally rallied rallying rallies|rebound rebounded rebounding "
             "rebounds|widen widened widening widens|double doubled doubling doubles|triple tripled tripling "
             "triples|raise raised raising raises|lift lifted lifting lifts|boost boosted boosting boosts|"
             "expand expanded expanding expands|hike hiked hiking hikes|accelerate accelerated accelerating|"
             "spike spiked spiking spikes|rocket rocketed rocketing rockets|quadruple quadrupled quadrupling quadruples|"
             "treble trebled trebling trebles|quintuple quintupled|leap leapt leaped leaping leaps|"
             "swell swelled swollen swelling|firm firmed firming|strengthen strengthened strengthening|"
             "up upped|balloon ballooned|skyrocket skyrocketed|mount mounted mounting|edge edged edging edges|"
             "ascend ascended ascending ascends")
_DOWN_VERBS = ("fall fell fallen falling falls|drop dropped dropping drops|slip slipped slipping slips|"
               "slide slid sliding slides|sink sank sunk sinking sinks|decline declined declining declines|"
               "decrease decreased decreasing decreases|lose lost losing loses|shed shedding sheds|"
               "cut cutting cuts|reduce reduced reducing reduces|shrink shrank shrunk shrinking shrinks|"
               "narrow narrowed narrowing narrows|ease eased easing eases|dip dipped dipping dips|"
               "plunge plunged plunging plunges|tumble tumbled tumbling tumbles|slump slumped slumping slumps|"
               "sag sagged sagging|lower lowered lowering lowers|slow slowed slowing slows|retreat retreated "
               "retreating|contract contracted contracting|weaken weakened weakening weakens|"
               "plummet plummeted plummeting plummets|slash slashed slashing slashes|trim trimmed trimming trims|"
               "crash crashed crashing|dive dived dove diving|sank|halve halved halving|"
               "erode eroded eroding erodes|wipe wiped wipes|knock knocked knocks|down downed|cool cooled cooling cools|"
               "curb curbed curbing curbs|curtail curtailed curtailing curtails|scrap scrapped scrapping scraps|"
               "descend descended descending descends|dwindle dwindled dwindling dwindles|"
               "recede receded receding recedes")
UP_VERBS = {w for group in _UP_VERBS.split("|") for w in group.split()} | {"wiping"} - {"wiping"}
DOWN_VERBS = {w for group in _DOWN_VERBS.split("|") for w in group.split()} | {"wiping", "knocking"}
# Nouns and adverbs of change: "a 4 percent drop", "an increase of 5%", "down 3.4%".
UP_NOUNS = {"increase", "rise", "gain", "jump", "hike", "surge", "uptick", "upswing", "advance", "rally",
            "increment", "boost", "climb", "spike", "higher", "up", "plus", "+"}
DOWN_NOUNS = {"decrease", "fall", "drop", "decline", "cut", "reduction", "slump", "downturn", "contraction", "dip",
              "fall-off", "slide", "plunge", "lower", "down", "minus", "loss-making"} - {"loss-making"}
# and their plurals ("output cuts of 2.2 million bpd", "price increases of up to 8%"; a count before one counts
# changes: "two rate cuts")
CHANGE_PLURALS = {n[:-1] + "ies" if n.endswith("y") else n + "s" for n in UP_NOUNS | DOWN_NOUNS
                  if n.isalpha() and n not in ("higher", "up", "plus", "lower", "down", "minus")}
UP_NOUNS |= {n for n in CHANGE_PLURALS if n[:-1] in UP_NOUNS or n[:-3] + "y" in UP_NOUNS}
DOWN_NOUNS |= CHANGE_PLURALS - UP_NOUNS
UP_WORDS = UP_VERBS | UP_NOUNS
DOWN_WORDS = DOWN_VERBS | DOWN_NOUNS
# Verbs that take the money they collect as an object without a change of a figure ("raised $45 million").
OBJECT_NOT_CHANGE = {"raise", "raised", "raising", "raises", "lift", "lifted"}
# Verbs of moving that take their direction from a particle: "ticked up to 4.1%", "edged down to 3.9%" ("up to"
# after them is no bound).
_MOVE_VERBS = ("tick ticked ticking ticks|edge edged edging edges|creep crept creeping creeps|"
               "inch inched inching inches|move moved moving moves|drift drifted drifting drifts|"
               "nudge nudged nudging nudges|go went gone going goes|trend trended trending trends|"
               "revise revised revising revises|step stepped stepping steps|ratchet ratcheted ratcheting ratchets|"
               "bump bumped bumping bumps")
# Verbs of a market's session, whose particle is the day's move: "closed down 0.4%", "settled up $85".
_SESSION_VERBS = ("settle settled settling settles|close closed closing closes|end ended ending ends|"
                  "finish finished finishing finishes|open opened opening opens|trade traded trading trades")
MOVE_VERBS = {w for group in _MOVE_VERBS.split("|") for w in group.split()}
SESSION_VERBS = {w for group in _SESSION_VERBS.split("|") for w in group.split()}
# Verbs that take a total to a new level: "bringing the season's total to 19", "taking the tally past 1.5 million".
TOTAL_VERBS = {"bring", "brings", "brought", "bringing", "take", "takes", "took", "taken", "taking", "push", "pushes",
               "pushed", "pushing", "lift", "lifts", "lifted", "lifting", "send", "sends", "sent", "sending"}
TOTAL_NOUNS = {"total", "tally", "toll", "count", "cumulative", "overall", "number"}
# "tighten" lowers a supply ("tighten supply by 500,000 bpd") and raises a policy rate ("tightened policy by 75
# basis points"): its object says which.
TIGHTEN_VERBS = {"tighten", "tightens", "tightened", "tightening"}
TIGHTENED = {"supply": DOWN, "supplies": DOWN, "output": DOWN, "production": DOWN, "market": DOWN,
             "policy": UP, "rate": UP, "rates": UP}
# Verbs that lengthen a run or a lead to a new level: "extend their unbeaten run to 17 matches".
EXTEND_VERBS = {"extend", "extends", "extended", "extending", "stretch", "stretches", "stretched", "stretching",
                "lengthen", "lengthens", "lengthened", "lengthening"}
# After a number, these state a comparison as a change: "40 per cent below", "1.5 metres higher".
AFTER_CHANGE = {"higher": UP, "lower": DOWN, "more": UP, "less": DOWN, "fewer": DOWN, "above": UP,
                "below": DOWN, "up": UP, "down": DOWN, "bigger": UP, "smaller": DOWN, "larger": UP,
                "cheaper": DOWN, "dearer": UP, "warmer": UP, "colder": DOWN, "faster": UP, "slower": DOWN}
BEFORE_CHANGE = {"up": UP, "down": DOWN, "higher": UP, "lower": DOWN, "plus": UP, "minus": DOWN}
# Words after a figure that compare it with something: "8% above the average", "40 per cent faster than" (a
# change only over time: :mod:`.changes`).
COMPARATIVES = {w for w in AFTER_CHANGE if w not in ("up", "down")} | {"taller", "shorter", "longer", "heavier",
                                                                       "lighter", "wider", "narrower", "deeper"}

# -- roles ----------------------------------------------------------------------------------------
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
# Verbs whose subject is what a measure is of: "The laptop weighs 1.2kg", "Gusts reached 145 km/h".
MEASURE_VERBS = CHANGE_VERBS | {"weigh", "measure", "cost", "hold", "stretch", "span", "cover", "average", "produce",
                                "deliver", "store", "draw", "run", "last", "travel", "reach", "hit", "fetch", "trade",
                                "close", "open", "end", "finish", "value", "account", "make", "earn", "post"}
# "the two sides", "the two countries": the parties a story is about — named again, once the story has named
# them, a reference, not a count ("the five launches", "the 11 people rescued" are counts).
PARTICIPANT_NOUNS = {"side", "sides", "country", "countries", "nation", "nations", "army", "armies", "leader",
                     "leaders", "party", "parties", "men", "women", "man", "woman", "team", "teams", "company",
                     "companies", "government", "governments", "president", "presidents", "minister", "ministers",
                     "camps", "rivals", "neighbours", "neighbors", "states", "sisters", "brothers", "boys", "girls",
                     "candidates", "firms", "banks", "allies", "powers", "clubs", "players", "brands"}
TOLL_NOUNS = {"toll", "number", "tally", "total", "count", "figure"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "this", "that", "my",
               "your"}
# Words after a figure that make it a multiple, never what a count counts: "3.5 times", "2 1/2 times".
MULTIPLIERS = {"times", "fold", "x"}
# Verbs that state the level a figure is at, whose subject is what is measured ("Core inflation held at
# 3.8%", "Sales came in at Rs 1,240 crore", "fees ranging from 1% to 2%", "orders peaking at C$4 billion").
LEVEL_VERBS = {"stand", "settle", "total", "amount", "peak", "range", "come", "sit", "hover", "remain", "stay",
               "hold", "top", "exceed", "reach", "average", "start"}
# Nouns that count a plural in the singular form ("the 500 staff", "the 40 aircraft"): a number before them is
# a count, never a model or line named by its number ("the 220 jet").
COLLECTIVE_NOUNS = {"staff", "personnel", "crew", "police", "cattle", "livestock", "poultry", "people", "infantry",
                    "faculty", "clergy", "militia", "sheep", "deer", "fish", "aircraft", "spacecraft", "offspring",
                    "salmon", "swine", "bison", "moose", "elk"}
