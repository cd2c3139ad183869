"""Layer 5, charts: drawing only (panels, stacked bars, rank charts, maps, label layout) and
deterministic saving (plotting). Takes frames and texts; imports the layers below."""
