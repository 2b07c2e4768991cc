"""The MkDocs adapter: the plugin, its config, navigation and search. The only modules that import mkdocs."""
