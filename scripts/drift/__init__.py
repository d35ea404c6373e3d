"""Drift: the catalog compared with each provider's live `/models` list."""
