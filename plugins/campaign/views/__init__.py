"""Page kinds: one module per kind, the templates they render and the assets the site and the PDFs use."""
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
# material theme overrides every project gets (the government footer from mkdocs.yml extra.gov_footer);
# a project's own theme.custom_dir still wins
THEME = Path(__file__).parent / "theme"
