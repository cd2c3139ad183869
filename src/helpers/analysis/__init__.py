"""Layer 3, analysis: evidence tiers, comparable pairs, derived numbers and rates, DTI and PAPI score
gaps, the verdict rule, scorecard rows: language-neutral frames. Imports data and checks."""
