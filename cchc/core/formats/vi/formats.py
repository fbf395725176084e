"""Vietnamese dates are written day first: 05/04/2026 is the fifth of April.

Django's Vietnamese locale sets no input formats, so forms fell back to the American "%m/%d/%Y"
and read 05/04/2026 as 4 May. Day-first formats come first; ISO stays for the browser's date inputs.
"""

from django.conf.locale.vi.formats import *  # noqa: F403  (everything else as Django's Vietnamese locale)

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
