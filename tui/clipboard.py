"""The system clipboard through pyperclip, as a best effort beside OSC 52 (which the app always sends)."""

from __future__ import annotations


def system_copy(text: str) -> str:
    """Copy with pyperclip; "" on success, else why not (no display, no xclip, …)."""
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception as error:  # pyperclip raises its own PyperclipException, or OSError, or worse
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return ""

