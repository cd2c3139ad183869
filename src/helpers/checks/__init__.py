"""Layer 2, checks: the `make validate` gate (tables, ids, keys, ranges, dates, quotes against the raw
articles) and number coverage (`python -m helpers.checks.coverage`). Imports only data."""
