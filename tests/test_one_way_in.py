"""One way in: the app and every command open a corpus the same way (annotations/pipeline.py).

On one annotation file holding a rule of every kind, a chrome mark and decisions of every kind, the
app (driven with Pilot), ``export --status all``, ``ledger --suggest``, ``extract --db`` and an
``import`` of the export into a fresh file all see the same claims, entities and statuses, and the same
values, units, changes and start values.
"""

from __future__ import annotations

import json

import pytest

from claimdesk.annotations.anchoring import make_selector
from claimdesk.annotations.corpus import load_corpus
from claimdesk.annotations.pipeline import chrome_patterns
from claimdesk.annotations.rules import BOILERPLATE, CLAIM_LEXICON, CLAIM_SUPPRESS, ENTITY_LABEL, ENTITY_SUPPRESS
from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.cli import main
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")

ARTICLES = {
    "a.txt": "Fighting in Nagorno-Karabakh\n\n"
             "A 2,000-strong force entered Nagorno-Karabakh on Monday, and 40 soldiers were killed, Armenia said.\n\n"
             "Flight 302 landed in Yerevan with 150 medics on board, officials said.\n\n"
             "Fuel prices rose from 180 to 195 pence a litre, traders said.\n\n"
             "Follow us on Telegram for 24 hour news\n",
    "b.txt": "Shelling in Stepanakert\n\n"
             "Another 3,000-strong brigade followed into Nagorno-Karabakh. Officials in Stepanakert said 12 "
             "civilians died and 31 were wounded.\n\n"
             "Doctors said 60 medics had arrived from Yerevan by Tuesday.\n\n"
             "Follow us on Telegram: 3 channels\n",
    "c.txt": "Talks in Moscow\n\n"
             "Foreign ministers met in Moscow for 10 hours, and Russia said 5,000 people had died.\n\n"
             "Subscribe for 2 dollars a month to keep reading our 7 daily newsletters.\n\n"
             "Aid agencies said 90,000 people had fled Nagorno-Karabakh since late September.\n",
}
NK = [{"TEXT": "Nagorno"}, {"TEXT": "-"}, {"TEXT": "Karabakh"}]


