"""The command line: `claimdesk articles`, --help, --version, and clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimdesk.tui.cli import main


def test_articles_json_lines_shape(capsys):
    assert main(["articles", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 5
    first = records[0]
    assert list(first) == ["kind", "article", "id", "title", "source", "byline", "date", "url", "words", "text",
                           "problems"]
    assert first["kind"] == "article" and first["article"] == "000_27c0f59227408853.txt"
    assert first["source"] == "NY Times" and first["problems"] == [] and first["words"] > 500


def test_articles_table(capsys):
    assert main(["articles"]) == 0
    out = capsys.readouterr().out
    for expected in ("id", "title", "source", "date", "words", "problems", "Warring Sides", "AFP", "2020-10-29",
                     "5 articles, 0 skipped"):
        assert expected in out


def test_articles_reports_skipped_files_and_goes_on(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text("Title\n\nThe council approved 40 new buses on Tuesday, officials said.")
    (tmp_path / "empty.txt").write_text("")
    assert main(["articles", str(tmp_path), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "claimdesk: skipped empty.txt: empty file" in captured.err


@pytest.mark.parametrize("command", ["articles", "review"])
def test_missing_corpus_exits_2_with_a_clear_message(tmp_path, capsys, command):
    assert main([command, str(tmp_path / "nope")]) == 2
    assert "not found" in capsys.readouterr().err  # the loader says "corpus not found" (a folder or a file)


def test_empty_corpus_exits_2(tmp_path, capsys):
    assert main(["articles", str(tmp_path)]) == 2
    assert "corpus folder is empty" in capsys.readouterr().err


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimdesk.tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=60)


def test_version_and_help_everywhere():
    from claimdesk.annotations import __version__

    assert run_cli("--version").stdout.strip() == f"claimdesk {__version__}"
    top = run_cli("--help")
    assert top.returncode == 0 and "articles" in top.stdout and "review" in top.stdout
    from claimdesk.tui.cli import SUBCOMMANDS

    for module in SUBCOMMANDS:
        name = module.removesuffix("_cmd")  # `import` lives in import_cmd.py
        result = run_cli(name, "--help")
        assert result.returncode == 0 and f"usage: claimdesk {name}" in result.stdout


def test_help_does_not_import_spacy_or_textual():
    code = ("import sys\nfrom claimdesk.tui.cli import build_parser\nbuild_parser()\n"
            "print(sorted(m for m in ('spacy', 'textual', 'trafilatura') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "[]"


def test_a_known_command_loads_only_its_own_module():
    from claimdesk.tui.cli import module_needed

    assert module_needed([]) == "review"  # plain `claimdesk`
    assert module_needed(["export", "--format", "csv"]) == "export"
    assert module_needed(["import", "x.jsonl"]) == "import_cmd"
    # help, the version, a typo or an option first: the whole parser, so the message lists everything
    for argv in (["--help"], ["export", "-h"], ["--version"], ["revew"], ["--db", "x.json"]):
        assert module_needed(argv) is None
    code = ("import sys\nfrom claimdesk.tui.cli import build_parser\nbuild_parser(only='review')\n"
            "print(sorted(m for m in ('claimdesk.tui.cli.export', 'claimdesk.annotations.export',"
            " 'claimdesk.tui.cli.rules') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
