"""The shapes corpora come in beyond article files: CSV/TSV, JSON documents and news-API responses,
JSON Lines with other field names, RSS and Atom feeds, web archives; and one file as a corpus."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimdesk.annotations.corpus import iter_corpus, load_corpus
from claimdesk.annotations.corpus.headline import NO_HEADLINE

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
S1 = "The harbour board approved 12 new ferries on Monday, its chair said, after a vote that split the board."
S2 = "Fares will rise by 5 percent next spring, the board said, the first rise since 2019."


@pytest.fixture(scope="module")
def shapes():
    return load_corpus(SHAPES)


def meta(article) -> tuple:
    return article.title, article.date, article.url, article.source, article.byline


def test_csv_columns_are_found_by_any_of_their_names(shapes):
    first = shapes.by_path("stories.csv#f-1")
    assert meta(first) == ("Ferries approved", "2021-03-02", "https://harbour.test/1", "Reuters", "Ann Lee")
    assert first.text == f"{S1}\n\n{S2}"  # a quoted field with newlines: one field, two paragraphs
    quoted = shapes.by_path("stories.csv#f-4")
    assert meta(quoted) == ('Quoted "title", with comma', "2021-03-05", "https://harbour.test/4", "AP", "Cy Dee, Ed Fox")
    bom = shapes.by_path("semicolon.csv#2")  # ; delimiter, a byte-order mark before "Title"
    assert meta(bom) == ("Fares rise", "2021-04-01", "https://harbour.test/5", "Harbour Times", "Di Gray")
    tsv = shapes.by_path("stories.tsv#2")
    assert meta(tsv) == ("Ferries sail", "2021-05-06", "https://harbour.test/6", "AFP", "Ed Fox")
    assert {a.format for a in (first, bom, tsv)} == {"csv"}


def test_csv_row_without_text_and_row_with_broken_quoting_are_reported_and_the_rest_loads(shapes):
    reasons = [s.reason for s in shapes.skipped if s.path == "stories.csv"]
    assert reasons == ["row 3 (line 5): no text",
                       "row 4 (line 6): broken quoting (8 fields, the header has 7); read on from the next line"]
    assert [a.path for a in shapes.articles if a.path.startswith("stories.csv")] == ["stories.csv#f-1", "stories.csv#f-4"]


def test_an_unclosed_quote_loses_one_row_not_the_rest(tmp_path):
    rows = ["title,text"] + [f'Story {i},"{S1}"' for i in range(1, 4)]
    rows.insert(2, f'Broken,"{S2}')  # never closed: swallows every line after it
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", "utf-8")
    corpus = load_corpus(tmp_path / "t.csv")
    assert [a.title for a in corpus.articles] == ["Story 1", "Story 2", "Story 3"]
    assert [s.reason for s in corpus.skipped] == [
        "row 3 (line 3): broken quoting (4 fields, the header has 2); read on from the next line"]


def test_a_text_whose_first_line_has_commas_and_a_field_name_stays_text(tmp_path):
    (tmp_path / "a.txt").write_text(f"Text, photos and video\n\n{S1}\n\n{S2}\n", "utf-8")
    (article,) = load_corpus(tmp_path).articles
    assert (article.format, article.title, article.text) == ("plaintext", "Text, photos and video", f"{S1}\n\n{S2}")


def test_a_csv_file_without_a_text_column_says_what_it_has(tmp_path):
    (tmp_path / "t.csv").write_text("name,votes\nAnn,12\n", "utf-8")
    (tmp_path / "ok.txt").write_text(f"Ferries approved\n\n{S1}\n", "utf-8")
    (skipped,) = load_corpus(tmp_path).skipped
    assert skipped.reason.startswith("the table has no text column (looked for text, body, content,")
    assert skipped.reason.endswith("its header has: name, votes")


def test_a_cp1252_csv_is_decoded_with_a_problem_noted(tmp_path):
    (tmp_path / "t.csv").write_bytes("title,text\nCafé prices,“The café” raised prices by 5 per cent.\n"
                                     .encode("cp1252"))
    (article,) = load_corpus(tmp_path).articles
    assert (article.title, article.text) == ("Café prices", "“The café” raised prices by 5 per cent.")
    assert article.problems[0].startswith("not valid UTF-8")


def test_news_api_response_and_nested_results(shapes):
    cut = shapes.by_path("newsapi.json#1")
    assert meta(cut) == ("Ferries approved", "2021-03-02", "https://harbour.test/7", "Harbour Times", "Ann Lee")
    assert cut.text == S1 and "[+1234 chars]" not in cut.text
    assert cut.problems == ("text cut short in the file (1234 more characters not in it)",)
    described = shapes.by_path("newsapi.json#2")  # content null: the description is the text
    assert (described.title, described.text, described.source) == ("Fares to rise", S2, "Quay News")
    nested = shapes.by_path("results.json#r-9")  # {"response": {"results": [...]}}, HTML in full_text
    assert meta(nested) == ("Ferries approved", "2021-03-02", "https://harbour.test/9", "Reuters", "Bo Chan")
    assert nested.text == f"{S1}\n\n{S2}" and nested.format == "json"
    assert [s.reason for s in shapes.skipped if s.path == "results.json"] == [
        "item 2: not an article record (needs a text field: text, body, content, …)"]


def test_json_lines_field_variants(shapes):
    first = shapes.by_path("stories.jsonl#1")
    assert meta(first) == ("Ferries approved", "2021-03-02", "https://harbour.test/10", "harbour.test",
                           "Ann Lee, Bo Chan")
    second = shapes.by_path("stories.jsonl#2")
    assert (second.title, second.text, second.date) == ("Fares", S2, "2021-03-03")


def test_rss_items_use_full_content_and_their_html_is_sanitised(shapes):
    first = shapes.by_path("feed_rss.xml#harbour-12")
    assert meta(first) == ("Ferries approved", "2021-03-02", "https://harbour.test/12", "Harbour Times", "Ann Lee")
    assert first.text.startswith(f"{S1}\n\n{S2}")  # content:encoded, not the one-line description
    for hostile in ("owned", "document.title", "steal", "onclick", "<script", "<b>", "onerror"):
        assert hostile not in first.text
    assert "[@click=app.quit] [bold" in first.text  # kept as words: never rendered as markup
    second = shapes.by_path("feed_rss.xml#https://harbour.test/13")  # no guid: the link is its key
    assert (second.title, second.text) == ("Fares to rise", S2)
    assert [s.reason for s in shapes.skipped if s.path == "feed_rss.xml"] == ["item 3: no text"]


def test_atom_entries(shapes):
    (entry,) = [a for a in shapes.articles if a.path.startswith("feed_atom.xml")]
    assert meta(entry) == ("Ferries approved", "2021-03-04", "https://quay.test/1", "Quay News", "Bo Chan")
    assert entry.text == f"{S1}\n\n{S2}"


def page(title: str = "", h1: str = "", paragraphs: tuple[str, ...] = (S1, S2, S1.replace("12", "14")),
         extra_head: str = "") -> str:
    head = (f"<title>{title}</title>" if title else "") + extra_head
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body><nav><a href='/'>Home</a> "
            f"<a href='/world'>World</a></nav><main><article>{heading}{body}</article></main>"
            f"<footer>Contact us. All rights reserved.</footer></body></html>")


def warc_bytes(pages: list[tuple[str, str]], *, compress: bool = True, extra: bool = True) -> bytes:
    """A web archive of (url, html) responses, with a request, a redirect and an image around them."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)

    def response(url: str, status: str, ctype: str, payload: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2021-03-05T08:00:00Z"}))

    if extra:
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "harbour.test")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://harbour.test/", "request", http_headers=request))
        response("https://harbour.test/old", "301 Moved Permanently", "text/html", b"")
        response("https://harbour.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
    for url, html in pages:
        response(url, "200 OK", "text/html; charset=utf-8", html.encode("utf-8"))
    return out.getvalue()


def test_web_archive_pages_are_articles_with_url_and_crawl_date(tmp_path):
    pages = [("https://harbour.test/ferries", page("Ferries approved | Harbour Times", "Ferries approved")),
             ("https://harbour.test/fares", page("Fares to rise | Harbour Times", "Fares to rise", (S2, S1, S2)))]
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(pages))
    corpus = load_corpus(tmp_path)
    assert [(a.path, a.title, a.url, a.crawled, a.format) for a in corpus.articles] == [
        ("crawl.warc.gz#https://harbour.test/ferries", "Ferries approved", "https://harbour.test/ferries",
         "2021-03-05", "warc"),
        ("crawl.warc.gz#https://harbour.test/fares", "Fares to rise", "https://harbour.test/fares", "2021-03-05",
         "warc")]
    assert S1 in corpus.articles[0].text and "All rights reserved" not in corpus.articles[0].text
    assert corpus.articles[0].to_record()["crawled"] == "2021-03-05"
    assert [str(s) for s in corpus.skipped] == [
        "crawl.warc.gz: 4 records not article pages (1 warcinfo, 1 request, 1 HTTP 301, 1 image/png)"]


