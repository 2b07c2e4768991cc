"""The Jinja environment and the Markdown pipeline for text from data."""
