"""Formats beyond the samples (saved HTML pages, JSON Lines), bad input, and hostile text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdesk.annotations.corpus import CorpusError, check_corpus, load_corpus, reading
from claimdesk.annotations.corpus.htmlpage import strip_site_suffix

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORY = "The council approved 40 new buses on Tuesday, officials said, after a long debate over the budget."


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")
    return path


def good(folder: Path) -> None:
    write(folder, "good.txt", f"Buses approved\n\n{STORY}\n")


def test_saved_html_page_uses_trafilatura(tmp_path):
    write(tmp_path, "page.html.txt", (FIXTURES / "cnn_page.html").read_text("utf-8"))
    (article,) = load_corpus(tmp_path).articles
    assert article.format == "html"
    assert article.title == "Senate passes $3.1 billion flood relief bill"
    assert article.date == "2023-05-04"
    assert article.url == "https://edition.example.com/2023/05/04/politics/flood-relief-bill/index.html"
    assert "more than 40,000 residents" in article.text
    assert "Senators voted 71 to 27" in article.text
    for chrome in ("Read more:", "Home", "Terms of Use", "All Rights Reserved", "<p>", "&ldquo;"):
        assert chrome not in article.text


@pytest.mark.parametrize("title, site, expected", [
    ("Senate passes bill | CNN Politics", "CNN", "Senate passes bill"),
    ("Floods hit the north - BBC News", "BBC", "Floods hit the north"),
    ("Markets rally as rates hold — Reuters", "Reuters", "Markets rally as rates hold"),
    ("Armenia-Azerbaijan talks resume", "Reuters", "Armenia-Azerbaijan talks resume"),
    ("Live: Vote count - day 2 | The Site", "The Site", "Live: Vote count - day 2"),
    ("Floods hit the north - day 2", "BBC", "Floods hit the north - day 2"),  # not the site: kept
    ("Floods hit the north - BBC News", "", "Floods hit the north - BBC News"),  # no site known: kept
])
def test_site_suffix_is_stripped_from_headlines_only_when_it_names_the_site(title, site, expected):
    assert strip_site_suffix(title, site) == expected


def test_json_lines_bulk_corpus(tmp_path):
    records = [
        {"id": "a1", "title": "Buses approved", "text": STORY, "date": "2021-03-02", "url": "https://x.test/1",
         "source": "Reuters"},
        {"title": "Second", "text": "Read more: elsewhere\n" + STORY, "date": "March 3, 2021"},
    ]
    lines = [json.dumps(r) for r in records] + ["{not json", json.dumps({"foo": 1})]
    write(tmp_path, "bulk.jsonl", "\n".join(lines) + "\n")
    corpus = load_corpus(tmp_path)
    first, second = corpus.articles
    assert (first.path, first.title, first.date, first.url, first.source) == (
        "bulk.jsonl#a1", "Buses approved", "2021-03-02", "https://x.test/1", "Reuters")
    assert second.path == "bulk.jsonl#2" and second.date == "2021-03-03"
    assert "Read more" not in second.text and STORY in second.text
    reasons = [str(s) for s in corpus.skipped]
    assert reasons == ["bulk.jsonl: line 3: invalid JSON (Expecting property name enclosed in double quotes)",
                       "bulk.jsonl: line 4: not an article record (needs a text field: text, body, content, …)"]


def test_format_is_detected_from_content_not_extension(tmp_path):
    write(tmp_path, "a.txt", "# A Markdown Title\n\nBy Ann Lee for Reuters\n\n" + STORY.replace("40", "**40**"))
    write(tmp_path, "b.md", json.dumps({"title": "JSON in disguise", "text": STORY}))
    a, b = load_corpus(tmp_path).articles
    assert (a.format, a.title, a.byline, a.source) == ("markdown", "A Markdown Title", "Ann Lee", "Reuters")
    assert "**" not in a.text and "40 new buses" in a.text
    assert (b.format, b.title) == ("json", "JSON in disguise")


def test_each_bad_input_is_skipped_with_a_reason_and_the_rest_loads(tmp_path, monkeypatch):
    good(tmp_path)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "  \n\n ")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path, "broken.json", '{"title": "x", "content": {"rendered": "<p>oops</p>"')
    write(tmp_path, "huge.txt", "Title\n\n" + "word " * (1_100_000))
    write(tmp_path, "locked.txt", "Locked\n\n" + STORY)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    write(tmp_path, "sub/dir/nested.txt", f"Nested title\n\n{STORY}")
    real_open = Path.open

    def open_(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    corpus = load_corpus(tmp_path)
    assert sorted(a.path for a in corpus.articles) == ["good.txt", "sub/dir/nested.txt"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["image.txt"] == "a PNG image"
    assert reasons["broken.json"].startswith("invalid JSON at line 1")
    assert reasons["huge.txt"].startswith("file is 5.2 MB, over the 5.0 MB limit")
    assert reasons["locked.txt"] == "cannot read the file: permission denied"
    assert reasons["dangling.txt"] == "broken symbolic link"


def test_non_utf8_file_is_decoded_with_a_problem_noted(tmp_path):
    text = "Café prices rise\n\nThe café said prices rose by 5 per cent, the owner’s “first rise” since 2019."
    write(tmp_path, "latin.txt", text.encode("cp1252"))
    (article,) = load_corpus(tmp_path).articles
    assert article.title == "Café prices rise"
    assert "owner’s “first rise”" in article.text
    assert len(article.problems) == 1 and article.problems[0].startswith("not valid UTF-8")


@pytest.mark.parametrize("make, message", [
    ("missing", "corpus not found: {}"),
    ("empty", "corpus folder is empty: {}"),
    ("blank file", "not a corpus: {}: empty file"),
    ("image", "not a corpus: {}: a PNG image"),
    ("workbook", "not a corpus: {}: a ZIP archive (an .xlsx or .docx is one: save it as CSV or text first)"),
    ("not json", "not a corpus: {}: the JSON is not an article: not an article record (needs a text field: "
                 "text, body, content, …), or a list of such records"),
])
def test_missing_or_empty_corpus_or_a_file_that_is_none_is_an_error(tmp_path, make, message):
    target = tmp_path / "corpus"
    if make == "empty":
        target.mkdir()
    elif make == "blank file":
        target.write_text("  \n")
    elif make == "image":
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif make == "workbook":
        target.write_bytes(b"PK\x03\x04" + bytes(40))
    elif make == "not json":
        target.write_text('{"status": "ok", "totalResults": 0}')
    checks = (load_corpus,) if make == "not json" else (load_corpus, check_corpus)  # only reading tells
    for check in checks:  # checked without loading an article: the same message
        with pytest.raises(CorpusError) as raised:
            check(target)
        assert str(raised.value) == message.format(target)


def test_a_single_file_is_a_corpus(tmp_path):
    target = write(tmp_path, "story.txt", f"Buses approved\n\n{STORY}\n")
    assert check_corpus(target) == target and check_corpus(tmp_path) == tmp_path
    corpus = load_corpus(target)
    assert corpus.root == target
    assert [(a.path, a.title, a.text) for a in corpus.articles] == [("story.txt", "Buses approved", STORY)]


HOSTILE = (
    "Breaking \x1b]52;c;aGFja2Vk\x07news \x1b[2J\x1b[H[@click=app.quit]quit[/] [bold\n\n"
    "Officials said 12 people \x1b[31mwere\x1b[0m hurt \u202eevil\u202c and \x9b2J more [@click=app.quit] [bold."
)


def test_hostile_text_is_sanitised_at_load(tmp_path):
    write(tmp_path, "evil\x1b[31m.txt", HOSTILE)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    for value in (article.title, article.text, article.path):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in value)
        assert not any(0x7F <= ord(c) <= 0x9F for c in value)
        assert "\u202e" not in value and "\u202c" not in value
    assert article.title == "Breaking news [@click=app.quit]quit[/] [bold"
    assert "12 people were hurt evil and more [@click=app.quit] [bold." in article.text
    assert article.path == "evil.txt"


def test_file_size_limit_is_five_megabytes():
    assert reading.MAX_FILE_BYTES == 5 * 1024 * 1024
