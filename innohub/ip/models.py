"""Intellectual property."""
