"""`modelcat scan`: find catalog model IDs used in a codebase and judge each use.

paths.py walks the files (gitignore, binary, large files, symlinks), matcher.py finds whole
IDs in text, findings.py judges each use with the lifecycle, report.py formats the findings,
catalog_json.py reads a saved api/models.json export.
"""
