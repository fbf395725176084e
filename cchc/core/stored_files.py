"""Documents the task worker builds and stores (printed posting sets, bulletin PDFs), as the public
URLs that serve them see them: is a file there, and was it built from the content as it is now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def is_stored(row: Any) -> bool:
    """The row has a file and the storage still holds it."""
    return row is not None and bool(row.file) and row.file.storage.exists(row.file.name)


@dataclass
class Stored:
    """What a public URL of a built document can send now: ``row`` (or nothing), and whether its
    ``stamp`` (a digest of what it was built from) is the current ``stamp``."""

    stamp: str  # "" when there is nothing to build from
    row: Any

    @property
    def ready(self) -> bool:
        return is_stored(self.row)

    @property
    def fresh(self) -> bool:
        return self.ready and self.row.stamp == self.stamp
