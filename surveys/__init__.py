"""Evaluation surveys after gatherings (a later issue)."""
