"""Read a PDF as a person would: its text by poppler's pdftotext."""

from __future__ import annotations

import subprocess


def pdf_text(data: bytes) -> str:
    """The words of the PDF, whitespace collapsed (hyphenation is off in our print CSS)."""
    assert data.startswith(b"%PDF")
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())
