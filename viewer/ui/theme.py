"""Light and dark looks: the window palette and the entity colours and underline styles per type."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QFrame

from viewer.model import EntityType


class ThemeChoice(StrEnum):
    """What the user picked: follow the system, or force one look."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class EntityStyle(NamedTuple):
    """How one entity type is marked: a tint behind the words, an ink for the line under them.

    The underline style is the cue that does not depend on telling colours apart.
    """

    label: str
    plural: str
    light_tint: str
    light_ink: str
    dark_tint: str
    dark_ink: str
    underline: QTextCharFormat.UnderlineStyle

    def tint(self, dark: bool) -> QColor:
        """The background behind a mention."""
        return QColor(self.dark_tint if dark else self.light_tint)

    def ink(self, dark: bool) -> QColor:
        """The underline colour and the panel swatch."""
        return QColor(self.dark_ink if dark else self.light_ink)


_U = QTextCharFormat.UnderlineStyle

# Hues from the Okabe–Ito colour-blind-safe set; tints are pale in light mode and deep in dark
# mode so body text keeps its contrast on both.
ENTITY_STYLES: dict[EntityType, EntityStyle] = {
    EntityType.PERSON: EntityStyle("Person", "People", "#dbeafe", "#0072b2", "#1d3a5c", "#6cb4ee", _U.SingleUnderline),
    EntityType.ORG: EntityStyle(
        "Organisation", "Organisations", "#fde8cc", "#c26a00", "#553512", "#f0a848", _U.DashUnderline
    ),
    EntityType.PLACE: EntityStyle("Place", "Places", "#d5f0e3", "#00805a", "#163f31", "#4cc49a", _U.DotLine),
    EntityType.GROUP: EntityStyle("Group", "Groups", "#f6dcea", "#b0457f", "#4d2340", "#e58fbf", _U.DashDotLine),
    EntityType.DATE: EntityStyle("Date", "Dates", "#ece6c4", "#7a6a00", "#433c12", "#d8c55a", _U.WaveUnderline),
    EntityType.NUMBER: EntityStyle("Number", "Numbers", "#e4e4e4", "#555555", "#3a3a3a", "#b8b8b8", _U.DashDotDotLine),
    EntityType.EVENT: EntityStyle("Event", "Events", "#fbdcd2", "#c1401a", "#56261a", "#f08a66", _U.SingleUnderline),
    EntityType.WORK: EntityStyle("Work", "Works", "#e6def7", "#6a4fb0", "#33295a", "#ad98ea", _U.DashUnderline),
    EntityType.LANGUAGE: EntityStyle("Language", "Languages", "#d6eef2", "#217a8a", "#173e45", "#66c2d2", _U.DotLine),
}


#: Set on the application once its style is in place (see ``install_reading_style``).
_READING_STYLE_SET = "articleViewerReadingStyle"


def is_dark(choice: ThemeChoice, *, first_look: bool = False) -> bool:
    """Whether ``choice`` means the dark look right now (asking the system for SYSTEM).

    For the window's ``first_look`` the platform's palette answers for the system: asking for the
    colour scheme builds PySide6's whole ``Qt`` namespace (~20 ms, see ``viewer.ui``), and a platform
    in dark mode gives Fusion dark colours. The window asks for the scheme once the first article's
    entities are shown.
    """
    if choice is not ThemeChoice.SYSTEM:
        return choice is ThemeChoice.DARK
    if first_look:
        palette, role = QGuiApplication.palette(), QPalette.ColorRole
        return palette.color(role.WindowText).lightness() > palette.color(role.Window).lightness()
    return QGuiApplication.styleHints().colorScheme() == QtCore.Qt.ColorScheme.Dark


def _palette(dark: bool) -> QPalette:
    """A complete palette, so the look does not depend on what the platform style provides."""
    role = QPalette.ColorRole
    colours = (
        {
            role.Window: "#26272b",
            role.WindowText: "#e6e6e6",
            role.Base: "#1c1d20",
            role.AlternateBase: "#2b2c31",
            role.Text: "#e4e2dd",
            role.Button: "#303136",
            role.ButtonText: "#e6e6e6",
            role.Highlight: "#3d6fb4",
            role.HighlightedText: "#ffffff",
            role.ToolTipBase: "#303136",
            role.ToolTipText: "#e6e6e6",
            role.PlaceholderText: "#8a8a8a",
            role.Link: "#7fb2f0",
            role.Mid: "#45464c",
            role.Midlight: "#3a3b40",
            role.Dark: "#141517",
            role.Light: "#4a4b52",
            role.Shadow: "#000000",
        }
        if dark
        else {
            role.Window: "#f3f2ef",
            role.WindowText: "#1f1f1f",
            role.Base: "#fdfcf9",
            role.AlternateBase: "#f1efe9",
            role.Text: "#1d1d1b",
            role.Button: "#eceae5",
            role.ButtonText: "#1f1f1f",
            role.Highlight: "#2f6db5",
            role.HighlightedText: "#ffffff",
            role.ToolTipBase: "#fffbe6",
            role.ToolTipText: "#1f1f1f",
            role.PlaceholderText: "#767676",
            role.Link: "#1f5fa8",
            role.Mid: "#c9c6bf",
            role.Midlight: "#e2e0da",
            role.Dark: "#a09d96",
            role.Light: "#ffffff",
            role.Shadow: "#5a5a5a",
        }
    )
    palette = QPalette()
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QColor("#7a7a7a" if dark else "#9a9a9a")
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, colour_role, disabled)
    return palette


def add_focus_edge(frame: QFrame) -> None:
    """Give a pane (the article, a list) the edge :func:`show_focus_edge` colours: 2 px, plain."""
    frame.setFrameShape(QFrame.Shape.Box)
    frame.setFrameShadow(QFrame.Shadow.Plain)
    frame.setLineWidth(2)
    show_focus_edge(frame, False)


def show_focus_edge(frame: QFrame, focused: bool) -> None:
    """Draw ``frame``'s edge in the highlight colour while it has the focus, in its background otherwise.

    Where the keyboard is, in either look: Fusion marks a focused item view no differently.
    A plain frame is drawn in WindowText; only that role is set, so theme changes still reach
    every other colour of the widget (call again after one).
    """
    theme = QApplication.palette()
    palette = frame.palette()
    colour = theme.color(QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Base)
    if palette.color(QPalette.ColorRole.WindowText) != colour:
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        frame.setPalette(palette)


def apply_theme(app: QApplication, choice: ThemeChoice, *, first_look: bool = False) -> bool:
    """Give the whole application the light or dark look; returns whether it is dark.

    Both looks are Fusion (``viewer.ui.app.application`` asks for it), which draws every control
    from the palette, so both are complete on every platform. ``first_look``: see :func:`is_dark`.
    """
    dark = is_dark(choice, first_look=first_look)
    app.setPalette(_palette(dark))
    return dark


def install_reading_style(app: QApplication) -> None:
    """Fusion with check boxes that keep a visible edge, once per application.

    The window calls this after its first paint: the style costs about 15 ms to set up and
    re-polishes every widget, and until then the boxes are plain Fusion's.
    """
    if app.property(_READING_STYLE_SET):
        return
    from viewer.ui.reading_style import ReadingStyle

    app.setStyle(ReadingStyle("Fusion"))
    app.setProperty(_READING_STYLE_SET, True)
