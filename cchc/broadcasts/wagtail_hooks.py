"""The radio's admin screens; each area registers its own hooks in its module (the device actions
register their audit labels)."""

from . import admin_coverage, admin_listeners, admin_schedule, admin_scripts  # noqa: F401
from .actions import devices  # noqa: F401
