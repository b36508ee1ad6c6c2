"""The review session: extracted claims merged with decisions, decisions written through, undo."""

from __future__ import annotations

import pytest

from claimdesk.annotations.citation import citation, claim_phrase
from claimdesk.annotations.fields import FieldError, describe_value, format_value, parse_value, validate_fields
from claimdesk.annotations.positions import Positions
from claimdesk.annotations.session import FieldsInvalid, SessionError
from session_helpers import new_session


@pytest.fixture
def session(tmp_path):
    session = new_session(tmp_path / "review.json", reviewer="ana")
    yield session
    session.store.close()


def test_value_parsing_messages():
    assert parse_value("1,119") == 1119
    assert parse_value("10-20") == [10, 20]
    assert parse_value("3.5") == 3.5
    assert parse_value("five thousand") == 5000
    with pytest.raises(FieldError, match="value must be a number or a range like 10-20"):
        parse_value("lots")
    with pytest.raises(FieldError, match="low to high"):
        parse_value("20-10")
    assert format_value([24, 99]) == "24-99" and format_value(1166) == "1,166"
    assert describe_value({"value": 400, "approx": "approx"}) == "about 400"


def test_validate_fields_reports_every_problem():
    fields, errors = validate_fields({"value": "x", "approx": "sort of", "date": "29/10/2020"})
    assert set(errors) == {"value", "approx", "date"}
    assert "2020-10-29" in errors["date"]
    fields, errors = validate_fields({"value": "10 to 20", "approx": "exact", "counted": " troops\x1b[2J "})
    assert not errors and fields["value"] == [10, 20] and fields["approx"] == "range"
    assert fields["counted"] == "troops"
    _, errors = validate_fields({"value": "10", "approx": "range"})
    assert "range" in errors["approx"]


def test_claims_are_pending_until_decided(session, sample_corpus):
    article = sample_corpus.articles[3]
    claims = session.claims(article.id)
    assert claims and all(c.status == "pending" for c in claims)
    done, total = session.progress(article.id)
    assert (done, total) == (0, len(claims))
    session.accept(claims[0])
    session.reject(claims[1])
    assert [c.status for c in session.claims(article.id)[:2]] == ["accepted", "rejected"]
    assert session.progress(article.id) == (2, len(claims))
    assert session.undo() == [article.id]
    assert session.claims(article.id)[1].status == "pending"
    assert session.redo() == [article.id]
    assert session.claims(article.id)[1].status == "rejected"


def test_correction_keeps_the_original(session, sample_corpus):
    article = sample_corpus.articles[3]
    claim = session.claims(article.id)[0]
    raw = dict(claim.fields, value="1,200", counted="soldiers")
    corrected = session.correct(claim, raw)
    assert corrected.status == "corrected" and corrected.value == 1200 and corrected.counted == "soldiers"
    assert corrected.original["value"] == claim.original["value"]
    assert set(corrected.changed_fields) >= {"value", "counted"}
    with pytest.raises(FieldsInvalid) as info:
        session.correct(claim, dict(raw, value="lots"))
    assert "value" in info.value.errors
    # accepting a corrected claim keeps the correction
    assert session.accept(corrected).value == 1200


def test_added_claim_and_entities(session, sample_corpus):
    article = sample_corpus.articles[0]
    text = article.text
    start = text.index(article.text.split()[5])
    end = start + len(article.text.split()[5])
    added = session.add_claim(article.id, start, end, {"value": "7", "counted": "things"})
    assert added.status == "added" and not added.extracted and added.text == text[start:end]
    assert added in session.claims(article.id, "added")
    session.reject(added)  # rejecting one's own claim deletes it
    assert session.claim(article.id, added.id) is None
    entity = session.entities(article.id)[0]
    session.relabel_entity(entity, "GPE")
    after = next(e for e in session.entities(article.id) if e.start == entity.start)
    assert after.label == "GPE" and after.status == "relabelled" and after.model_label == entity.label
    session.remove_entity(after)
    assert all(e.start != entity.start for e in session.entities(article.id, visible_only=True))
    new = session.add_entity(article.id, start, end + 1, "ORG")
    assert new.status == "added" and new.label == "ORG"
    with pytest.raises(SessionError):
        session.add_entity(article.id, start, start, "ORG")


def test_read_only_and_storeless_sessions_refuse_decisions(sample_corpus):
    session = new_session(None)
    with pytest.raises(SessionError, match="nothing can be saved"):
        session.accept(session.claims(sample_corpus.articles[0].id)[0])


def test_citation_line(session, sample_corpus):
    article = sample_corpus.articles[3]
    claim = next(c for c in session.claims(article.id) if c.text == "1,119")
    line = citation(claim, article)
    assert line.startswith("1,119 ")
    assert " — according to " in line and article.date in line and article.url in line
    assert claim_phrase("90 percent", "percent", "") == "90 percent"


def test_positions_survive_a_damaged_file(tmp_path):
    positions = Positions(tmp_path / "state" / "positions.json")
    assert positions.get(tmp_path) == {}
    positions.set(tmp_path, {"article": "a.txt", "claim": "x", "line": 3})
    assert Positions(tmp_path / "state" / "positions.json").get(tmp_path)["line"] == 3
    (tmp_path / "state" / "positions.json").write_text("{not json")
    assert positions.get(tmp_path) == {}
