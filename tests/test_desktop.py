"""The launcher install: a valid entry in a temporary XDG_DATA_HOME, no default stolen, exact uninstall."""

from __future__ import annotations

import hashlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop_entry import entry_values, expand_exec, private_xdg
from viewer import APP_ID, ICON_SIZES, desktop
from viewer.cli import main
from viewer.desktop import DESKTOP_FILE, exec_argument, install_desktop, uninstall_desktop

REPO = Path(__file__).resolve().parents[1]


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with a digest of its content (folders map to "")."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private desktop: data, config and system folders under tmp_path, nothing configured."""
    return private_xdg(tmp_path, monkeypatch)


def test_bundled_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(REPO / "resources" / DESKTOP_FILE)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_install_puts_a_valid_entry_and_every_icon_size_in_xdg_data_home(xdg: dict[str, str]) -> None:
    report = install_desktop(environ=xdg)
    root = Path(xdg["XDG_DATA_HOME"])
    assert report.entry == root / "applications" / DESKTOP_FILE
    for size in ICON_SIZES:
        assert (root / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (root / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    values = entry_values(report.entry)
    assert values["Icon"] == APP_ID
    assert values["Name"] == "Article Viewer"
    assert values["Exec"].endswith(" %F")
    assert Path(values["TryExec"]).is_absolute()
    tool = shutil.which("desktop-file-validate")
    if tool is not None:
        result = subprocess.run([tool, str(report.entry)], check=False, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    if shutil.which("update-desktop-database"):
        assert "update-desktop-database" in report.refreshed
        cache = (root / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"application/x-mimearchive={DESKTOP_FILE};" in cache


def test_exec_line_runs_this_installation_with_the_files(xdg: dict[str, str]) -> None:
    report = install_desktop(environ=xdg)
    command = expand_exec(entry_values(report.entry)["Exec"], ["/tmp/one.txt", "/tmp/two words.html"])
    assert command[-2:] == ["/tmp/one.txt", "/tmp/two words.html"]
    assert command[:-2] == desktop.launcher_command()
    assert Path(command[0]).is_file()


@pytest.mark.parametrize(
    "arg",
    ["/usr/bin/article-viewer", "/home/jo/my venv/bin/article-viewer", 'C:\\odd "dir"\\$x`y', "100%/x", ""],
)
def test_exec_argument_round_trips_through_the_spec_parser(arg: str) -> None:
    assert expand_exec(exec_argument(arg), []) == [arg]


def test_shared_text_types_are_held_back_when_no_default_is_configured(xdg: dict[str, str]) -> None:
    report = install_desktop(environ=xdg)
    assert set(report.held_back) == {"text/plain", "text/markdown", "text/html", "application/xhtml+xml"}
    assert report.offered == ("application/x-mimearchive",)
    assert entry_values(report.entry)["MimeType"] == "application/x-mimearchive;"


def test_text_types_are_offered_where_the_desktop_has_a_default_and_no_default_is_written(
    xdg: dict[str, str], tmp_path: Path
) -> None:
    system_apps = Path(xdg["XDG_DATA_DIRS"]) / "applications"
    system_apps.mkdir(parents=True)
    (system_apps / "editor.desktop").write_text("[Desktop Entry]\nType=Application\nName=Ed\nExec=ed %F\n")
    (system_apps / "browser.desktop").write_text("[Desktop Entry]\nType=Application\nName=Web\nExec=web %U\n")
    (system_apps / "mimeapps.list").write_text(
        "[Default Applications]\ntext/plain=missing.desktop;editor.desktop;\ntext/html=browser.desktop\n"
        "text/markdown=uninstalled.desktop\n"
    )
    before = {p: p.read_bytes() for p in tmp_path.rglob("*mimeapps.list")}
    report = install_desktop(environ=xdg)
    assert set(report.offered) == {"text/plain", "text/html", "application/x-mimearchive"}
    assert set(report.held_back) == {"text/markdown", "application/xhtml+xml"}
    assert {p: p.read_bytes() for p in tmp_path.rglob("*mimeapps.list")} == before
    assert not list(tmp_path.rglob("defaults.list"))


def test_uninstall_after_install_leaves_an_empty_data_home_exactly_as_it_was(xdg: dict[str, str]) -> None:
    root = Path(xdg["XDG_DATA_HOME"])
    install_desktop(environ=xdg)
    install_desktop(environ=xdg)
    report = uninstall_desktop(environ=xdg)
    assert not root.exists() or tree(root) == {}
    assert report.kept == ()
    assert root / "applications" / DESKTOP_FILE in report.removed


def test_uninstall_removes_only_what_install_added(xdg: dict[str, str]) -> None:
    root = Path(xdg["XDG_DATA_HOME"])
    apps = root / "applications"
    apps.mkdir(parents=True)
    (apps / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\n")
    (root / "icons/hicolor/48x48/apps").mkdir(parents=True)
    (root / "icons/hicolor/48x48/apps/other.png").write_bytes(b"not really a png")
    (root / APP_ID / APP_ID).mkdir(parents=True)
    (root / APP_ID / APP_ID / "library.sqlite").write_bytes(b"the app's own data")
    before = tree(root)
    install_desktop(environ=xdg)
    assert len(tree(root)) > len(before)
    uninstall_desktop(environ=xdg)
    after = tree(root)
    after.pop("applications/mimeinfo.cache", None)
    assert after == before


def test_a_file_changed_since_install_is_kept(xdg: dict[str, str]) -> None:
    report = install_desktop(environ=xdg)
    report.entry.write_text(report.entry.read_text(encoding="utf-8") + "NoDisplay=true\n", encoding="utf-8")
    result = uninstall_desktop(environ=xdg)
    assert result.kept == (report.entry,)
    assert report.entry.is_file()
    assert not (Path(xdg["XDG_DATA_HOME"]) / "icons/hicolor/16x16/apps" / f"{APP_ID}.png").exists()


def test_existing_icon_cache_is_refreshed_but_none_is_created(xdg: dict[str, str]) -> None:
    tool = shutil.which("gtk-update-icon-cache")
    if tool is None:
        pytest.skip("gtk-update-icon-cache is not installed")
    root = Path(xdg["XDG_DATA_HOME"])
    desktop_icons = REPO / "resources" / "icons"
    assert "gtk-update-icon-cache" not in install_desktop(environ=xdg).refreshed
    assert not (root / "icons/hicolor/icon-theme.cache").exists()
    uninstall_desktop(environ=xdg)
    (root / "icons/hicolor/16x16/apps").mkdir(parents=True)
    (root / "icons/hicolor/16x16/apps/other.png").write_bytes((desktop_icons / f"{APP_ID}-16.png").read_bytes())
    subprocess.run([tool, "-q", "-t", "-f", str(root / "icons/hicolor")], check=True)
    cache = root / "icons/hicolor/icon-theme.cache"
    empty_cache = cache.read_bytes()
    assert "gtk-update-icon-cache" in install_desktop(environ=xdg).refreshed
    assert cache.read_bytes() != empty_cache
    uninstall_desktop(environ=xdg)
    assert cache.is_file()


def test_uninstall_without_an_install_removes_nothing(xdg: dict[str, str]) -> None:
    root = Path(xdg["XDG_DATA_HOME"])
    (root / "applications").mkdir(parents=True)
    (root / "applications" / DESKTOP_FILE).write_text("someone else's\n")
    assert uninstall_desktop(environ=xdg).removed == ()
    assert (root / "applications" / DESKTOP_FILE).read_text() == "someone else's\n"


def test_relative_xdg_data_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home({"XDG_DATA_HOME": "relative/share"}) == tmp_path / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path / "x")}) == tmp_path / "x"


def test_cli_flags_install_and_uninstall(xdg: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(xdg["XDG_DATA_HOME"])
    assert main(["--install-desktop"]) == 0
    out = capsys.readouterr().out
    assert f"Installed {root / 'applications' / DESKTOP_FILE}" in out
    assert "Not offered for text/plain" in out
    assert main(["--uninstall-desktop"]) == 0
    assert f"removed {root / 'applications' / DESKTOP_FILE}" in capsys.readouterr().out
    assert main(["--uninstall-desktop"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_install_into_an_unwritable_place_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("article-viewer: --install-desktop: ")
    assert str(blocker) in err
    assert shlex.split(err)  # one readable line, no traceback
    assert "Traceback" not in err


def test_an_installation_path_with_spaces_and_percent_still_validates_and_runs(
    xdg: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = ["/opt/my apps/100% news/bin/python3", "-m", "viewer"]
    monkeypatch.setattr(desktop, "launcher_command", lambda: odd)
    report = install_desktop(environ=xdg)
    assert expand_exec(entry_values(report.entry)["Exec"], ["/tmp/a.txt"]) == [*odd, "/tmp/a.txt"]
    tool = shutil.which("desktop-file-validate")
    if tool is not None:
        result = subprocess.run([tool, str(report.entry)], check=False, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_install_desktop_says_it_is_for_linux_elsewhere(
    xdg: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert main(["--install-desktop"]) == 1
    assert "for Linux and BSD desktops" in capsys.readouterr().err
    assert not Path(xdg["XDG_DATA_HOME"]).exists()


@pytest.mark.parametrize(
    ("folder", "name", "current", "found"),
    [
        ("config", "mimeapps.list", "", True),
        ("etc-xdg", "kde-mimeapps.list", "KDE", True),
        ("etc-xdg", "kde-mimeapps.list", "GNOME", False),
        ("usr-share/applications", "gnome-mimeapps.list", "ubuntu:GNOME", True),
        ("usr-share/applications", "defaults.list", "", True),
    ],
)
def test_defaults_are_found_where_the_current_desktop_keeps_them(
    xdg: dict[str, str], tmp_path: Path, folder: str, name: str, current: str, found: bool
) -> None:
    apps = tmp_path / "usr-share" / "applications"
    apps.mkdir(parents=True)
    (apps / "editor.desktop").write_text("[Desktop Entry]\nType=Application\nName=Ed\nExec=ed %F\n")
    (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / folder / name).write_text("[Default Applications]\ntext/plain=editor.desktop;\n")
    env = {**xdg, "XDG_CURRENT_DESKTOP": current}
    assert desktop.configured_default_types(desktop.SHARED_TYPES, env) == ({"text/plain"} if found else set())
