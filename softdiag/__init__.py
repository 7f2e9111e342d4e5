"""softdiag: a desktop softphone that explains itself (the engine; never imports Qt)."""

__version__ = "0.1.0"
