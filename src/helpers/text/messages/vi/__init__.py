"""The Vietnamese catalogue, one module per notebook or topic (key -> str.format template);
helpers.text.catalogue assembles them."""
