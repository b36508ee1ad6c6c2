"""Claim finding on parsed sentences: values, qualifiers, counted, attribution, dates, and not-claims."""

from __future__ import annotations

import pytest

from claimdesk.annotations.extract import find_claims, quote_id
from claimdesk.annotations.nlp import BLANK, load_model


def claims_of(nlp, text, date="2021-03-10"):
    doc = nlp(text)
    found = find_claims(doc, "art", date)
    for c in found:
        assert text[c.start:c.end] == c.text
    return found


def one(nlp, text, date="2021-03-10"):
    found = claims_of(nlp, text, date)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize("sentence, text, value, approx, unit, counted", [
    ("At least 12 people were killed when the bus crashed.", "At least 12", 12, "at_least", "", "people"),
    ("The fighting has claimed some 400 lives.", "some 400", 400, "approx", "", "lives"),
    ("Nineteen miners remain trapped underground.", "Nineteen", 19, "exact", "", "miners"),
    ("Twenty-five soldiers were wounded in the attack.", "Twenty-five", 25, "exact", "", "soldiers"),
    ("Dozens of civilians have been confirmed killed.", "Dozens", [24, 99], "range", "", "civilians"),
    ("The floods forced thousands of people from their homes.", "thousands", [2000, 9999], "range", "", "people"),
    ("Between 10 and 20 protesters were detained.", "Between 10 and 20", [10, 20], "range", "", "protesters"),
    ("The company reported a net loss of $3.1 billion.", "$3.1 billion", 3_100_000_000, "exact", "USD", "net loss"),
    ("Turnout reached 67.4% this year.", "67.4%", 67.4, "exact", "percent", "Turnout"),
    ("The party won 52 per cent of the vote.", "52 per cent", 52, "exact", "percent", "vote"),
    ("The storm destroyed more than 2,000 homes.", "more than 2,000", 2000, "at_least", "", "homes"),
    ("Nearly 1.2 million voters cast ballots early.", "Nearly 1.2 million", 1_200_000, "at_most", "", "voters"),
    ("The army dropped a 2,000-pound bomb on the compound.", "2,000-pound", 2000, "exact", "lb", "bomb"),
    ("The bank cut its rate by a quarter-point on Monday.", "a quarter-point", 0.25, "exact", "percentage point",
     "rate"),
    ("The war displaced around half of the region's 140,000 residents.", "around half", 0.5, "approx", "",
     "residents"),
    ("Troops advanced to within 5 kilometres of the town.", "within 5 kilometres", 5, "at_most", "km", ""),
])
def test_values_qualifiers_units_counted(nlp, sentence, text, value, approx, unit, counted):
    c = [c for c in claims_of(nlp, sentence) if c.text == text]
    assert c, [x.text for x in claims_of(nlp, sentence)]
    c = c[0]
    assert (c.value, c.approx, c.unit, c.counted) == (pytest.approx(value), approx, unit, counted)


def test_coordinated_numbers_share_what_they_count(nlp):
    found = claims_of(nlp, "Officials say the shelling has killed 90 civilians and wounded 392.")
    assert [(c.value, c.counted, c.predicate) for c in found] == [(90, "civilians", "killed"), (392, "civilians", "wounded")]
    found = claims_of(nlp, "Since Monday 31 civilians have been killed and 178 wounded by artillery fire.")
    assert [c.counted for c in found] == ["civilians", "civilians"]


def test_partitive_and_copular_counts(nlp):
    found = claims_of(nlp, "The hospital treated 17 patients, four of whom were in critical condition.")
    assert [(c.value, c.counted) for c in found] == [(17, "patients"), (4, "patients")]
    assert one(nlp, "In the 1980s, the population was 3 million.").counted == "population"


def test_a_toll_counts_deaths(nlp):
    c = one(nlp, "The president said the death toll from the fighting was nearing 5,000.")
    assert (c.value, c.approx, c.counted) == (5000, "at_most", "deaths")


def test_bare_casualty_counts_people(nlp):
    c = one(nlp, "The offensive left hundreds — perhaps thousands — dead.")
    assert c.value == [200, 9999] and c.counted == "people" and c.text == "hundreds — perhaps thousands"


@pytest.mark.parametrize("sentence, source", [
    ("According to local officials, 39 civilians have been killed.", "local officials"),
    ("The health ministry said 41 people had died.", "The health ministry"),
    ("At least 41 people have died, the health ministry said.", "the health ministry"),
    ("Fewer than 100 residents returned, said Maria Lopez, a local official.", "Maria Lopez"),
    ("A police spokesman told AFP that 15 protesters were arrested.", "A police spokesman"),
    ("The agency estimated that some 3,500 families had been displaced.", "The agency"),
    ("Local authorities have not disclosed their losses, but say the fighting has killed 90 civilians.",
     "Local authorities"),
    ("The rebel side has acknowledged 350 military deaths.", "The rebel side"),
])
def test_attribution(nlp, sentence, source):
    assert one(nlp, sentence).source == source


