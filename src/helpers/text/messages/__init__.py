"""Message catalogues: messages/<lang>/<topic>.py, the same modules and keys in every language;
a key lives in the module of its prefix (`dti.*` in dti.py)."""
