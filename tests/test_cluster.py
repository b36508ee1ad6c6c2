"""Extraction on a Dask cluster: partitions read as a whole read does, a LocalCluster of 2 worker
processes gives the single-process output, and a worker killed mid-run still yields all of it.

The Dask tests need the cluster extra (``pip install -e '.[test,cluster]'``) and are skipped without it."""

from __future__ import annotations

import json
import os
import signal
import threading

import pytest

from claimdesk.annotations.cluster import partitions
from claimdesk.annotations.corpus import Skipped, load_corpus
from claimdesk.annotations.corpus.boilerplate import BoilerplateFilter
from claimdesk.tui.cli import main

ARTICLE = ("Report {n}\n\nBy Ann Lee for AP\n\nOctober {day}, 2020\n\n"
           "Some {a} troops crossed the border on Friday, officials said.\n\n"
           "At least {b} civilians were killed and {c} were wounded, the ministry said.\n")


def write_folder(folder, n=12):
    folder.mkdir()
    for k in range(n):
        (folder / f"a{k:02d}.txt").write_text(ARTICLE.format(n=k, day=k % 28 + 1, a=100 + k, b=k + 3, c=2 * k + 5),
                                              "utf-8")
    return folder


def write_jsonl(path, n=40):
    lines = []
    for k in range(n):
        record = {"title": f"Story {k}", "text": f"The council counted {k + 10} votes and {k} ballots were spoiled.",
                  "date": "2021-03-02"}
        if k % 3 == 0:
            record["id"] = f"s{k}"
        lines.append(json.dumps(record) if k != 17 else "{not json")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


# -- partitions (no Dask needed) ----------------------------------------------------------------------

def read_in_parts(path, partition_bytes: int):
    """(the partitions of one file, the articles and the skips read from them one by one)."""
    parts = partitions.plan(path, partition_bytes=partition_bytes)
    chrome = BoilerplateFilter()
    items = [item for part in parts for item in partitions.read_partition(part, chrome)]
    return parts, [a for a in items if not isinstance(a, Skipped)], [s for s in items if isinstance(s, Skipped)]


def test_json_lines_partitions_read_as_the_whole_file(tmp_path):
    path = write_jsonl(tmp_path / "stories.jsonl")
    parts, articles, skipped = read_in_parts(path, 500)
    assert len(parts) > 3
    whole = load_corpus(path)
    assert articles == whole.articles
    assert skipped == whole.skipped  # "line 18: invalid JSON …"


def test_folder_partitions_hold_every_file_once(tmp_path):
    folder = write_folder(tmp_path / "corpus", n=7)
    parts = partitions.plan(folder, files_per_partition=3)
    assert [len(p.files) for p in parts] == [3, 3, 1]
    chrome = BoilerplateFilter()
    assert [a for p in parts for a in partitions.read_partition(p, chrome)] == load_corpus(folder).articles


# -- on a LocalCluster ---------------------------------------------------------------------------------

def dask_or_skip():
    return pytest.importorskip("distributed", reason="the cluster extra is not installed "
                                                     "(pip install -e '.[test,cluster]')")


def single_process_lines(folder, capsys) -> list[str]:
    assert main(["extract", str(folder), "--json", "--model", "blank", "--no-cache"]) == 0
    return capsys.readouterr().out.splitlines()


def test_local_cluster_gives_the_single_process_output(tmp_path, capsys, monkeypatch):
    dask_or_skip()
    pyarrow = pytest.importorskip("pyarrow.parquet", reason="the cluster extra is not installed")
    folder = write_folder(tmp_path / "corpus")
    expected = single_process_lines(folder, capsys)
    monkeypatch.setattr(partitions, "FILES_PER_PARTITION", 2)
    out = tmp_path / "parts"
    assert main(["extract", str(folder), "--json", "--model", "blank", "--scheduler", "local", "--jobs", "2",
                 "--output", str(out), "--output-format", "parquet", "--parse-cache", str(tmp_path / "cache")]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == expected  # in corpus order, byte for byte
    assert "6 partitions, 12 articles" in captured.err
    claims = sum(pyarrow.read_table(p).num_rows for p in (out / "claims").glob("*.parquet"))
    assert claims == sum(1 for line in expected if json.loads(line)["kind"] == "claim")
    # the results are in the corpus index: extract again reads them, parsing nothing
    assert main(["extract", str(folder), "--json", "--model", "blank"]) == 0
    assert capsys.readouterr().out.splitlines() == expected


def test_a_worker_killed_mid_run_still_yields_the_full_output(tmp_path, capsys):
    distributed = dask_or_skip()
    from claimdesk.annotations.cluster.run import extract_on_cluster
    from claimdesk.annotations.store.empty import EmptyStore

    folder = write_folder(tmp_path / "corpus", n=16)
    expected = sorted(single_process_lines(folder, capsys))
    partitions.FILES_PER_PARTITION, saved = 1, partitions.FILES_PER_PARTITION
    killed = threading.Event()
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      silence_logs=50) as cluster, distributed.Client(cluster) as client:
            pids = client.run(os.getpid)

            def kill_one(done: int, total: int, _name: str) -> None:
                if not killed.is_set():  # at the first partition done: one worker dies with work left
                    assert done < total
                    os.kill(sorted(pids.values())[0], signal.SIGKILL)
                    killed.set()

            out = tmp_path / "parts"
            report = extract_on_cluster(folder, client, store=EmptyStore(), model="blank", output=str(out),
                                        cache=str(tmp_path / "cache"), progress=kill_one)
    finally:
        partitions.FILES_PER_PARTITION = saved
    assert killed.is_set()
    assert report.articles == 16 and report.partitions == 16
    lines = sorted(line for part in out.glob("*.jsonl") for line in part.read_text("utf-8").splitlines())
    assert lines == expected