def test_an_uncompressed_web_archive_reads_alike(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(warc_bytes([("https://harbour.test/a", page("Ferries approved"))],
                                                     compress=False, extra=False))
    (article,) = load_corpus(tmp_path / "crawl.warc").articles
    assert (article.path, article.title) == ("crawl.warc#https://harbour.test/a", "Ferries approved")


def test_a_truncated_web_archive_keeps_the_pages_before_the_cut(tmp_path):
    pages = [(f"https://harbour.test/{i}", page(f"Story number {i} | Harbour Times")) for i in range(3)]
    data = warc_bytes(pages, extra=False)
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])  # a download that stopped
    corpus = load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == ["Story number 0", "Story number 1"]
    (skipped,) = corpus.skipped
    assert skipped.path == "cut.warc.gz" and "cut short" in skipped.reason


def test_a_gzip_file_that_is_not_a_web_archive_says_so(tmp_path):
    (tmp_path / "stories.jsonl.gz").write_bytes(gzip.compress(json.dumps({"title": "x", "text": S1}).encode()))
    (tmp_path / "ok.txt").write_text(f"Ferries approved\n\n{S1}\n", "utf-8")
    (skipped,) = load_corpus(tmp_path).skipped
    assert skipped.reason == "a gzip-compressed file (only a compressed web archive, .warc.gz, is read)"


