"""Article Viewer: read saved news articles beside the entities they name."""

__version__ = "0.1.0"

#: The names given to Qt (settings, caches) and used by the Qt-free library for the same cache folder.
ORGANISATION = APPLICATION = "article-viewer"
