"""Article Viewer: read saved news articles beside the entities they name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__version__ = "0.1.0"

#: The desktop id (launcher, icons, Wayland app id, single-instance socket).
APP_ID = "article-viewer"
#: The names given to Qt (settings, caches) and used by the Qt-free library for the same cache folder.
ORGANISATION = APPLICATION = APP_ID
#: The hicolor sizes shipped as PNG in ``resources/icons/`` (the SVG covers "scalable").
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def resource_folder() -> Path:
    """The folder of the files in ``resources/`` (installed as the ``viewer.resources`` package).

    Not ``importlib.resources``, which adds ~4 ms to start-up: the package is always installed as
    plain files (a wheel or an editable checkout), so its folder is where they are.
    """
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("viewer.resources")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the viewer.resources package is missing")
    return Path(spec.origin).parent
