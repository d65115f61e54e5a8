"""Evaluation surveys after gatherings (not built yet)."""
