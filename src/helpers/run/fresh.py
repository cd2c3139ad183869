"""Run inside a kept kernel before its next notebook (helpers.run.kernel_pool): no figure,
variable or import of the last notebook left."""

from __future__ import annotations


def fresh_namespace() -> None:
    """Close every figure and clear the namespace as IPython's reset does, without the full
    garbage collection the reset ends with (about 0.1 s with pandas and matplotlib loaded):
    once its names are gone nothing of the last notebook can be reached, and Python's own
    collector frees it in time."""
    import gc

    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    collect = gc.collect
    gc.collect = lambda *args: 0
    try:
        get_ipython().reset(new_session=False)
    finally:
        gc.collect = collect
