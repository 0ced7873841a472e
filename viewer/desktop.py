"""Install and remove the freedesktop launcher and icons in the user's XDG data directory."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer import APP_ID, ICON_SIZES, resource_folder

#: The desktop file ID, icon name, Wayland app id and settings folder name: one name everywhere.
DISPLAY_NAME = "Article Viewer"
DESKTOP_FILE = f"{APP_ID}.desktop"
#: Types a desktop already hands to a text editor or browser. Listing one in ``MimeType`` makes us the
#: fallback default wherever no default is configured (Debian ships none; GLib and xdg-mime then prefer
#: entries in the user's own data directory), so we offer these only when a configured default exists.
SHARED_TYPES = ("text/plain", "text/markdown", "text/html", "application/xhtml+xml")
MANIFEST = Path(APP_ID) / "desktop-install.json"
_CACHES = (Path("applications/mimeinfo.cache"), Path("icons/hicolor/icon-theme.cache"))
#: Characters that force quoting of an Exec argument (desktop entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


class DesktopInstallError(Exception):
    """A file of the launcher could not be written or removed; ``str()`` says which and why."""


@dataclass(frozen=True)
class InstallReport:
    """What ``--install-desktop`` did, for the summary it prints.

    Attributes:
        entry: the installed ``.desktop`` file.
        files: every file written (entry and icons).
        offered: MIME types the entry lists, so the app appears in "Open With" for them.
        held_back: shared types left out because nothing is configured as their default yet.
        refreshed: the cache tools that ran.
    """

    entry: Path
    files: tuple[Path, ...]
    offered: tuple[str, ...]
    held_back: tuple[str, ...]
    refreshed: tuple[str, ...]


@dataclass(frozen=True)
class UninstallReport:
    """What ``--uninstall-desktop`` did.

    Attributes:
        removed: files and folders deleted (only ones the install created).
        kept: installed files left alone because they were changed since.
        refreshed: the cache tools that ran.
    """

    removed: tuple[Path, ...]
    kept: tuple[Path, ...]
    refreshed: tuple[str, ...]


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset or relative (the spec says to ignore relative paths)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts this installation, absolute because menus do not see a virtualenv's PATH."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name(APP_ID)
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "viewer"]


def exec_argument(arg: str) -> str:
    """One argument quoted for an ``Exec`` value (quoting rule, then the string escape rule, then ``%``)."""
    if arg and not _EXEC_RESERVED.intersection(arg):
        quoted = arg
    else:
        quoted = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def configured_default_types(types: Sequence[str], environ: Mapping[str, str] = os.environ) -> set[str]:
    """Those of ``types`` whose default application is set in a ``mimeapps.list`` and installed.

    Follows the lookup order of the freedesktop MIME applications spec (config dirs, then data dirs, each
    with the desktop-specific variant first), plus the legacy ``defaults.list`` that xdg-mime still reads.
    """
    home = Path.home()
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    config_dirs = [Path(d) for d in (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":") if d]
    data_dirs = [data_home(environ)] + [
        Path(d) for d in (environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":") if d
    ]
    desktops = [d.lower() for d in environ.get("XDG_CURRENT_DESKTOP", "").split(":") if d]
    names = [f"{d}-mimeapps.list" for d in desktops] + ["mimeapps.list"]
    lists = [folder / name for folder in [config_home, *config_dirs] for name in names]
    lists += [folder / "applications" / name for folder in data_dirs for name in [*names, "defaults.list"]]
    installed: set[str] = set()
    for folder in data_dirs:
        if (folder / "applications").is_dir():
            installed.update(entry.name for entry in (folder / "applications").iterdir())
    covered: set[str] = set()
    for path in lists:
        for mime, apps in _default_applications(path).items():
            if mime in types and any(app in installed for app in apps):
                covered.add(mime)
    return covered


def _default_applications(path: Path) -> dict[str, list[str]]:
    """The ``[Default Applications]`` group of one mimeapps.list (empty when the file is missing or unreadable)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    group = ""
    found: dict[str, list[str]] = {}
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
        elif group == "[Default Applications]" and "=" in stripped:
            mime, _, apps = stripped.partition("=")
            found[mime.strip()] = [app.strip() for app in apps.split(";") if app.strip()]
    return found


