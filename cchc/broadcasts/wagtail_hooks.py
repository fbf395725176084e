"""The radio's admin screens; each area registers its own in its module."""

from . import admin_schedule, admin_scripts  # noqa: F401  (they register their hooks on import)
