"""What the print pipeline renders: one article to one PDF."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintJob:
    """A page to render to PDF after the build: ``print/<name>.pdf``."""

    name: str                 # path under print/, without .pdf
    html: str                 # the article to print (the same markup as on the web page)
    stylesheets: tuple[str, ...] = ("print/base.css",)   # relative to the assets folder
    title: str = ""
