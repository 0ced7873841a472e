"""Qt widgets, actions and printing; everything here reads the model, nothing parses.

Modules loaded before the first paint name the ``Qt`` namespace as ``QtCore.Qt``, inside
functions: PySide6 builds all 93 of its enums the first time the name is looked up (~20 ms
of a ~250 ms start). What start-up itself needs is set by name through Qt's meta-object
(``label.setProperty("textFormat", "PlainText")``) or, for item data roles, as a number.
"""

import sys

import PySide6  # noqa: F401 - loads shiboken, whose import hook is trimmed below


def _skip_feature_scan() -> None:
    """Stop shiboken reading the source of every module imported after PySide6.

    Shiboken's import hook greps each newly imported module's source for "PySide6" so that
    ``from __feature__ import snake_case`` can apply per module. This app selects no feature,
    so every answer behaves alike; the scan only costs time: spaCy's ~900 modules made the
    first entity extraction about 0.2 s slower. Private API, hence the guarded lookup.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", lambda module: False)  # noqa: B010 - a private attribute


_skip_feature_scan()
