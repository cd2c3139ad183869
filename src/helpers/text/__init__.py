"""Layer 4, text: message catalogues (messages/en/, messages/vi/, `catalogue.say`), number and date formats,
citations, captions, findings and table wording. Imports the layers below; no matplotlib."""
