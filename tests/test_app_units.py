"""The review app and a claim's unit: the form says what is wrong with a typed unit and what was meant, and
a corrected unit shows in the claims pane and the detail pane."""

from __future__ import annotations

import pytest

from claimdesk.annotations.store import open_store
from claimdesk.tui.app import ClaimdeskApp
from claimdesk.tui.screens.correction_form import CorrectionForm
from claimdesk.tui.widgets.claim_detail import ClaimDetail
from claimdesk.tui.widgets.claims_pane import ClaimsPane
from session_helpers import app_ready

pytestmark = pytest.mark.usefixtures("warm_cache")


async def test_an_unknown_unit_is_refused_with_a_suggestion_then_saved(tmp_path):
    with open_store(tmp_path / "review.json", reviewer="ana") as store:
        app = ClaimdeskApp(store=store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app_ready(app, pilot)
            await pilot.press("right_square_bracket")
            review = app.review
            claim = next(c for c in app.session.claims(review.article.id) if c.text == "20 kilometer")
            review.select_claim(claim.id)
            await pilot.press("e")
            form = app.screen
            assert isinstance(form, CorrectionForm) and form.current_values()["unit"] == "km"
            form.query_one("#field-unit").value = "kms"
            await pilot.press("enter")
            error = form.query_one("#error-unit")
            assert app.screen is form and error.display
            assert str(error.render()) == "unknown unit 'kms': did you mean km?"
            form.query_one("#field-unit").value = "miles"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is review
            saved = app.session.claim(claim.article, claim.id)
            assert (saved.status, saved.unit, saved.changed_fields) == ("corrected", "mi", ["unit"])
            pane = app.query_one(ClaimsPane)
            row = next(i for i, c in enumerate(pane.claims) if c.id == claim.id)
            assert "20 mi" in pane.rows[row].plain
            detail = app.query_one(ClaimDetail).content.plain
            assert "Unit" in detail and "mi  (was km)" in detail
