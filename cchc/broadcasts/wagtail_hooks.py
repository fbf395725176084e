"""The radio's admin screens; each area registers its own hooks in its module."""

from . import admin_coverage, admin_listeners, admin_schedule, admin_scripts  # noqa: F401