def desktop_entry_text(command: Sequence[str], offered: Sequence[str]) -> str:
    """The bundled entry with ``Exec``/``TryExec`` pointing at ``command`` and ``MimeType`` set to ``offered``."""
    template = (resource_folder() / DESKTOP_FILE).read_text(encoding="utf-8")
    replacements = {
        "Exec": "Exec=" + " ".join(exec_argument(arg) for arg in command) + " %F",
        "TryExec": "TryExec=" + command[0].replace("\\", "\\\\"),
        "MimeType": "MimeType=" + "".join(f"{mime};" for mime in offered),
    }
    lines = [replacements.get(line.partition("=")[0], line) for line in template.splitlines()]
    return "\n".join(lines) + "\n"


def entry_mime_types() -> list[str]:
    """The MIME types the bundled entry lists: every format the app opens."""
    text = (resource_folder() / DESKTOP_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("MimeType="):
            return [mime for mime in line.removeprefix("MimeType=").split(";") if mime]
    return []


def _icon_payloads() -> dict[Path, bytes]:
    """Icon files to install, keyed by their path below the data directory."""
    icons = resource_folder() / "icons"
    payloads = {
        Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg": (icons / f"{APP_ID}.svg").read_bytes(),
    }
    for size in ICON_SIZES:
        target = Path(f"icons/hicolor/{size}x{size}/apps") / f"{APP_ID}.png"
        payloads[target] = (icons / f"{APP_ID}-{size}.png").read_bytes()
    return payloads


def install_desktop(root: Path | None = None, environ: Mapping[str, str] = os.environ) -> InstallReport:
    """Install the launcher and icons under ``root`` (default :func:`data_home`) and refresh the caches.

    Never writes a ``mimeapps.list``: which app opens a file by default stays the user's choice. Installing
    again updates the files and keeps the record of what the first install created.

    Raises:
        DesktopInstallError: a file or folder could not be written.
    """
    root = root or data_home(environ)
    manifest = _read_manifest(root) or _Manifest(files={}, dirs=[], caches=[])
    for cache in _CACHES:
        if not (root / cache).exists() and str(root / cache) not in manifest.caches:
            manifest.caches.append(str(root / cache))
    wanted = entry_mime_types()
    covered = configured_default_types(SHARED_TYPES, environ)
    offered = [mime for mime in wanted if mime not in SHARED_TYPES or mime in covered]
    payloads = {Path("applications") / DESKTOP_FILE: desktop_entry_text(launcher_command(), offered).encode()}
    payloads.update(_icon_payloads())
    written = []
    for relative, data in payloads.items():
        target = root / relative
        manifest.dirs.extend(str(d) for d in _make_dirs(target.parent))
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise DesktopInstallError(f"{target}: {exc.strerror or exc}") from None
        manifest.files[str(target)] = hashlib.sha256(data).hexdigest()
        written.append(target)
    manifest.dirs.extend(str(d) for d in _make_dirs((root / MANIFEST).parent))
    refreshed = refresh_caches(root)
    manifest.caches = [cache for cache in manifest.caches if Path(cache).exists()]
    _write_manifest(root, manifest)
    return InstallReport(
        entry=root / "applications" / DESKTOP_FILE,
        files=tuple(written),
        offered=tuple(offered),
        held_back=tuple(mime for mime in wanted if mime not in offered),
        refreshed=refreshed,
    )


def uninstall_desktop(root: Path | None = None, environ: Mapping[str, str] = os.environ) -> UninstallReport:
    """Remove what :func:`install_desktop` created under ``root`` and nothing else.

    Files changed since the install are kept and reported; caches and folders the install created go once
    nothing else is in them. Without a record of an install this removes nothing.

    Raises:
        DesktopInstallError: a file could not be removed.
    """
    root = root or data_home(environ)
    manifest = _read_manifest(root)
    if manifest is None:
        return UninstallReport(removed=(), kept=(), refreshed=())
    removed: list[Path] = []
    kept: list[Path] = []
    for name, digest in manifest.files.items():
        path = Path(name)
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                kept.append(path)
                continue
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopInstallError(f"{path}: {exc.strerror or exc}") from None
        removed.append(path)
    (root / MANIFEST).unlink(missing_ok=True)
    removed.append(root / MANIFEST)
    refreshed = refresh_caches(root)
    for name in manifest.caches:
        cache = Path(name)
        if cache.is_file() and [p.name for p in cache.parent.iterdir()] == [cache.name]:
            cache.unlink()
            removed.append(cache)
    for name in sorted(manifest.dirs, key=lambda d: d.count(os.sep), reverse=True):
        folder = Path(name)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            removed.append(folder)
    return UninstallReport(removed=tuple(removed), kept=tuple(kept), refreshed=refreshed)


def refresh_caches(root: Path) -> tuple[str, ...]:
    """Tell desktops about the change, with the tools present; returns the names of those that ran.

    ``update-desktop-database`` rebuilds the MIME-to-launcher cache. For icons we do what ``xdg-icon-resource
    forceupdate`` does: touch the theme folder (toolkits rescan a folder newer than its cache) and rebuild
    ``icon-theme.cache`` only where one already exists, so we never leave a cache the user did not have.
    """
    ran = []
    applications = root / "applications"
    tool = shutil.which("update-desktop-database")
    if tool and applications.is_dir():
        subprocess.run([tool, "--quiet", str(applications)], check=False, capture_output=True, timeout=60)
        ran.append("update-desktop-database")
    hicolor = root / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)
        tool = shutil.which("gtk-update-icon-cache")
        if tool and (hicolor / "icon-theme.cache").is_file():
            subprocess.run([tool, "-q", "-t", "-f", str(hicolor)], check=False, capture_output=True, timeout=60)
            ran.append("gtk-update-icon-cache")
    return tuple(ran)