def headline_less(fmt: str) -> tuple[str, bytes]:
    """One article with no headline anywhere (no title field, no first line that is one), in ``fmt``."""
    text = f"{S1} {S2}\n\n{S2}"
    html_text = f"<p>{S1} {S2}</p><p>{S2}</p>"
    record = {"text": text, "url": "https://harbour.test/x"}
    shapes = {
        "plaintext": ("a.txt", text),
        "one paragraph": ("b.txt", f"{S1} {S2}"),
        "markdown": ("c.md", f"{S1} **{S2}**\n\n{S2}"),
        "html": ("d.html", f"<!DOCTYPE html><html><head></head><body><article>{html_text * 2}</article></body></html>"),
        "json": ("e.json", json.dumps(record)),
        "wordpress": ("f.json", json.dumps({"title": {"rendered": ""}, "content": {"rendered": html_text}})),
        "news api": ("g.json", json.dumps({"articles": [{"title": None, "content": text}]})),
        "jsonl": ("h.jsonl", json.dumps(record) + "\n" + json.dumps(record) + "\n"),
        "csv": ("i.csv", "url,text\nhttps://harbour.test/x,\"" + text + "\"\n"),
        "tsv": ("j.tsv", "body\turl\n" + f"{S1} {S2}\thttps://harbour.test/x\n"),
        "rss": ("k.xml", f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
                         f"<description><![CDATA[{html_text}]]></description></item></channel></rss>"),
        "atom": ("l.xml", "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><entry><id>1</id>"
                          f"<content type='html'><![CDATA[{html_text}]]></content></entry></feed>"),
    }
    if fmt == "warc":
        html = f"<!DOCTYPE html><html><head></head><body><article>{html_text * 2}</article></body></html>"
        return "m.warc.gz", warc_bytes([("https://harbour.test/x", html)], extra=False)
    name, data = shapes[fmt]
    return name, data.encode("utf-8")


