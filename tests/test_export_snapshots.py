"""Snapshot of the export dialog (pytest-textual-snapshot). Update with `pytest --snapshot-update`."""

from __future__ import annotations

from export_helpers import export_harness, reviewed  # noqa: F401 (a fixture)


def test_export_dialog(snap_compare, reviewed, tmp_path):
    assert snap_compare(export_harness(reviewed, tmp_path), terminal_size=(100, 30))
