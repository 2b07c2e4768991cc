"""campaign: the MkDocs plugin and tools of campaign-site."""
