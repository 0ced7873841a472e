"""The ``article-viewer`` command: open the window, or work headless (``--json`` and friends)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from viewer import __version__, resource_folder
from viewer.model import LoadError
from viewer.model.entity_worker import start_worker
from viewer.model.files import expand_paths

PROG = "article-viewer"
#: Exit status for input the app cannot read as an article.
EXIT_BAD_INPUT = 2
#: Options that each choose what the command does instead of opening the window: at most one is given.
MODES = {
    "json": "--json",
    "entities": "--entities",
    "entities_batch": "--entities-batch",
    "list_shortcuts": "--list-shortcuts",
    "png": "--png",
    "pdf": "--pdf",
    "index": "--index",
    "search": "--search",
    "install_desktop": "--install-desktop",
    "uninstall_desktop": "--uninstall-desktop",
}
#: Options that change one mode, with the modes they belong to ("" is the window).
MODIFIERS = {
    "size": ("--size", ("png",)),
    "theme": ("--theme", ("png",)),
    "appendix": ("--appendix", ("pdf",)),
    "highlights": ("--highlights", ("pdf",)),
    "paper": ("--paper", ("pdf",)),
    "model": ("--model", ("json", "entities", "entities_batch", "pdf")),
    "search_in": ("--in", ("search",)),
    "new_window": ("--new-window", ("",)),
}
#: Defaults of modifiers whose parser default is None, so that giving them can be told from not giving them.
MODIFIER_DEFAULTS = {"size": "1400x900", "theme": "light", "paper": "a4"}
#: The offscreen platform says this about every window it shows; harmless, and noise in a headless run.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def sample_article_path() -> Path:
    """The bundled sample article shown when the app starts with no file."""
    return resource_folder() / "sample-article.txt"


def first_file(files: Sequence[str]) -> str:
    """The file a window opened on ``files`` shows first: the first file (or folder's article), else the sample."""
    if not files:
        return str(sample_article_path())
    expanded = expand_paths(list(files))
    return expanded[0] if expanded else ""


def build_parser() -> argparse.ArgumentParser:
    """All command-line options; README's "Command line" section mirrors this."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read saved news articles beside the entities they name.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles or folders to open")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    headless = parser.add_argument_group("headless output (no window)")
    headless.add_argument("--json", action="store_true", help="print each FILE parsed as JSON on stdout")
    headless.add_argument(
        "--entities", nargs="+", metavar="PATH", help="print each file's entities as JSON Lines (- reads stdin)"
    )
    headless.add_argument("--entities-batch", metavar="JSONL", help='entities of {"id", "text"} lines, as JSON Lines')
    headless.add_argument("--model", metavar="NAME", help="the installed spaCy pipeline to find entities with")
    headless.add_argument(
        "--list-shortcuts", action="store_true", help="print every keyboard shortcut (command, keys, what it does)"
    )
    headless.add_argument(
        "--png", metavar="OUT.png", help="render the window on FILE, entities shown, to a PNG (name ends in .png)"
    )
    headless.add_argument("--size", metavar="WxH", help="with --png: window size (1400x900)")
    headless.add_argument("--theme", choices=("light", "dark"), help="with --png: the look (light)")
    headless.add_argument(
        "--pdf", metavar="OUT.pdf", help="write FILE as a printable PDF to OUT.pdf (name ends in .pdf)"
    )
    headless.add_argument("--appendix", action="store_true", help="with --pdf: add the entity appendix")
    headless.add_argument("--highlights", action="store_true", help="with --pdf: underline entity mentions")
    headless.add_argument("--paper", choices=("a4", "letter"), help="with --pdf: paper size (a4)")
    library = parser.add_argument_group("reading library (headless)")
    library.add_argument("--index", nargs="+", metavar="DIR", help="build or update the library index of DIRs")
    library.add_argument("--search", metavar="QUERY", help="print articles matching QUERY as JSON Lines")
    library.add_argument(
        "--in", dest="search_in", action="append", default=[], metavar="DIR", help="with --search: only inside DIR"
    )
    desktop = parser.add_argument_group("desktop integration")
    desktop.add_argument(
        "--install-desktop", action="store_true", help="add the launcher and icons to your desktop's menus (Linux)"
    )
    desktop.add_argument("--uninstall-desktop", action="store_true", help="remove exactly what --install-desktop added")
    desktop.add_argument(
        "--new-window", action="store_true", help="open a separate window instead of handing FILEs to the running one"
    )
    return parser


def check_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other or do nothing here (exit 2 with usage), then fill in defaults.

    Silently ignoring ``--appendix`` without ``--pdf`` would open the window instead of writing
    a file; two modes at once would do only one of them.
    """
    given = [name for name in MODES if getattr(args, name) not in (None, False, [])]
    if len(given) > 1:
        parser.error(f"argument {MODES[given[1]]}: not allowed with argument {MODES[given[0]]}")
    mode = given[0] if given else ""
    for name, (option, modes) in MODIFIERS.items():
        if getattr(args, name) not in (None, False, []) and mode not in modes:
            needs = " or ".join(MODES.get(m, "the window") for m in modes)
            parser.error(f"argument {option}: only with {needs}" + (f", not {MODES[mode]}" if mode else ""))
    if mode == "json" and not args.files:
        parser.error("argument --json: needs a FILE to read")
    if mode in ("pdf", "png") and len(args.files) != 1:
        parser.error(f"argument {MODES[mode]}: needs exactly one FILE to read")
    # The suffix also keeps a slip ("--pdf story.txt story.html") from writing over an article.
    if args.png is not None and not args.png.lower().endswith(".png"):
        parser.error(f"argument --png: {args.png} does not end in .png (the picture is always a PNG)")
    if args.pdf is not None and not args.pdf.lower().endswith(".pdf"):
        parser.error(f"argument --pdf: {args.pdf} does not end in .pdf (the document is always a PDF)")
    for name, default in MODIFIER_DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, default)


