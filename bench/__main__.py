"""make bench: every benchmark prints its figures beside a baseline measured in the same run.

``python -m bench`` runs them all; ``python -m bench portal_pages`` (``make bench BENCH=portal_pages``)
runs only those named. The exit status is non-zero when one of them could not run (nginx or wrk missing).
"""

import sys

from bench import (
    contest_burst,
    portal_pages,
    printed_sets,
    procedure_search,
    search_quality,
    speech_render,
    survey_index,
)

BENCHMARKS = {
    "search_quality": search_quality.main,  # no database: the index built from the catalogue file
    "procedure_search": procedure_search.main,
    "printed_sets": printed_sets.main,
    "survey_index": survey_index.main,  # PostgreSQL only; the database of the benches above, or its own
    "portal_pages": portal_pages.main,  # starts its own servers and database: needs no Django here
    "speech_render": speech_render.main,  # no database; needs espeak-ng
    "contest_burst": contest_burst.main,  # starts its own servers and PostgreSQL database; needs wrk
}

if __name__ == "__main__":
    names = sys.argv[1:] or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"Không có phép đo {', '.join(unknown)}; có: {', '.join(BENCHMARKS)}")
    failed = [name for name in names if BENCHMARKS[name]()]
    sys.exit(1 if failed else 0)
