"""The part files a cluster run writes: one per partition, JSON Lines or Parquet, in a folder or at an
fsspec URL.

``jsonl``: ``part-00007.jsonl``, the ``claimdesk extract --json`` lines of the partition's articles
(each claim, then each entity). ``parquet``: ``claims/part-00007.parquet`` and
``entities/part-00007.parquet``, one row per claim (``value`` split into ``value``/``value_low``/
``value_high``, so every column has one type) and per entity; ``dask.dataframe.read_parquet`` or
pandas read the folders as tables. A part is written whole (a retried partition writes it again).
"""

from __future__ import annotations

import io

import fsspec

from ..extract import ArticleExtraction

FORMATS = ("jsonl", "parquet")
CLAIM_COLUMNS = ("article", "id", "start", "end", "text", "sentence", "value", "value_low", "value_high", "approx",
                 "unit", "change", "from_value", "of_value", "of_unit", "counted", "predicate", "source", "date")
ENTITY_COLUMNS = ("article", "id", "start", "end", "text", "label", "origin")


def write_part(output: str, name: str, results: list[ArticleExtraction], fmt: str) -> str:
    """Write the part ``name`` of ``results`` under ``output``; returns what was written."""
    if fmt == "jsonl":
        text = "".join(line + "\n" for result in results for line in result.json_lines())
        return _write(f"{output.rstrip('/')}/{name}.jsonl", text.encode("utf-8"))
    if fmt == "parquet":
        claims = [_claim_row(result.article.path, c) for result in results for c in result.claims]
        entities = [{"article": result.article.path, **{k: getattr(e, k) for k in ENTITY_COLUMNS[1:]}}
                    for result in results for e in result.entities]
        _write(f"{output.rstrip('/')}/claims/{name}.parquet", _parquet(claims, CLAIM_COLUMNS))
        _write(f"{output.rstrip('/')}/entities/{name}.parquet", _parquet(entities, ENTITY_COLUMNS))
        return f"{output.rstrip('/')}/{{claims,entities}}/{name}.parquet"
    raise ValueError(f"unknown output format {fmt!r}: use {' or '.join(FORMATS)}")


def _claim_row(path: str, claim) -> dict:
    value = claim.value
    low, high = (value[0], value[1]) if isinstance(value, list) else (value, value)
    return {"article": path, **{k: getattr(claim, k) for k in CLAIM_COLUMNS if hasattr(claim, k) and k != "value"},
            "value": None if isinstance(value, list) else float(value), "value_low": float(low),
            "value_high": float(high), "from_value": _float(claim.from_value), "of_value": _float(claim.of_value)}


def _float(value) -> float | None:
    return None if value is None else float(value)


def _parquet(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    import pyarrow as pa  # the cluster extra: only a Parquet run needs it
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=_schema(columns))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _schema(columns: tuple[str, ...]):
    import pyarrow as pa

    numbers = {"value", "value_low", "value_high", "from_value", "of_value"}
    integers = {"start", "end"}
    return pa.schema([(c, pa.float64() if c in numbers else pa.int64() if c in integers else pa.string())
                      for c in columns])


def _write(url: str, data: bytes) -> str:
    fs, path = fsspec.core.url_to_fs(url)
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    fs.pipe_file(path, data)
    return url
