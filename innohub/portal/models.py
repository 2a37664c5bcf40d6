"""Public-facing content of the portal."""
