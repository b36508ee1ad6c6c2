"""claimdesk's core: corpus loading, cleaning, extraction, the annotation store, rules, links, export.

Nothing in this package imports Textual; the terminal app in ``claimdesk.tui`` is one client of it,
the command line another.
"""

from functools import lru_cache


@lru_cache(maxsize=1)
def version() -> str:
    """The installed distribution's version (read on first need: importlib.metadata is slow to load)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("claimdesk")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