def test_no_source_for_a_plain_statement(nlp):
    assert one(nlp, "The fighting has claimed some 400 lives.").source == ""


def test_pronoun_and_definite_sources_resolve_to_a_name(nlp):
    found = claims_of(nlp, "Ms. Maria Lopez visited the camp on Monday. She said 300 families were living in tents.")
    assert found[0].source == "Maria Lopez"
    found = claims_of(nlp, "The United Nations Refugee Agency issued a report on Monday. "
                           "The agency estimated that 3,500 families had been displaced.")
    assert "Refugee Agency" in found[0].source


@pytest.mark.parametrize("sentence", [
    "The fighting began on Sept. 27 and continued.",
    "The tweet was posted on October 8, 2020 by a reporter.",
    "Talks start at 12:00 p.m. GMT on Friday.",
    "A 1994 ceasefire left the status of the region in limbo.",
    "The war there ended in 1994.",
    "Copyright 2020 The Associated Press.",
    "A war in the early 1990s ended in a truce.",
    "The 19th century cathedral was hit.",
    "She bought her 1st lottery ticket.",
    "They held their first talks.",
    "The ministry reported downing Su-25 warplanes.",
    "B-52 bombers flew over the region.",
    "Covid-19 Live Updates: the latest news.",
    "An 18-year-old woman won the jackpot.",
    "Flight 302 crashed after take-off.",
    "The talks came after almost two weeks of fierce fighting.",
    "The conflict has simmered for three decades.",
    "Can't they stop the war, at least for a day or two?",
    "It is the largest escalation in the quarter-century since the war ended.",
    "Several journalists were injured.",
    "No one was hurt, and one of the soldiers later returned.",
    "The plane, a Boeing 747-400, landed safely.",
    "The home side won 3-2 after a goal at half-time.",
    "Mr. Smith, 45, resigned on Monday.",
])
def test_not_claims(nlp, sentence):
    assert claims_of(nlp, sentence) == []


def test_model_numbers_beside_a_real_count(nlp):
    found = claims_of(nlp, "The ministry reported downing two Su-25 warplanes.")
    assert [(c.text, c.value, c.counted.split()[-1]) for c in found] == [("two", 2, "warplanes")]


def test_date_is_the_articles_unless_the_sentence_names_a_day(nlp):
    assert one(nlp, "The fighting has claimed some 400 lives.", "2020-10-09").date == "2020-10-09"
    c = one(nlp, "The commission estimated that as of Thursday 58 civilians had been killed.", "2020-10-09")
    assert c.date == "2020-10-08"  # 2020-10-09 is a Friday
    assert one(nlp, "The fighting has claimed some 400 lives.", "").date == ""


def test_sentence_and_offsets(nlp):
    text = "First paragraph here.\n\nOfficials said 12 people died. Another sentence follows."
    c = one(nlp, text)
    assert c.sentence == "Officials said 12 people died."
    assert text[c.start:c.end] == "12"


def test_ids_are_stable_and_local():
    text = "x" * 100 + " killed 12 people " + "y" * 100
    start = text.index("12")
    a = quote_id("art", text, start, start + 2)
    edited = "z" * 50 + text  # an edit far before the quote moves it but keeps its context
    assert quote_id("art", edited, start + 50, start + 52) == a
    assert quote_id("other", text, start, start + 2) != a
    assert quote_id("art", text, start, start + 2, kind="entity") != a


def test_ids_survive_reextraction(nlp):
    text = "After the storm passed on Monday, officials said 12 people died and 30 were hurt."
    first = [c.id for c in claims_of(nlp, text)]
    second = [c.id for c in claims_of(nlp, "A new lead paragraph.\n\n" + text)]
    assert first == second and len(set(first)) == 2


def test_blank_pipeline_finds_claims_by_rules_only():
    nlp = load_model(BLANK)
    found = find_claims(nlp("At least 12 people were killed on Sept. 27 in 1994, and 376 of its soldiers died."), "a")
    assert [(c.text, c.value, c.approx) for c in found] == [("At least 12", 12, "at_least"), ("376", 376, "exact")]
    assert found[0].counted == "people" and found[1].counted == "soldiers"
    assert all(c.source == "" for c in found)
