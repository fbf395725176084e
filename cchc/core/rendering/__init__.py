"""Official documents (Decree 30/2020/NĐ-CP layout) as DOCX and PDF.

``layout`` decides the wording and measurements once; ``word`` and ``pdf`` express them in their
format. Callers only need the three functions exported here (and ``render_html`` for a preview).
"""

from cchc.core.rendering.layout import filename_for
from cchc.core.rendering.pdf import render_html, render_pdf
from cchc.core.rendering.word import render_docx

__all__ = ["filename_for", "render_docx", "render_html", "render_pdf"]
