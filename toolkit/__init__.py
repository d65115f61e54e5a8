"""The «Hva er viktig for deg?» toolkit with run charts (a later issue)."""
