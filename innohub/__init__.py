"""innohub: the platform that runs a cross-border innovation hub and its network."""

__version__ = "0.1.0"