def _make_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; returns the ones created, outermost first."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DesktopInstallError(f"{folder}: {exc.strerror or exc}") from None
    return list(reversed(missing))


@dataclass
class _Manifest:
    """The record of one install: file digests as written, and the folders and caches it created."""

    files: dict[str, str]
    dirs: list[str]
    caches: list[str]


def _read_manifest(root: Path) -> _Manifest | None:
    """The record of the last install under ``root`` (None when there is none or it is unreadable)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        files = {str(k): str(v) for k, v in data["files"].items()}
        return _Manifest(files=files, dirs=[str(d) for d in data["dirs"]], caches=[str(c) for c in data["caches"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_manifest(root: Path, manifest: _Manifest) -> None:
    """Record what this install created so uninstall can remove exactly that."""
    record = {"files": manifest.files, "dirs": manifest.dirs, "caches": manifest.caches}
    try:
        (root / MANIFEST).write_text(json.dumps(record, indent=2), encoding="utf-8")
    except OSError as exc:
        raise DesktopInstallError(f"{root / MANIFEST}: {exc.strerror or exc}") from None


def run_install() -> int:
    """``--install-desktop``: install, then say where and which file types the launcher offers to open."""
    from viewer.cli import report

    if sys.platform in ("darwin", "win32"):
        report("--install-desktop", "a freedesktop launcher is for Linux and BSD desktops; here use Open With")
        return 1
    try:
        result = install_desktop()
    except DesktopInstallError as exc:
        report("--install-desktop", str(exc))
        return 1
    print(f"Installed {result.entry} and {len(result.files) - 1} icons.")
    print(f"Offered in Open With for: {', '.join(result.offered)}.")
    if result.held_back:
        print(
            f"Not offered for {', '.join(result.held_back)}: no default app is set for them, and listing them "
            "would make Article Viewer the default. Use Open With > Other Application, or set a default and "
            "install again."
        )
    print(f"Caches refreshed: {', '.join(result.refreshed) or 'none (tools not installed)'}.")
    return 0


def run_uninstall() -> int:
    """``--uninstall-desktop``: remove what the install created and list it."""
    from viewer.cli import report

    try:
        result = uninstall_desktop()
    except DesktopInstallError as exc:
        report("--uninstall-desktop", str(exc))
        return 1
    if not result.removed:
        print(f"Nothing to remove: no launcher installed by {APP_ID} under {data_home()}.")
        return 0
    for path in result.removed:
        print(f"removed {path}")
    for path in result.kept:
        print(f"kept {path} (changed since it was installed)")
    return 0
