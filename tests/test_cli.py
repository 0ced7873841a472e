from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_json_of_the_sample(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", str(sample_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("source", "tagline", "headline", "byline", "published", "caption", "blocks", "entities"):
        assert key in data
    assert data["source"]["format"] == "text"
    assert data["source"]["encoding"] == "utf-8"
    assert data["published"] == "2024-03-14T16:05:00"
    assert data["utc_offset"] is None
    assert data["caption"]["credit"] == "LENA HOFFMANN/Harbour Ledger/Northlight Images"
    assert {b["kind"] for b in data["blocks"]} >= {"paragraph", "related", "subheading"}
    assert all(set(b) >= {"kind", "text"} for b in data["blocks"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"\x00\x01\x02\x03binary", "binary file"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("--json", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_folder_exits_2(tmp_path: Path) -> None:
    result = run("--json", str(tmp_path))
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_model_package_imports_no_qt() -> None:
    code = "import sys, viewer.model, viewer.model.loader; print(sorted(m for m in sys.modules if 'PySide' in m))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_json_keeps_the_zone_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nFeb. 23, 2019 10:27 AM EST\n\nBody.\n", encoding="utf-8")
    assert main(["--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["published"], data["utc_offset"]) == ("2019-02-23T10:27:00", "-05:00")


def test_a_reader_that_stops_early_gets_no_traceback(sample_path: Path) -> None:
    # Like `article-viewer --json *.txt | head -c 100`: far more output than a pipe holds.
    process = subprocess.Popen(
        [sys.executable, "-m", "viewer", "--json", *[str(sample_path)] * 40],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(100)
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert "Traceback" not in errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json"], "argument --json: needs a FILE to read"),
        (["--pdf", "out.pdf"], "argument --pdf: needs exactly one FILE to read"),
        (["--png", "out.png", "a.txt", "b.txt"], "argument --png: needs exactly one FILE to read"),
    ],
)
def test_a_mode_without_its_file_is_a_usage_error(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_the_worker_reads_first_the_file_the_window_shows_first(tmp_path: Path, sample_path: Path) -> None:
    from viewer.cli import first_file

    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("b.txt", "A.txt", ".hidden.txt", "notes.pdf"):
        (folder / name).write_text("Headline\n\nBody.\n", encoding="utf-8")
    assert first_file([]) == str(sample_path)
    assert first_file([str(folder)]) == str(folder / "A.txt")  # a folder opens its articles in name order
    assert first_file([str(folder / "b.txt"), str(folder)]) == str(folder / "b.txt")
    (tmp_path / "empty").mkdir()
    assert first_file([str(tmp_path / "empty")]) == ""  # nothing to read ahead
