"""What a count counts when its noun stands elsewhere in the sentence (annotations/extraction/antecedents.py and
counted_of): the subject a verb of reaching or change gives a level, "the number of X", a partitive's whole
or antecedent, a stand-in for an earlier count, a hyphenated extent, "a population of N", a figure others
expected, a figure "sold" in a "with" clause, and a time the parse hung the figure on. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from extraction_helpers import counted


@pytest.mark.parametrize("sentence, expected", [
    # the subject of a verb of reaching or of change, ahead of an earlier count of the sentence
    ("Farm exports hit a record 52,000 containers in May, but reservations dipped to 3,100.",
     {"52,000": "containers", "3,100": "reservations"}),
    ("Car output rose to an annual rate of 880,000 vehicles, while orders for new trucks dropped to 51,000.",
     {"880,000": "vehicles", "51,000": "orders"}),
    ("Bookings for the ferry crossed 80,000 by Friday.", {"80,000": "Bookings"}),
    ("Tourist arrivals in Goa crossed 9 lakh in December.", {"9 lakh": "Tourist arrivals"}),
    ("In Lagos, with the pollution index touching 310, schools were closed.", {"310": "pollution index"}),
    # a figure the parse hung on a time after it
    ("Enrolments at the college reached 3,200 this autumn.", {"3,200": "Enrolments"}),
    # "the number of X": X, for the change and for the level, with a verb or without
    ("Jobless claims rose, with the number of families on waiting lists up 4,000 to 98,000.",
     {"4,000": "families", "98,000": "families"}),
    ("The coastguard put the number of migrants rescued at about 450.", {"about 450": "migrants"}),
])
def test_the_subject_whose_level_a_count_states(nlp, sentence, expected):
    found = counted(nlp, sentence)
    assert {text: found.get(text) for text in expected} == expected


@pytest.mark.parametrize("sentence, expected", [
    # "N of the M": what the M counted
    ("Prices rose in 40 regions in April, with just 6 of the 40 reporting declines.", {"6": "regions"}),
    # a pronoun: its plural antecedent, never an unrelated noun of the sentence
    ("If the county moved a fifth of its $90 million road budget into trains, it could buy 30 more of them.",
     {"30": "trains"}),
    ("Officials recorded 48 new infections, 30 of them in care homes.", {"30": "infections"}),
    # a stand-in restates the earlier count nearest in size
    ("The charity said 700 people slept in 12 halls, though the council put the figure at nearly 1,100.",
     {"nearly 1,100": "people"}),
    ("Members of the cooperative rose by 300 in May, taking the total past 5,000.", {"past 5,000": "Members"}),
    # a figure others expected counts what the sentence's count counted, or the change it names
    ("Firms created 150,000 jobs in March, more than the 120,000 analysts had predicted.",
     {"120,000": "jobs"}),
    ("Retail jobs fell by 8,000 in June, far short of the 20,000 rise forecasters had pencilled in.",
     {"20,000": "rise"}),
    ("Employers added 90,000 posts, beating forecasts of 70,000.", {"70,000": "posts"}),
])
def test_what_a_count_restates(nlp, sentence, expected):
    found = counted(nlp, sentence)
    assert {text: found.get(text) for text in expected} == expected


@pytest.mark.parametrize("sentence, text, what", [
    # a hyphenated extent counts the members of what it describes, never "strong"
    ("Join our 50k-strong network of volunteers today.", "50k-strong", "volunteers"),
    # "a population of N": the noun N is of, never a noun of another clause
    ("The ward has 9 nurses for a population of 12 lakh.", "12 lakh", "population"),
    # "…, with N sold": the clause's plural subject
    ("Hybrid cars took 18pc of the market in May, with 21,400 sold.", "21,400", "cars"),
    # a noun after a participle the parse hung the figure on
    ("The storm pushed the season's tally to 14 named hurricanes.", "14", "hurricanes"),
])
def test_what_a_count_names_next_to_it(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what


@pytest.mark.parametrize("sentence, text, what", [
    # a participle describing the noun, or a passive, is no verb of expecting
    ("The agency said the three launches planned for next spring would carry 20 probes.", "three", "launches"),
    ("Some 2,000 athletes from 45 countries are expected at the games.", "45", "countries"),
    # "in excess of the N": a count named before, not "excess"
    ("Campaigners gathered 80,000 signatures, well in excess of the 50,000 required.", "50,000", "signatures"),
])
def test_what_is_not_read_as_the_counted_noun(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what


@pytest.mark.parametrize("sentence, text, what", [
    # a hyphenated word is never cut in two ("year deal", "quarter revenue")
    ("The striker signed a three-year deal worth $40m.", "$40m", "deal"),
    ("The grocer reported second-half sales of £2.1bn.", "£2.1bn", "sales"),
    # a change after a comma that follows a figure changes that figure's noun, not the subject of the clause
    ("The council approved a budget of $12.4 million on Monday, up 4.1% from last year.", "4.1%", "budget"),
    # a multiple after a comma restates the figure before it: what that measures, not what it is compared with
    ("Ticket revenue reached $9.6 million, nearly double the amount in 2019.", "nearly double", "Ticket revenue"),
    ("Nitrate in the river hit 48mg a litre, four times the legal limit.", "four", "Nitrate"),
    # a participle of change after a comma moves the object of the verb it follows
    ("The treasury projects a deficit of 4.2pc of GDP this year, narrowing to 3.5pc next year.", "3.5pc",
     "deficit"),
    # a verb left out: the noun conjoined to its object is what the figure measures
    ("Bread costs 90p a loaf and a gallon of milk about $4.", "about $4", "milk"),
    # a number is never what is measured, nor the figure's own "of"
    ("Three of the seven members voted for a cut of 50 basis points.", "50 basis points", ""),
    ("Households paid an average of £1,320 for energy in the winter.", "an average of £1,320", ""),
    # a comparison a doer's verb takes as its object measures the doing, not the doer
    ("Shoppers spent 18 per cent more than in 2022.", "18 per cent", ""),
])
def test_what_a_measure_is_of(nlp, sentence, text, what):
    assert counted(nlp, sentence)[text] == what