def display_missing() -> bool:
    """Whether opening a window would abort for want of a display (X11 and Wayland systems only).

    Qt's xcb plugin aborts the process with a multi-line message; one line saying what to do is kinder.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly")):
        return False
    return not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


@contextmanager
def quiet_offscreen_plugin() -> Iterator[None]:
    """Drop :data:`OFFSCREEN_NOISE` from Qt's messages for a headless run; every other message passes through."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

    previous: Callable[[QtMsgType, QMessageLogContext, str], None] | None = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def report(path: str, reason: str) -> None:
    """One line on stderr naming the file and the problem: the headless error contract."""
    print(f"{PROG}: {path}: {reason}", file=sys.stderr)


def run_json(files: Sequence[str], model: str | None = None) -> int:
    """``--json``: one JSON object per file (pretty for one file, JSON Lines for several), entities found."""
    import json

    from viewer.model.entities import DEFAULT_MODEL, ModelNotFound, extract_entities
    from viewer.model.loader import load_article
    from viewer.model.serialize import article_to_dict

    status = 0
    for name in files:
        try:
            article = load_article(name)
        except LoadError as exc:
            report(exc.path, exc.reason)
            status = EXIT_BAD_INPUT
            continue
        try:
            article = extract_entities(article, model or DEFAULT_MODEL)
        except ModelNotFound as exc:
            report(model or DEFAULT_MODEL, str(exc))
            return EXIT_BAD_INPUT
        indent = 2 if len(files) == 1 else None
        print(json.dumps(article_to_dict(article), ensure_ascii=False, indent=indent))
    return status


def run_pdf(
    out: str, files: Sequence[str], *, appendix: bool, highlights: bool, paper: str, model: str | None = None
) -> int:
    """``--pdf``: print one FILE to a PDF without a display, finding entities when an option needs them."""
    from viewer.model.loader import load_article

    try:
        article = load_article(files[0])
    except LoadError as exc:
        report(exc.path, exc.reason)
        return EXIT_BAD_INPUT
    if appendix or highlights:
        from viewer.model.entities import DEFAULT_MODEL, ModelNotFound, extract_entities

        try:
            article = extract_entities(article, model or DEFAULT_MODEL)
        except ModelNotFound as exc:
            report(model or DEFAULT_MODEL, str(exc))
            return EXIT_BAD_INPUT
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from viewer.ui.print_document import PrintOptions
    from viewer.ui.printing import PrintError, new_printer, write_pdf

    _app = QGuiApplication.instance() or QGuiApplication([PROG])
    try:
        with quiet_offscreen_plugin():
            write_pdf(article, out, PrintOptions(highlights=highlights, appendix=appendix), new_printer(paper))
    except PrintError as exc:
        report(exc.path, exc.reason)
        return EXIT_BAD_INPUT
    return 0


def _attached_query(argv: list[str]) -> list[str]:
    """``--search -Syria`` read as ``--search=-Syria``.

    argparse would take a query that opens with an exclusion for an unknown option. The app's
    options are all long (``--in``), so a single-dash word after ``--search`` is a query.
    """
    for index, arg in enumerate(argv[:-1]):
        query = argv[index + 1]
        if arg == "--search" and query.startswith("-") and not query.startswith("--") and query != "-h":
            return [*argv[:index], f"--search={query}", *argv[index + 2 :]]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the process exit status."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # Whoever read our output stopped (``--json *.txt | head``): end quietly, as Unix tools do,
        # with stdout pointed at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(_attached_query(list(sys.argv[1:] if argv is None else argv)))
    check_options(parser, args)
    if args.install_desktop or args.uninstall_desktop:
        from viewer.desktop import run_install, run_uninstall

        return run_install() if args.install_desktop else run_uninstall()
    if args.list_shortcuts:
        from viewer.ui.actions import print_shortcut_sheet

        return print_shortcut_sheet()
    if args.index or args.search is not None:
        from viewer.cli_library import run_index, run_search

        return run_index(args.index) if args.index else run_search(args.search, args.search_in)
    if args.entities or args.entities_batch:
        from viewer.cli_entities import run_entities, run_entities_batch
        from viewer.model.entities import DEFAULT_MODEL

        model = args.model or DEFAULT_MODEL
        return run_entities(args.entities, model) if args.entities else run_entities_batch(args.entities_batch, model)
    if args.json:
        return run_json(args.files, args.model)
    if args.pdf:
        return run_pdf(
            args.pdf, args.files, appendix=args.appendix, highlights=args.highlights, paper=args.paper, model=args.model
        )
    if args.png:
        start_worker()
        from viewer.ui.app import run_png

        return run_png(args.png, args.files, args.size, args.theme)
    # Before the window's imports, so a second launch hands its files over and exits fast.
    from viewer.hand_off import HandOff, hand_off

    outcome = None if args.new_window else hand_off(args.files)
    if outcome is HandOff.DELIVERED:
        return 0
    if display_missing():
        print(f"{PROG}: no display found (set DISPLAY, or use --json/--pdf/--png which need none)", file=sys.stderr)
        return EXIT_BAD_INPUT
    # The first file is read, and spaCy loads, in the entity worker while the window's imports run (README "Start-up").
    start_worker(first_file(args.files))
    from viewer.ui.app import run_gui

    return run_gui(args.files, take_hand_offs=outcome is HandOff.NO_INSTANCE)
