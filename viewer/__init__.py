"""Article Viewer: read saved news articles beside the entities they name."""

__version__ = "0.1.0"

#: The desktop id (launcher, icons, Wayland app id, single-instance socket).
APP_ID = "article-viewer"
#: The names given to Qt (settings, caches) and used by the Qt-free library for the same cache folder.
ORGANISATION = APPLICATION = APP_ID
#: The hicolor sizes shipped as PNG in ``resources/icons/`` (the SVG covers "scalable").
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
