"""The documentation site: Markdown pages and data exports rendered from the catalog."""
