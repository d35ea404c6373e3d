"""`make bench`: the pipeline measured on synthetic catalogs, reported as ratios."""
