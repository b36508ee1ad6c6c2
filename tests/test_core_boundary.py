"""The core (claimdesk.annotations) never imports Textual: it is a library the app and CLI call."""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimdesk.annotations as core

CORE = Path(core.__file__).parent


def test_no_core_module_mentions_textual_or_the_tui():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                if name.split(".")[0] == "textual" or "tui" in name.split("."):
                    offenders.append(f"{path.relative_to(CORE)}: {name}")
    assert offenders == []


def test_every_core_module_imports_with_textual_unavailable():
    modules = [m.name for m in pkgutil.walk_packages(core.__path__, "claimdesk.annotations.")]
    if not all(importlib.util.find_spec(dep) for dep in ("distributed", "fsspec")):  # the cluster extra is not installed
        modules = [m for m in modules if not m.startswith("claimdesk.annotations.cluster.")]
    assert len(modules) >= 10
    code = (
        "import sys\nsys.modules['textual'] = None\n"  # any `import textual` now raises ImportError
        f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def test_every_package_is_listed_in_pyproject():
    """A subpackage missing from pyproject's list would work here and vanish from the wheel."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    repo = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = set()
    for top, name in (("annotations", "claimdesk.annotations"), ("tui", "claimdesk.tui")):
        for init in (repo / top).rglob("__init__.py"):
            rel = init.parent.relative_to(repo / top).parts
            found.add(".".join((name, *rel)))
    assert found == listed
