"""Test helpers for documents: the poppler tools that read rendered PDFs back."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

POPPLER = ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm")


def require_poppler() -> None:
    """Skip on a developer's machine without poppler-utils; fail in CI, where it must be installed."""
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"poppler tools missing in CI: {', '.join(missing)}")
    pytest.skip(f"poppler tools missing: {', '.join(missing)}")


def require_espeak() -> None:
    """Skip on a developer's machine without espeak-ng; fail in CI, where it must be installed."""
    if shutil.which("espeak-ng"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("espeak-ng missing in CI (apt-get install espeak-ng)")
    pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")


def require_libreoffice() -> str:
    """LibreOffice reads our Word files back the way an official's office suite would."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice missing in CI (libreoffice-writer-nogui)")
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return ""


def run_tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603
