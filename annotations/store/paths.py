"""Where a corpus's annotation store lives by default: one file per corpus in the user data dir."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

APP_NAME = "claimdesk"


def default_db_path(corpus: str | Path) -> Path:
    """``<user data dir>/stores/<folder name>-<hash of the resolved corpus path>.json``."""
    from platformdirs import user_data_dir

    resolved = Path(corpus).expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", resolved.name).strip("._") or "corpus"
    return Path(user_data_dir(APP_NAME)) / "stores" / f"{name[:40]}-{digest}.json"
