"""The shape of the catalogue's data, shared by reading, validation and loading."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import SubmissionMethod

REQUIRED = ["code", "name", "field", "steps", "dossier", "processing_time", "agency", "result", "submission"]
LIST_KEYS = ["audiences", "steps", "legal_basis", "keywords", "sources"]
JSON_KEYS = ["submission", "dossier", "forms"]
METHODS = set(SubmissionMethod.values)
# What a procedure's version is made of: a change in any of these makes a new version.
CONTENT_KEYS = [
    "name", "field", "level", "audiences", "steps", "submission", "dossier", "forms", "processing_time",
    "processing_days", "fees", "who_may_submit", "agency", "result", "conditions", "legal_basis",
    "effective_date", "online_level", "keywords", "code_verified", "sources",
]  # fmt: skip


class CatalogueError(Exception):
    """A file that cannot be loaded, with every reason in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class CatalogueReport:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    fields: int = 0
    life_events: int = 0
    communes_following: set[int] = field(default_factory=set)  # ids of communes publishing a new version
