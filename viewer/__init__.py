"""Article Viewer: read saved news articles beside the entities they name."""

__version__ = "0.1.0"
