"""Snapshot of the export dialog (pytest-textual-snapshot). Update with `pytest --snapshot-update`."""

from __future__ import annotations

from export_helpers import export_harness, reviewed_session


def test_export_dialog(snap_compare, tmp_path):
    session = reviewed_session(tmp_path / "review.json")
    try:
        assert snap_compare(export_harness(session, tmp_path), terminal_size=(100, 30))
    finally:
        session.store.close()
