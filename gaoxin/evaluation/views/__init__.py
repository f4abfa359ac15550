"""The evaluation's pages, one module per area."""
