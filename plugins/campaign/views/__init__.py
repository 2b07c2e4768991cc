"""Page kinds: one module per kind, the templates they render and the assets the site and the PDFs use."""
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
