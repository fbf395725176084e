"""The speakers' device API under /api/v1/loa/: a speaker's schedule, its audio, its play reports and health."""

from ninja import Router

router = Router(tags=["Cụm loa"])
