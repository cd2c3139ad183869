"""Shared test setup.

Notebook kernels started by nbval and papermill inherit this environment, so
figures written while testing go to a throwaway folder, never to figures/.
"""

import os
import tempfile

os.environ["DX_FIGURES_DIR"] = tempfile.mkdtemp(prefix="dx-test-figures-")
os.environ.pop("MPLBACKEND", None)  # kernels keep the inline backend, as in the stored notebooks
os.environ.setdefault("PYTHONHASHSEED", "0")
