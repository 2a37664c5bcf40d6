"""Delegations and agreements."""
