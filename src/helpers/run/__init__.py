"""Layer 7, run: parameters, the papermill runner (`python -m helpers.run`), JupyterLab launcher,
benchmark. Imports any layer; nothing imports it except the notebooks' set-up cell."""
