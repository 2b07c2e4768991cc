"""The plugin's options, grouped by concern (mkdocs.yml: plugins: campaign:)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c


class CampaignConfig(base.Config):
    # Where the campaign's data lives (docs_dir is MkDocs' own: content/)
    data_dir = c.Type(str, default="data")

    # Who the build is for: public drops every internal field at the model layer
    audience = c.Choice(("public", "internal"), default="public")

    # The public site's configuration: the staff build (audience: internal) refuses to write
    # into its site_dir or to share its site_url
    public_config = c.Type(str, default="mkdocs.yml")

    # The day derived figures are computed for (task status, phases, notice status);
    # empty means today. The environment variable CAMPAIGN_AS_OF overrides it.
    as_of = c.Optional(c.Type((str, dt.date)))

    # Print pipeline: PDFs under print/, cached by content (CAMPAIGN_CACHE_DIR overrides the folder)
    pdf = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/campaign")
    # Licensed 公文 faces the office owns, by role; they win over the open ones (fonts.py):
    # body 仿宋, heading 黑体, subheading 楷体, title 小标宋, number 宋体 (page numbers)
    fonts = c.Type(dict, default={})


def site_dir_of(config_file: Path) -> Path:
    """The folder a MkDocs configuration builds into (its site_dir, resolved)."""
    from mkdocs.config import load_config

    return Path(load_config(config_file=str(config_file)).site_dir).resolve()
