"""The corpus index: the same articles as the loader, kept up to date by file and by record, search,
filters as queries, and extraction results stored and read back."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3

import pytest

from claimdesk.annotations.corpus import CorpusError, bundled_corpus_path, load_corpus
from claimdesk.annotations.extract import Extractor
from claimdesk.annotations.index import CorpusIndex, Filter
from claimdesk.annotations.index.search import match_expression
from claimdesk.annotations.pipeline import extract_into, extractor_for, open_index, open_review
from claimdesk.annotations.session import ReviewSession
from claimdesk.annotations.store.empty import EmptyStore
from conftest import FIXTURES

ARTICLES = {
    "ap/one.txt": "Troops cross the border\n\nBy Ann Lee for AP\n\nOctober 3, 2020\n\n"
                  "Some 400 troops crossed the border on Friday, officials said.\n\n"
                  "At least 12 civilians were killed in the shelling, the ministry said.\n",
    "ap/two.txt": "Talks in Geneva\n\nBy Bo Chan for AP\n\nOctober 9, 2020\n\n"
                  "Ministers met in Geneva for 10 hours and agreed on a truce.\n",
    "afp/three.md": "# Floods in the valley\n\nSource: AFP\n\nOctober 20, 2020\n\n"
                    "The floods displaced 3,000 families, the Red Cross said.\n",
}


def write_corpus(folder, articles=ARTICLES):
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder


def touch(path, text):
    """Write ``text`` and move the modification time on, so the change shows however fast the test runs."""
    path.write_text(text, "utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def index(corpus, tmp_path):
    with CorpusIndex(corpus, cache_dir=tmp_path / "cache") as ix:
        ix.sync()
        yield ix


# -- the same corpus as the loader ------------------------------------------------------------------

@pytest.mark.parametrize("root", [None, FIXTURES / "shapes", FIXTURES / "pages", FIXTURES / "shapes" / "stories.csv"],
                         ids=["samples", "shapes", "pages", "one-file"])
def test_index_gives_the_loaders_articles(root, tmp_path):
    """Every article, field by field and in order (titles cut across the corpus included), and every skip."""
    loaded = load_corpus(root)
    with CorpusIndex(root, cache_dir=tmp_path) as ix:
        ix.sync()
        indexed = ix.corpus()
    assert indexed.articles == loaded.articles
    assert indexed.skipped == loaded.skipped
    assert indexed.root == loaded.root


def test_index_with_chrome_patterns_drops_those_lines(corpus, tmp_path):
    chrome = [{"id": "r1", "scope": "line", "pattern": r"^Ministers met\b"}]
    with CorpusIndex(corpus, cache_dir=tmp_path / "cache", extra_boilerplate=chrome) as ix:
        report = ix.sync()
        assert report.read == 3
        assert "Ministers" not in ix.article(ix.ids()[2]).text
        assert ix.corpus().articles == load_corpus(corpus, extra_boilerplate=chrome).articles
    with CorpusIndex(corpus, cache_dir=tmp_path / "cache") as ix:  # another loader: every file read again
        assert ix.sync().read == 3
        assert "Ministers" in ix.article(ix.ids()[2]).text


def test_missing_corpus_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus not found"):
        CorpusIndex(tmp_path / "nowhere", cache_dir=tmp_path)


# -- kept up to date ---------------------------------------------------------------------------------

def test_unchanged_corpus_reads_no_file(index):
    report = index.sync()
    assert (report.read, report.added, report.changed, report.removed) == (0, 0, 0, 0)


def test_changed_added_and_removed_files(index, corpus):
    touch(corpus / "ap" / "two.txt", ARTICLES["ap/two.txt"].replace("10 hours", "12 hours"))
    (corpus / "afp" / "three.md").unlink()
    write_corpus(corpus, {"ap/four.txt": "Aid arrives\n\nTrucks brought 40 tonnes of food on Monday.\n"})
    report = index.sync()
    assert (report.read, report.added, report.changed, report.removed) == (2, 1, 1, 1)
    assert [index.article(i).path for i in index.ids()] == ["ap/four.txt", "ap/one.txt", "ap/two.txt"]
    assert "12 hours" in index.article(index.ids()[2]).text
    assert index.corpus().articles == load_corpus(corpus).articles


def test_a_file_that_cannot_be_read_is_a_skip_and_the_rest_stays(index, corpus):
    (corpus / "ap" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    index.sync()
    assert [(s.path, s.reason) for s in index.skipped()] == [("ap/bad.txt", "a PNG image")]
    assert index.count() == 3


def test_one_file_corpus_is_kept_up_to_date_by_record(tmp_path):
    """A changed JSON Lines file is read again, but only its changed records change rows: the others keep
    what was extracted from them."""
    lines = [json.dumps({"id": f"r{i}", "title": f"Story {i}", "text": f"The council counted {i + 10} votes."})
             for i in range(5)]
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with CorpusIndex(path, cache_dir=tmp_path / "cache") as ix:
        ix.sync()
        extractor = Extractor("blank", cache_dir=tmp_path / "cache")
        ix.put_extractions("k", extractor.extract(ix.corpus().articles))
        lines[2] = json.dumps({"id": "r2", "title": "Story 2", "text": "The council counted 99 votes."})
        lines.append(json.dumps({"id": "r5", "title": "Story 5", "text": "Turnout was 40 percent."}))
        del lines[0]
        touch(path, "\n".join(lines) + "\n")
        report = ix.sync()
        assert (report.read, report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1, 3)
        assert ix.corpus().articles == load_corpus(path).articles
        extracted = {ix.article(i).path for i in ix.extracted_ids("k")}
        assert extracted == {"stories.jsonl#r1", "stories.jsonl#r3", "stories.jsonl#r4"}


def test_a_damaged_index_file_is_rebuilt(corpus, tmp_path):
    with CorpusIndex(corpus, cache_dir=tmp_path) as ix:
        ix.sync()
        path = ix.path
    for extra in ("-wal", "-shm"):
        (path.parent / (path.name + extra)).unlink(missing_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    with CorpusIndex(corpus, cache_dir=tmp_path) as ix:
        assert ix.sync().added == 3


def test_an_index_of_another_format_is_rebuilt(corpus, tmp_path):
    with CorpusIndex(corpus, cache_dir=tmp_path) as ix:
        ix.sync()
        path = ix.path
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
    with CorpusIndex(corpus, cache_dir=tmp_path) as ix:
        assert ix.count() == 0
        assert ix.sync().added == 3


# -- the list, filters and search ---------------------------------------------------------------------

def test_rows_pages_and_positions(index):
    rows = index.rows()
    assert [r.path for r in rows] == ["afp/three.md", "ap/one.txt", "ap/two.txt"]
    assert [r.path for r in index.rows(offset=1, limit=1)] == ["ap/one.txt"]
    assert rows[1].source == "AP" and rows[1].date == "2020-10-03" and rows[1].claims is None
    assert index.position(rows[2].id) == 2
    assert index.position(rows[2].id, Filter(outlet="AP")) == 1
    assert index.position(rows[0].id, Filter(outlet="AP")) is None


def test_filters_outlet_and_dates(index):
    assert index.outlets() == [("AP", 2), ("AFP", 1)]
    assert index.date_range() == ("2020-10-03", "2020-10-20")
    assert index.count(Filter(outlet="AFP")) == 1
    assert [r.path for r in index.rows(Filter(since="2020-10-05", until="2020-10-10"))] == ["ap/two.txt"]
    assert index.count(Filter(outlet="AP", since="2020-10-05")) == 1


def test_pending_and_contradiction_filters(index, tmp_path):
    articles = index.corpus().articles
    results = Extractor("blank", cache_dir=tmp_path / "cache").extract(articles)
    index.put_extractions("k", results)
    one = next(r for r in results if r.article.path == "ap/one.txt")
    assert len(one.claims) >= 2
    assert index.count(Filter(pending=True)) == 3  # nothing decided: every article with a claim is pending
    index.set_decided(c.id for c in one.claims)
    assert "ap/one.txt" not in {r.path for r in index.rows(Filter(pending=True))}
    index.decide([one.claims[0].id], decided=False)  # undone
    assert "ap/one.txt" in {r.path for r in index.rows(Filter(pending=True))}
    index.set_contradicted([one.article.id])
    assert [r.path for r in index.rows(Filter(contradictions=True))] == ["ap/one.txt"]
    assert index.row(one.article.id).claims == len(one.claims)


def test_positions_are_the_places_in_the_filtered_lists(index, tmp_path):
    articles = index.corpus().articles
    results = Extractor("blank", cache_dir=tmp_path / "cache").extract(articles)
    index.put_extractions("k", results)
    index.set_decided(c.id for c in results[0].claims)
    index.set_contradicted([articles[1].id])
    filters = [Filter(), Filter(outlet="AP"), Filter(outlet="AFP"), Filter(since="2020-10-05"), Filter(pending=True),
               Filter(contradictions=True), Filter(outlet="AP", pending=True), Filter(outlet="nobody")]
    for where in filters:
        listed = index.ids(where)
        for article in articles:
            expected = listed.index(article.id) if article.id in listed else None
            assert index.position(article.id, where) == expected, (where, article.path)
    assert index.position("no such id") is None


def test_search_is_ranked_with_snippets(index):
    hits = index.search("geneva")
    assert [h.path for h in hits] == ["ap/two.txt"]  # the title weighs most, then the text
    hit = hits[0]
    assert hit.snippet == "Ministers met in Geneva for 10 hours and agreed on a truce."
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["Geneva"]
    assert [h.path for h in index.search("gen")] == ["ap/two.txt"]  # the last word as a prefix
    assert [h.path for h in index.search("3,000 families")] == ["afp/three.md"]
    assert index.search("geneva", Filter(outlet="AFP")) == []


def test_a_filtered_search_reads_the_matches_once_not_once_per_article(tmp_path):
    """FTS5 given the filter's rowids runs its MATCH once per filtered article: count SQLite's steps."""
    many = {f"wire/{i:03}.txt": f"Report {i}\n\nBy Ann Lee for AP\n\nOctober 3, 2020\n\n"
                                f"Some {i + 10} troops crossed the river, officials said.\n" for i in range(300)}
    with CorpusIndex(write_corpus(tmp_path / "many", many), cache_dir=tmp_path / "cache") as ix:
        ix.sync()
        steps = []

        def count_steps(where):
            counted = [0]
            ix._read.set_progress_handler(lambda: counted.__setitem__(0, counted[0] + 1), 100)
            hits = ix.search("troops", where)
            ix._read.set_progress_handler(None, 0)
            steps.append(counted[0])
            return hits

        assert len(count_steps(Filter())) == len(count_steps(Filter(pending=True))) == 20
        assert steps[1] < 3 * steps[0] + 50, steps  # was 7x at 300 articles, growing with them


@pytest.mark.parametrize("typed", ['"', "NEAR(", "-", "a OR", "title:", "*", "AND", "(troops"])
def test_typed_text_is_never_query_syntax(index, typed):
    index.search(typed)  # no FTS5 syntax error, whatever is typed


def test_match_expression():
    assert match_expression("1,119 troops") == '"1 119" "troops"*'
    assert match_expression(" -- ") is None


def test_snippets_are_cut_around_the_first_match():
    from claimdesk.annotations.index.search import SNIPPET_AFTER, SNIPPET_BEFORE, snippet

    text = " ".join(f"word{k}" for k in range(200)) + " the troops crossed " + " ".join(f"w{k}" for k in range(200))
    passage, marks = snippet("troop", text, "A title")
    assert passage.startswith("…word") and passage.endswith("…")
    assert len(passage) <= SNIPPET_BEFORE + SNIPPET_AFTER + 20
    assert [passage[s:e] for s, e in marks] == ["troops"]  # the last word typed is a prefix
    assert snippet("geneva talks", "", "Talks in Geneva") == ("Talks in Geneva", ((0, 5), (9, 15)))
    assert snippet("zzz", "Some text.", "Title") == ("Some text.", ())


def test_search_finds_claims_once_extracted(index, tmp_path):
    assert index.search("civilians killed") != []
    results = Extractor("blank", cache_dir=tmp_path / "cache").extract(index.corpus().articles)
    index.put_extractions("k", results)
    hits = index.search("civilians")
    assert hits and hits[0].path == "ap/one.txt"


# -- extraction results -------------------------------------------------------------------------------

def test_stored_results_read_back_equal(index, tmp_path):
    articles = index.corpus().articles
    results = Extractor("blank", cache_dir=tmp_path / "cache").extract(articles)
    assert index.put_extractions("k", results) == 3
    again = dict(index.extractions("k", articles))
    for result in results:
        stored = again[result.article]
        assert (stored.claims, stored.entities, stored.dropped) == (result.claims, result.entities, result.dropped)
        assert index.extraction(result.article, "k").claims == result.claims
    assert index.extraction(articles[0], "other key") is None


def test_a_changed_text_drops_its_stored_results(index, corpus, tmp_path):
    index.put_extractions("k", Extractor("blank", cache_dir=tmp_path / "cache").extract(index.corpus().articles))
    touch(corpus / "ap" / "two.txt", ARTICLES["ap/two.txt"].replace("10 hours", "12 hours"))
    index.sync()
    assert {index.article(i).path for i in index.extracted_ids("k")} == {"ap/one.txt", "afp/three.md"}
    assert index.row(index.ids()[2]).claims is None


def test_second_run_reads_results_without_parsing_or_compiling_rules(corpus, tmp_path):
    """The pipeline stores what it extracted; the next run reads it back: no parse, no rules compiled
    (so no spaCy), the same results as extracting again."""
    store = EmptyStore()
    with open_index(corpus, store, cache_dir=tmp_path) as ix:
        first = open_review(corpus, store, index=ix, cache_dir=tmp_path, model="blank")
        assert first.extractor.parsed == 3
        second = open_review(corpus, store, index=ix, cache_dir=tmp_path, model="blank")
        assert second.extractor.parsed == 0 and second.extractor._rules is None
        plain = open_review(corpus, store, cache_dir=tmp_path, model="blank", use_cache=False)
        for article in plain.articles:
            assert second.extraction(article.id).claims == plain.extraction(article.id).claims
            assert second.extraction(article.id).entities == plain.extraction(article.id).entities


def test_new_rules_are_another_key(corpus, tmp_path):
    store = EmptyStore()
    with open_index(corpus, store, cache_dir=tmp_path) as ix:
        session = ReviewSession(ix.corpus(), store)
        extractor = extractor_for(store, model="blank", cache_dir=tmp_path)
        list(extract_into(session, extractor, index=ix))
        ruled = Extractor("blank", cache_dir=tmp_path,
                          rules=[{"id": "r", "kind": "claim_suppress", "enabled": True,
                                  "data": {"where": "line", "pattern": "^Some"}}])
        assert ruled.results_key != extractor.results_key
        assert ix.extracted_ids(ruled.results_key) == set()
        session = ReviewSession(ix.corpus(), store)
        list(extract_into(session, ruled, index=ix))
        one = next(a for a in session.articles if a.path == "ap/one.txt")
        assert all(not c.text.startswith("Some") for c in session.extraction(one.id).claims)
        assert len(ix.extracted_ids(ruled.results_key)) == 3


def test_bundled_corpus_index_lives_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    shutil.copytree(bundled_corpus_path(), tmp_path / "samples")
    with CorpusIndex(tmp_path / "samples") as ix:
        assert ix.path.parent.parent == tmp_path / "xdg" / "claimdesk"


def test_a_command_says_when_the_index_cannot_be_made_and_runs_without_it(corpus, tmp_path, monkeypatch, capsys):
    from claimdesk.tui.cli import main

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert main(["articles", str(corpus), "--json"]) == 0
    captured = capsys.readouterr()
    assert "the corpus index cannot be made in the cache folder" in captured.err
    assert "Traceback" not in captured.err
    assert [json.loads(line)["article"] for line in captured.out.splitlines()] == \
        [a.path for a in load_corpus(corpus).articles]


def test_articles_lists_from_the_index(corpus, capsys):
    from claimdesk.tui.cli import main

    assert main(["articles", str(corpus), "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["article"] for r in listed] == [a.path for a in load_corpus(corpus).articles]
    assert listed[1]["text"] == load_corpus(corpus).articles[1].text


def test_a_query_matching_everything_is_ranked_among_the_latest_matches(index, monkeypatch):
    from claimdesk.annotations.index import search

    assert len(index.search("in")) == 3
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    assert {h.path for h in index.search("in")} == {"ap/one.txt", "ap/two.txt"}  # the 2 indexed last
    assert {h.path for h in index.search("in", Filter(outlet="AFP"))} == {"afp/three.md"}  # within the filter


def test_folder_listing_is_sorted_rglob_without_hidden_files(tmp_path):
    """The corpus folder listing (os.scandir) gives the files ``sorted(rglob("*"))`` gives, in its order."""
    from claimdesk.annotations.corpus import corpus_files

    for name in ["a/b.txt", "a-c/x.txt", "a.b/y.txt", "A/z.txt", "a/b/c.txt", ".hidden/q.txt", "a/.h.txt",
                 "__pycache__/p.txt", "z.txt", "a b/s.txt", "é/e.txt", "a/b.txt2"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some text about 12 things.")
    (tmp_path / "link-dir").symlink_to(tmp_path / "a")
    (tmp_path / "link-file.txt").symlink_to(tmp_path / "z.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    expected = [p for p in sorted(tmp_path.rglob("*"))
                if not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(tmp_path).parts)
                and (p.is_file() or (p.is_symlink() and not p.exists()))]
    assert corpus_files(tmp_path) == expected
    assert [p.relative_to(tmp_path).as_posix() for p in expected][:4] == ["A/z.txt", "a/b/c.txt", "a/b.txt",
                                                                          "a/b.txt2"]


def test_a_paragraph_marked_as_chrome_is_cut_and_its_article_extracted_from_the_cut_text(corpus, tmp_path):
    """The index keeps the text as the files have it; a session read through it cuts the marked paragraph
    and never takes the stored result of the uncut text for the article."""
    from claimdesk.annotations.chrome_marks import mark_paragraph
    from claimdesk.annotations.store import open_store

    with open_store(tmp_path / "review.json", corpus=corpus, reviewer="ana") as store, \
            open_index(corpus, store, cache_dir=tmp_path) as ix:
        session = open_review(corpus, store, index=ix, cache_dir=tmp_path, model="blank")
        one = next(a for a in session.articles if a.path == "ap/one.txt")
        mark_paragraph(session, one.id, one.text.index("At least 12"))
        for _ in range(2):  # the second time, the other articles' results come from the index
            again = open_review(corpus, store, index=ix, cache_dir=tmp_path, model="blank")
            cut = again.article(one.id)
            assert "At least 12" not in cut.text
            assert [c.text for c in again.extraction(one.id).claims] == ["Some 400"]
        plain = open_review(corpus, store, cache_dir=tmp_path, model="blank", use_cache=False)
        for article in plain.articles:
            assert again.extraction(article.id).claims == plain.extraction(article.id).claims


def test_many_files_are_read_by_worker_processes_as_one_process_reads_them(tmp_path, monkeypatch):
    from claimdesk.annotations.corpus import parallel

    folder = write_corpus(tmp_path / "corpus", {f"f{k:02d}/a{k}.txt": f"Story {k}\n\nThe board counted {k + 10} "
                                                f"votes on Monday, officials said.\n" for k in range(12)})
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 4)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 3)
    reads, read_files = [], parallel.read_files

    def spy(tasks, *args, **kwargs):
        reads.append(kwargs.get("parallel", True))
        yield from read_files(tasks, *args, **kwargs)

    monkeypatch.setattr(parallel, "read_files", spy)
    with CorpusIndex(folder, cache_dir=tmp_path / "cache") as ix:
        assert ix.sync().read == 12
        assert ix.corpus().articles == load_corpus(folder).articles
    assert reads == [True]  # the worker processes read them all (no fallback to reading here)
