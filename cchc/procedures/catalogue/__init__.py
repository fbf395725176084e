"""Load the national catalogue of procedures from JSON or Excel: all rows or none.

Every bad row is reported with its reason; a file with any error changes nothing. A procedure
whose content changed gets a new version, and the communes that publish it follow the new one
(their posted sheets of the old version then show as outdated).

``reading`` turns a file into the catalogue's data, ``validation`` lists every problem in it,
``loading`` writes it to the database.
"""

from .common import CatalogueError, CatalogueReport
from .loading import load_catalogue, load_shipped_catalogue
from .reading import read_catalogue_file
from .validation import validate

__all__ = [
    "CatalogueError", "CatalogueReport", "load_catalogue", "load_shipped_catalogue", "read_catalogue_file", "validate",
]  # fmt: skip
