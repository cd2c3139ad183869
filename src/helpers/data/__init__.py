"""Layer 1, data: where files live, typed tables, periods, Vietnamese numerals, raw articles and
quote matching, province boundaries. Imports nothing else of the package."""
