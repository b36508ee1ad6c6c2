"""Untrusted text → safe text.

Articles, annotations, reviewer input and file names may hold terminal escape sequences, control
characters or bidi overrides. Every string is passed through :func:`clean` on the way in, so none of
them can reach the terminal (or an export) and act there.
"""

from __future__ import annotations

import re

# ESC-introduced strings that run to BEL or ST: OSC (]), DCS (P), SOS (X), PM (^), APC (_).
# Their 8-bit forms (0x9D, 0x90, 0x98, 0x9E, 0x9F) likewise.
_STRING_SEQ = re.compile(r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
# CSI: ESC [ or 0x9B, parameters, intermediates, one final byte.
_CSI_SEQ = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# Any other escape: ESC, optional intermediates, one final byte.
_ESC_SEQ = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
# Remaining C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
# Every character the substitutions below act on: every escape or control starts with one (ESC, a C1
# control, or a control of _CONTROLS), and \r is replaced. A text without any is returned as it is.
_ANY_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Remove escape sequences, control characters and bidi overrides; keep ``\\n`` and ``\\t``.

    Carriage returns become newlines (``\\r\\n`` → ``\\n``) so that Windows line ends survive.
    """
    if not text:
        return ""
    # most texts: nothing to remove. Every character of _ANY_UNSAFE is unprintable (a control or a format
    # character), so a printable text (one line) has none: told in half the time of the search for them.
    if text.isprintable() or _ANY_UNSAFE.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _STRING_SEQ.sub("", text)
    text = _CSI_SEQ.sub("", text)
    text = _ESC_SEQ.sub("", text)
    return _CONTROLS.sub("", text)


def single_spaced(text: str) -> bool:
    """Does a printable ``text`` hold no run of white space to fold (nor any at either end)? A printable
    text holds no white space but the space: every other kind is a control or a separator."""
    return "  " not in text and text[:1] != " " and text[-1:] != " "


def fold_spaces(text: str) -> str:
    """Every run of white space (newlines too) one space, none at either end: ``" ".join(text.split())``."""
    if text.isprintable() and single_spaced(text):
        return text  # nothing to fold: the common line, checked in a third of the time folding takes
    return " ".join(text.split())


def clean_line(text: str) -> str:
    """:func:`clean`, then fold every run of white space (newlines too) to one space."""
    return fold_spaces(clean(text))
