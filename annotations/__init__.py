"""claimdesk's core: corpus loading, cleaning, extraction, the annotation store, rules, links, export.

Nothing in this package imports Textual; the terminal app in ``claimdesk.tui`` is one client of it,
the command line another.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimdesk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
