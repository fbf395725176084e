"""Printed matter of the one-stop desk: posting sheets, field leaflets and blank forms.

Villagers read procedures on the wall of the desk or the village cultural house, take a leaflet
home, and fill a form by hand, so each is made for paper: large serif type, one procedure per
sheet, panels that never run across a fold, dotted lines long enough to write on. The PDFs go
through the official-document renderer (same fonts, same WeasyPrint set-up) and the form through
its Word page and style set-up. What a sheet or leaflet says about fees and where to go comes from
``cchc.procedures.local_terms``, as on the web page and in the API.
"""

from .common import filename, qr_svg
from .forms import form_docx
from .leaflet import leaflet_html, leaflet_pdf
from .sheets import posting_sheets_html, posting_sheets_pdf

__all__ = [
    "filename",
    "form_docx",
    "leaflet_html",
    "leaflet_pdf",
    "posting_sheets_html",
    "posting_sheets_pdf",
    "qr_svg",
]