@pytest.fixture
def reviewed(tmp_path):
    """(corpus folder, annotation file) with one rule of every kind, a chrome mark and decisions."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    db = tmp_path / "review.json"
    with open_store(db, corpus=folder, reviewer="ana") as store:
        store.add_rule(ENTITY_LABEL, {"label": "GPE", "pattern": NK})
        store.add_rule(ENTITY_SUPPRESS, {"label": "", "pattern": [{"TEXT": "Yerevan"}]})
        store.add_rule(CLAIM_SUPPRESS, {"where": "after", "pattern": [{"TEXT": "-"}, {"LOWER": "strong"}]})
        store.add_rule(CLAIM_SUPPRESS, {"where": "before", "pattern": [{"LOWER": "flight"}]})
        store.add_rule(CLAIM_SUPPRESS, {"where": "line", "pattern": r"^Subscribe\b"})
        store.add_rule(CLAIM_LEXICON, {"role": "counted", "word": "medics"})
        store.add_rule(BOILERPLATE, {"pattern": r"^Follow\s+us\b"})
        corpus = load_corpus(folder, extra_boilerplate=chrome_patterns(store))
        c = next(a for a in corpus.articles if a.path == "c.txt")
        start = c.text.index("Aid agencies")
        store.mark_boilerplate(c.id, make_selector(c.text, start, c.text.index("\n", start) if "\n" in
                                                   c.text[start:] else len(c.text)))
    return folder, db


SHOWN = ("value", "unit", "change", "from_value", "counted")  # the fields every view must agree on


def app_view(session) -> tuple[dict, dict]:
    """Every claim (id → status, value, unit, change, from_value, counted) and entity (id → label, status)
    the session shows."""
    claims, entities = {}, {}
    for article in session.articles:
        for claim in session.claims(article.id):
            claims[claim.id] = (claim.status, *(claim.fields.get(name) for name in SHOWN))
        for entity in session.entities(article.id):
            entities[entity.id] = (entity.label, entity.status)
    return claims, entities


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def export_view(records: list[dict]) -> tuple[dict, dict]:
    claims = {r["id"]: (r["status"], *(r["fields"].get(name) for name in SHOWN))
              for r in records if r["kind"] == "claim"}
    entities = {r["id"]: (r["label"], r["status"]) for r in records if r["kind"] == "entity"}
    return claims, entities


async def test_the_app_and_every_command_see_the_same_claims_entities_and_statuses(reviewed, tmp_path, capsys):
    folder, db = reviewed
    # the app: a reviewer accepts, rejects and corrects, relabels an entity and adds a claim
    with open_store(db, corpus=folder, reviewer="ana") as store:
        app = ClaimdeskApp(folder, store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            session = app.session
            a = next(x for x in session.articles if x.path == "a.txt")
            b = next(x for x in session.articles if x.path == "b.txt")
            pending = session.claims(b.id)
            session.accept(pending[0])
            session.reject(pending[1])
            session.correct(pending[2], dict(pending[2].fields, value="32"))
            fuel = next(c for c in session.claims(a.id) if c.unit == "GBX")
            session.correct(fuel, dict(fuel.fields, value="1.95", unit="GBP", from_value="1.80"))
            start = a.text.index("Monday")
            session.add_claim(a.id, start, start + len("Monday"), {"value": "1", "counted": "day"})
            session.relabel_entity(next(e for e in session.entities(b.id) if e.text == "Stepanakert"), "GPE")
            await pilot.pause()
            shown_claims, shown_entities = app_view(session)
            extracted = {x.id: session.extraction(x.id) for x in session.articles}
    texts = {claim.text for result in extracted.values() for claim in result.claims}
    # every rule kind did its work in the app (so agreeing below means something)
    assert not {"2,000-strong", "3,000-strong", "302", "2", "7", "24", "3", "90,000"} & texts
    assert {"40", "150", "12", "60", "5,000"} <= texts
    assert {"accepted", "rejected", "corrected", "added", "pending"} <= {v[0] for v in shown_claims.values()}
    assert ("corrected", 1.95, "GBP", "up", 1.8, "Fuel prices") in shown_claims.values()
    assert not any(e.text == "Yerevan" for r in extracted.values() for e in r.entities)
    assert {e.label for r in extracted.values() for e in r.entities if e.text == "Nagorno-Karabakh"} == {"GPE"}

    # export --status all: the same claims and statuses, the same entities and labels
    assert main(["export", str(folder), "--db", str(db), "--status", "all", "-f", "jsonl"]) == 0
    exported = lines(capsys.readouterr().out)
    assert export_view(exported) == (shown_claims, shown_entities)

    # extract --db: the machine's claims and entities, with every rule, as the app extracted them
    assert main(["extract", str(folder), "--db", str(db), "--json"]) == 0
    rows = lines(capsys.readouterr().out)
    assert {r["id"] for r in rows if r["kind"] == "claim"} == {c.id for r in extracted.values() for c in r.claims}
    assert {(r["id"], *(r[name] for name in SHOWN)) for r in rows if r["kind"] == "claim"} == {
        (c.id, *(getattr(c, name) for name in SHOWN)) for r in extracted.values() for c in r.claims}
    assert ("up", 180) in {(r["change"], r["from_value"]) for r in rows if r["kind"] == "claim"}
    assert {(r["id"], r["label"]) for r in rows if r["kind"] == "entity"} == {
        (e.id, e.label) for r in extracted.values() for e in r.entities}

    # ledger --suggest: one line per claim that is not rejected
    assert main(["ledger", str(folder), "--db", str(db), "--suggest", "--json"]) == 0
    suggested = {r["claim"] for r in lines(capsys.readouterr().out)}
    assert suggested == {cid for cid, shown in shown_claims.items() if shown[0] != "rejected"}

    # import of that export into a fresh annotation file (which has the rules too): the same again
    export_file = tmp_path / "all.jsonl"
    export_file.write_text("\n".join(json.dumps(r) for r in exported) + "\n", "utf-8")
    fresh = tmp_path / "fresh.json"
    with open_store(db, read_only=True) as old, open_store(fresh, corpus=folder, reviewer="bob") as new:
        for rule in old.rules():
            new.add_rule(rule["kind"], rule["data"], rule_id=rule["id"])
        for mark in old.boilerplate():
            new.mark_boilerplate(mark["article"], mark["selector"])
    assert main(["import", str(export_file), str(folder), "--db", str(fresh)]) == 0
    capsys.readouterr()
    assert main(["export", str(folder), "--db", str(fresh), "--status", "all", "-f", "jsonl"]) == 0
    assert export_view(lines(capsys.readouterr().out)) == (shown_claims, shown_entities)
