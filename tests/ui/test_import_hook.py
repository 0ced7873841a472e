"""Modules imported after the UI package are not read back by shiboken's feature hook."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import viewer.ui  # noqa: F401 - the package under test trims the hook on import


def test_a_module_imported_after_the_ui_is_not_read_back(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "late_module_for_hook_test.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    module = __import__("late_module_for_hook_test")  # an import statement: through builtins.__import__
    try:
        assert module.VALUE == 1
        # inspect.getsource, which the hook used, leaves the file's lines in linecache.
        assert str(source) not in linecache.cache
    finally:
        sys.modules.pop("late_module_for_hook_test", None)