@pytest.mark.parametrize("fmt", ["plaintext", "one paragraph", "markdown", "html", "json", "wordpress",
                                 "news api", "jsonl", "csv", "tsv", "rss", "atom", "warc"])
def test_every_format_keeps_the_words_of_a_headline_less_article(tmp_path, fmt):
    name, data = headline_less(fmt)
    (tmp_path / name).write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == []
    article = corpus.articles[0]
    assert article.title == "The harbour board approved 12 new ferries on Monday, its chair said, after a vote that…"
    assert NO_HEADLINE in article.problems
    words = " ".join(article.text.split())
    assert S1 in words and S2 in words  # no word lost: the first sentence stays in the text too


def test_iter_corpus_streams_the_same_articles(tmp_path):
    rows = "".join(f'Story {i},"{S1}"\n' for i in range(50))
    (tmp_path / "t.csv").write_text("title,text\n" + rows + "Bad,\n", "utf-8")
    items = list(iter_corpus(tmp_path / "t.csv"))
    loaded = load_corpus(tmp_path / "t.csv")
    assert [i for i in items if not hasattr(i, "reason")] == loaded.articles
    assert [i for i in items if hasattr(i, "reason")] == loaded.skipped
    assert len(loaded.articles) == 50


def test_progress_names_how_much_of_a_big_file_is_read(tmp_path):
    rows = "".join(f'Story {i},"{S1}"\n' for i in range(2000))
    (tmp_path / "t.csv").write_text("title,text\n" + rows, "utf-8")
    calls = []
    load_corpus(tmp_path / "t.csv", progress=lambda done, total, name: calls.append((done, total, name)))
    assert calls[-1] == (1, 1, "t.csv")
    within = [name for done, _total, name in calls[:-1]]
    assert within and all(n.startswith("t.csv ") and n.endswith("%") for n in within)


def test_a_big_json_document_is_streamed_with_the_same_articles(tmp_path, monkeypatch):
    from claimdesk.annotations.corpus import jsondoc

    records = [{"title": f"Story {i}", "content": S1, "publishedAt": "2021-03-02T10:00:00Z",
                "source": {"name": "Harbour Times"}} for i in range(30)]
    records[3] = {"title": "No text", "tags": [{"a": 1}]}
    document = {"status": "ok", "meta": {"tags": [{"a": 1}]}, "articles": records}
    (tmp_path / "api.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode())
    whole = load_corpus(tmp_path)
    monkeypatch.setattr(jsondoc, "MAX_FILE_BYTES", 1000)  # streamed from 1 kB on
    streamed = load_corpus(tmp_path)
    assert streamed.articles == whole.articles and len(whole.articles) == 29
    assert streamed.skipped == whole.skipped
    assert [s.reason for s in streamed.skipped] == [
        "item 4: not an article record (needs a text field: text, body, content, …)"]
    deep = json.dumps(document).replace('"tags": [{"a": 1}]}', '"tags": ' + "[" * 10_000 + "]" * 10_000 + "}", 1)
    (tmp_path / "api.json").write_text(deep, "utf-8")  # "meta" nested 10,000 deep: streamed, no harm
    assert len(load_corpus(tmp_path).articles) == 29


def test_a_big_json_document_broken_midway_keeps_the_articles_before(tmp_path, monkeypatch):
    from claimdesk.annotations.corpus import jsondoc

    items = ",".join(json.dumps({"title": f"Story {i}", "text": (S1 + " ") * 200}) for i in range(5))
    (tmp_path / "api.json").write_text('{"articles": [' + items + ', {"title": "Cut", "te', "utf-8")
    monkeypatch.setattr(jsondoc, "MAX_FILE_BYTES", 100)
    corpus = load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == [f"Story {i}" for i in range(5)]
    (skipped,) = corpus.skipped
    assert skipped.reason.startswith("invalid JSON after item 5: ")
