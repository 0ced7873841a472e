"""Desktop test helpers: a private XDG session, and reading an entry the way launchers do (Exec per the spec)."""

from __future__ import annotations

from pathlib import Path

import pytest


def unquote_exec(value: str) -> list[str]:
    """Split an ``Exec`` value the way the desktop entry spec says a launcher must (string escapes first)."""
    unescaped = value.replace("\\\\", "\0").replace("\\s", " ").replace("\\n", "\n").replace("\\t", "\t")
    unescaped = unescaped.replace("\0", "\\")
    args: list[str] = []
    current: list[str] = []
    quoted = in_arg = False
    chars = iter(unescaped)
    for ch in chars:
        if quoted and ch == "\\":
            current.append(next(chars))
        elif ch == '"':
            quoted = not quoted
            in_arg = True
        elif ch == " " and not quoted:
            if in_arg:
                args.append("".join(current))
            current, in_arg = [], False
        else:
            current.append(ch)
            in_arg = True
    if in_arg:
        args.append("".join(current))
    return args


def expand_exec(value: str, files: list[str]) -> list[str]:
    """The command a file manager runs for ``files``: ``%F`` becomes one argument per file, ``%%`` a percent."""
    command: list[str] = []
    for arg in unquote_exec(value):
        if arg == "%F":
            command.extend(files)
        else:
            command.append(arg.replace("%%", "%"))
    return command


def entry_values(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def private_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point every XDG base directory into ``tmp_path`` (nothing configured there); returns the variables set."""
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
        "XDG_DATA_DIRS": str(tmp_path / "usr-share"),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
