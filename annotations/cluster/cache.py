"""The parse cache at an fsspec URL (``s3://bucket/claimdesk``, ``gcs://…``, ``file:///shared/…``), for
workers that share no folder: the same layout and keys as :class:`~claimdesk.annotations.nlp.ParseCache`
(``parses/<model key>/<2 hex>/<sha256 of the text>.spacy``), so a folder synced from the bucket is
a local cache as it is."""

from __future__ import annotations

import re

import fsspec

from ..nlp import ParseCache, text_key


def is_url(location: str) -> bool:
    """Does ``location`` name an fsspec URL (``scheme://…``) rather than a local folder?"""
    return re.match(r"^[a-zA-Z][\w+.-]*://", location) is not None


class RemoteParseCache(ParseCache):
    """A :class:`ParseCache` whose files live on an fsspec file system. A file is written whole in one
    call (object stores make it appear at once; a local or network file system through a temporary
    name and a move), so readers never see half a file."""

    def __init__(self, model: str, url: str):
        super().__init__(model, "/nonexistent")  # the key and the counters; the folder is not used
        self.fs, root = fsspec.core.url_to_fs(url)
        self.root = f"{root.rstrip('/')}/parses/{self.dir.name}"

    def url_of(self, text: str) -> str:
        digest = text_key(text)
        return f"{self.root}/{digest[:2]}/{digest}.spacy"

    def read(self, text: str) -> bytes:
        return self.fs.cat_file(self.url_of(text))

    def put_bytes(self, text: str, data: bytes) -> None:
        target = self.url_of(text)
        self.fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        if self.fs.protocol in ("file", "local", ("file", "local")):
            temporary = f"{target}.{id(data):x}.tmp"
            self.fs.pipe_file(temporary, data)
            self.fs.mv(temporary, target)
        else:
            self.fs.pipe_file(target, data)
