"""Layer 6, notebooks: one module per notebook view: the frames a notebook shows and the figures it
saves, assembled from analysis, text and charts."""
