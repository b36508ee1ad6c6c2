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


@pytest.mark.parametrize("name", ["nope", "empty", "picture.png"])
def test_every_command_reports_a_bad_corpus_alike_first_and_creates_no_store(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    corpus = str(tmp_path / name)
    messages = set()
    for argv in (["articles", corpus], ["review", corpus], ["export", corpus, "-f", "jsonl"],
                 ["ledger", corpus], ["import", str(tmp_path / "picture.png"), corpus], ["extract", corpus],
                 ["db", "info", corpus], ["rules", "learn", "--corpus", corpus]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (argv, err)
        messages.add(err)
    assert len(messages) == 1, messages  # the same words from every command
    expected = {"nope": "corpus not found", "empty": "corpus folder is empty", "picture.png": "not a corpus"}[name]
    assert expected in messages.pop()
    assert not (tmp_path / "data").exists()  # no annotation file was made for it


def test_review_of_a_bad_corpus_leaves_the_cycle_collector_on(tmp_path, capsys):
    """``claimdesk review`` pauses the collector while it starts; a corpus it cannot open must not leave it
    off (for whatever runs next in the process)."""
    import gc

    assert gc.isenabled()
    try:
        assert main(["review", str(tmp_path / "nope")]) == 2
        assert gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()


def test_a_corpus_instead_of_a_command_opens_the_review_app_on_it(tmp_path, monkeypatch, capsys):
    import claimdesk.tui.cli.review as review

    opened = []
    monkeypatch.setattr(review, "run", lambda args: opened.append(args.corpus) or 0)
    (tmp_path / "news").mkdir()
    assert main([str(tmp_path / "news")]) == 0
    assert main(["missing/feed.xml"]) == 0  # the review command says whether it is there
    assert [str(path) for path in opened] == [str(tmp_path / "news"), "missing/feed.xml"]
    with pytest.raises(SystemExit) as exit_:  # a word that is no command and no path stays a typo
        main(["revew"])
    assert exit_.value.code == 2 and "invalid choice: 'revew'" in capsys.readouterr().err


def test_a_wrong_argument_prints_the_commands_own_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "jsonl", "--bogus"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: claimdesk export") and "unrecognized arguments: --bogus" in err


def test_articles_at_80_columns_is_one_line_each_with_whole_ids(monkeypatch, capsys, sample_corpus):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["articles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + len(sample_corpus.articles) + 1  # header, one per article, the count
    assert all(len(line) <= 80 for line in lines)
    for article, line in zip(sample_corpus.articles, lines[1:], strict=False):
        assert line.startswith(article.id + "  ")
        assert article.title[:10] in line and (article.title in line or "…" in line)


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
