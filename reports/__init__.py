"""PDF reports: one renderer, one job model, one archive."""
