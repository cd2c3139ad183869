"""Helpers for the Hậu Giang / Tiền Giang digital transformation notebooks.

Modules: paths (where things live), numbers (Vietnamese numerals), sources
(raw articles and quote matching), loading (typed tables), validation (data
checks), coverage (every number in the articles accounted for), comparison,
plotting, running (papermill runner; `python -m helpers.run`).
"""
