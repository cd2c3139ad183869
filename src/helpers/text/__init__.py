"""Layer 4, text: message catalogues (en.py, vi.py, `catalogue.say`), number and date formats, citations,
captions, findings and table wording. Imports the layers below; no matplotlib."""
