"""The annotation store: every decision a reviewer makes, durable on return, undoable, re-anchorable.

    from claimdesk.annotations.store import open_store
    from claimdesk.annotations.anchoring import make_selector

    with open_store("review.json", reviewer="ana") as store:
        store.accept(claim_id, article.id, make_selector(article.text, start, end))
        change = store.undo()           # Change: .articles to refresh, .changes document by document

See docs/annotation-store.md for the file format and the guarantees.
"""

from .errors import (
    CorruptStoreError,
    ReadOnlyStoreError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    StoreWriteError,
)
from .lock import Holder
from .paths import default_db_path
from .records import CLAIM_STATUSES, ENTITY_ACTIONS, LINK_TYPES, default_reviewer
from .schema import SCHEMA_VERSION
from .storage import AtomicJSONStorage
from .store import Change, ReanchorResult, Store, open_store

__all__ = [
    "CLAIM_STATUSES",
    "ENTITY_ACTIONS",
    "LINK_TYPES",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "Change",
    "CorruptStoreError",
    "Holder",
    "ReadOnlyStoreError",
    "ReanchorResult",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "StoreWriteError",
    "default_db_path",
    "default_reviewer",
    "open_store",
]