def test_remote_parse_cache_round_trip(tmp_path):
    pytest.importorskip("fsspec", reason="the cluster extra is not installed")
    import spacy

    from claimdesk.annotations.cluster.cache import RemoteParseCache, is_url
    from claimdesk.annotations.nlp import doc_to_bytes

    assert is_url("s3://bucket/x") and is_url("file:///tmp/x") and not is_url("/tmp/x")
    cache = RemoteParseCache("blank", "memory://claimdesk-test")
    nlp = spacy.blank("en")
    text = "Some 400 troops crossed."
    assert cache.get(text, nlp.vocab) is None
    cache.put_bytes(text, doc_to_bytes(nlp(text)))
    assert cache.get(text, nlp.vocab).text == text
    local = RemoteParseCache("blank", f"file://{tmp_path}")
    local.put_bytes(text, doc_to_bytes(nlp(text)))
    assert local.get(text, nlp.vocab).text == text
    assert list(tmp_path.rglob("*.tmp")) == []


def test_scheduler_without_the_extra_says_how_to_install(tmp_path, capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith(("distributed", "dask")) or name.endswith("cluster.run"):
            raise ImportError(name=name.split(".")[0])
        return real_import(name, *args, **kwargs)

    folder = write_folder(tmp_path / "corpus", n=2)
    monkeypatch.setattr(builtins, "__import__", no_dask)
    assert main(["extract", str(folder), "--scheduler", "local"]) == 2
    assert "pip install 'claimdesk[cluster]'" in capsys.readouterr().err


def write_csv(path, n=60):
    rows = ["id,title,text,date"]
    for k in range(n):
        text = f'"The board counted {k + 10} votes.\n\nA second paragraph said {k} were ""spoiled""."'
        rows.append(f"{'r' + str(k) if k % 4 == 0 else ''},Story {k},{text if k != 23 else ''},2021-03-0{k % 9 + 1}")
        if k % 10 == 5:
            rows.append("")  # a blank line: not a row
    path.write_text("\r\n".join(rows) + "\r\n", "utf-8")
    return path


def test_csv_partitions_read_as_the_whole_table(tmp_path):
    path = write_csv(tmp_path / "stories.csv")
    parts, articles, skipped = read_in_parts(path, 600)
    assert len(parts) > 3 and all(p.kind == "csv" for p in parts)
    whole = load_corpus(path)
    assert articles == whole.articles
    assert skipped == whole.skipped  # "row 25 (line …): no text"


def test_a_table_with_broken_quoting_is_one_partition(tmp_path):
    """An opening quote never closed swallows lines; a whole read reports the row and reads on from its
    next line, which a cut could not know: such a table is read whole."""
    path = write_csv(tmp_path / "stories.csv")
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    lines.insert(30, 'r99,Broken,"an opening quote never closed,2021-03-01')
    path.write_text("\r\n".join(lines), "utf-8")
    assert any("broken quoting" in s.reason for s in load_corpus(path).skipped)
    assert len(partitions.plan(path, partition_bytes=600)) == 1


def test_web_archive_partitions_hold_every_page_once(tmp_path):
    from test_corpus_shapes import S1, S2, page, warc_bytes

    pages = [(f"https://harbour.test/story-{k}", page(f"Story {k} | Harbour Times", f"Story {k}", (S1, S2)))
             for k in range(12)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes(pages))
    parts, articles, _ = read_in_parts(path, 1500)
    assert len(parts) > 3 and all(p.kind == "warc" for p in parts)
    assert articles == load_corpus(path).articles
