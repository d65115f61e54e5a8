"""The «Hva er viktig for deg?» toolkit with run charts (not built yet)."""
