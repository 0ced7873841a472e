"""The application icon, built from the PNG sizes shipped in ``resources/icons``."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from viewer import APP_ID, ICON_SIZES, resource_folder


def application_icon() -> QIcon:
    """The app icon at every shipped size, so each platform picks a sharp one (title bar, task bar, Dock).

    PNGs rather than the SVG: they need no image-format plugin and match what the launcher installs.
    """
    icons = resource_folder() / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icons / f"{APP_ID}-{size}.png"))
    return icon
