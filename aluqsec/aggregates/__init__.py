"""Per-company score figures stored as typed rows, so that cluster-wide pages aggregate in SQL."""
