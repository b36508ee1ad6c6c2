"""The export dialog, driven from the keyboard with Pilot in a small harness app."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input, Static

from claimdesk.tui.screens.export_dialog import ExportScreen
from export_helpers import export_harness, reviewed  # noqa: F401 (a fixture)


def message(app) -> str:
    return app.screen.query_one("#export-message", Static).render().plain


async def finish(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_choose_csv_and_export_from_the_keyboard(reviewed, tmp_path):
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("space", "down", "enter")  # open the format list, pick the second (CSV)
        await pilot.press("tab", "tab")  # past the statuses to the path
        path = app.screen.query_one("#export-path", Input)
        assert app.focused is path and path.value == "claimdesk-export.csv"
        await pilot.press("enter")
        await finish(app, pilot)
    out = tmp_path / "claimdesk-export.csv"
    assert app.outcomes[0].message == f"Exported 4 claims to {out}"
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert sorted(r["status"] for r in rows) == ["accepted", "accepted", "added", "corrected"]


async def test_ticking_pending_exports_every_claim(reviewed, tmp_path):
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space")  # to the statuses; tick the first one (pending)
        assert "45 of 46 claims will be exported" in app.screen.query_one("#export-summary", Static).render().plain
        await pilot.press("tab", "tab", "enter")  # the Export button
        await finish(app, pilot)
    records = [json.loads(line) for line in (tmp_path / "claimdesk-export.jsonl").read_text("utf-8").splitlines()]
    assert sum(r["kind"] == "claim" for r in records) == 45
    assert app.outcomes[0].message.startswith("Exported 45 claims to ")


async def test_errors_stay_in_the_dialog(reviewed, tmp_path):
    (tmp_path / "afile").write_text("x")
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        path.value = "afile/out.jsonl"  # a folder that is a file
        await pilot.click("#export-run")
        await finish(app, pilot)
        assert message(app).startswith("Export failed:") and "afile" in message(app)
        assert app.outcomes == [] and isinstance(app.screen, ExportScreen)
        path.value = ""
        path.focus()
        await pilot.press("enter")  # a second click within 0.2 s would be a double click
        await pilot.pause()
        assert message(app) == "Give a file name to save to."
        await pilot.press("escape")
        await pilot.pause()
    assert [o.message for o in app.outcomes] == ["Export cancelled."]


async def test_an_existing_file_is_replaced_only_when_asked_twice(reviewed, tmp_path):
    target = tmp_path / "claimdesk-export.jsonl"
    target.write_text("keep me")
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert message(app) == f"{target} exists: press Export again to replace it."
        assert target.read_text() == "keep me"
        await pilot.press("enter")
        await finish(app, pilot)
    assert target.read_text("utf-8").startswith('{"corpus":')


async def test_file_names_are_never_markup(reviewed, tmp_path):
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "[b]odd[/b] [@click=app.quit].jsonl"
        await pilot.click("#export-run")
        await finish(app, pilot)
    assert (tmp_path / "[b]odd[/b] [@click=app.quit].jsonl").exists()
    assert app.outcomes[0].message.endswith("[b]odd[/b] [@click=app.quit].jsonl")


async def test_ticks_read_without_colour_and_cancel_says_so(reviewed, tmp_path):
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        ticks = app.screen.query_one("#export-status")
        text = "\n".join(ticks.render_line(y).text for y in range(ticks.option_count))
        assert "[ ] pending (41)" in text and "[x] accepted (2)" in text
        summary = app.screen.query_one("#export-summary", Static).render().plain
        assert summary.startswith("4 of 46 claims will be exported (accepted, corrected, added)")
        await pilot.press("tab", "tab", "tab", "tab")  # the Cancel button
        assert app.focused.id == "export-cancel"
        await pilot.press("space")
        await finish(app, pilot)
    assert [o.message for o in app.outcomes] == ["Export cancelled."]
    assert not (tmp_path / "claimdesk-export.jsonl").exists()


async def test_enter_on_the_format_list_exports(reviewed, tmp_path):
    app = export_harness(reviewed, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.focused.id == "export-format"
        await pilot.press("enter")
        await finish(app, pilot)
    assert app.outcomes[0].message.startswith("Exported 4 claims to ")
