"""Maintainers only: rebuilds data/reference/ from the shared reference folder (`python -m
helpers.reference.build`). Imports only data; nothing at run time imports it."""
