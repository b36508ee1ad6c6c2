"""claimdesk's own files and folders, which are never read as corpus files.

The user data, cache and state folders (platformdirs: annotation files, the corpus index, the parse and
load caches, reading positions) are claimdesk's, and so is an annotation file or an index put elsewhere
(``--db FILE``, a ``cache_dir``): stores and indexes call :func:`keep_out_of_corpus` on their files when
they open. When any of them lies inside a corpus folder, the corpus walk
(:func:`claimdesk.annotations.corpus.corpus_files`) leaves it out, with the files named after it
(``x.json.journal``, ``x.json.backups/``, ``x.sqlite-wal``): :func:`own_names` says which names to leave
out of which folder.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from dataclasses import dataclass

from platformdirs import user_cache_dir, user_data_dir, user_state_dir

APP_NAME = "claimdesk"

_claimed: set[str] = set()  # real paths of the store and index files opened in this process
_claimed_lock = threading.Lock()


def user_folders() -> list[str]:
    """The user data, cache and state folders of claimdesk, as the environment says now (``XDG_*``)."""
    return [user_data_dir(APP_NAME), user_cache_dir(APP_NAME), user_state_dir(APP_NAME)]


def keep_out_of_corpus(path: str | os.PathLike) -> None:
    """``path`` (an annotation file, an index) is claimdesk's: it, and the files beside it named after it,
    are never corpus files."""
    with _claimed_lock:
        _claimed.add(os.path.realpath(path))


@dataclass(frozen=True)
class OwnNames:
    """The names in one folder that are claimdesk's: folders, and files with the files named after them."""

    folders: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()

    def __contains__(self, name: str) -> bool:
        return name in self.folders or any(name == own or name.startswith((own + ".", own + "-"))
                                           for own in self.files)


def own_names() -> dict[str, OwnNames]:
    """claimdesk's own files and folders, by the real path of the folder that holds them."""
    with _claimed_lock:
        files = list(_claimed)
    folders: dict[str, set[str]] = defaultdict(set)
    for folder in user_folders():
        parent, name = os.path.split(os.path.realpath(folder))
        folders[parent].add(name)
    by_parent: dict[str, list[str]] = defaultdict(list)
    for path in files:
        parent, name = os.path.split(path)
        by_parent[parent].append(name)
    return {parent: OwnNames(frozenset(folders.get(parent, ())), tuple(by_parent.get(parent, ())))
            for parent in {*folders, *by_parent}}
