"""PDF reports: one renderer, one job model, one archive (the status-report issue)."""
