"""The application icon, built from the PNG sizes shipped in ``resources/icons``."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

from viewer import APP_ID, ICON_SIZES


def application_icon() -> QIcon:
    """The app icon at every shipped size, so each platform picks a sharp one (title bar, task bar, Dock).

    PNGs rather than the SVG: they need no image-format plugin and match what the launcher installs.
    """
    icons = resources.files("viewer.resources").joinpath("icons")
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icons.joinpath(f"{APP_ID}-{size}.png")))
    return icon
