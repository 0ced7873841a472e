"""The menu bar's menus, titled and empty: made with the window so the bar is in place at its first paint.

The action table (``viewer.ui.actions``) fills them once the window has painted; its QActions
and key sequences are not needed to show the article.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

#: Menu keys in menu-bar order, with their titles.
MENUS: dict[str, str] = {"file": "&File", "edit": "&Edit", "view": "&View", "go": "&Go", "help": "&Help"}


def add_menus(bar: QMenuBar) -> dict[str, QMenu]:
    """Add the empty menus to ``bar``, by menu key."""
    menus: dict[str, QMenu] = {}
    for menu_id, title in MENUS.items():
        menu = bar.addMenu(title)
        menu.setObjectName(f"{menu_id}_menu")
        menus[menu_id] = menu
    return menus
