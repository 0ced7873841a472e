"""Printing to PDF read back with pypdf: every paragraph in order, page furniture, appendix, paper sizes, errors."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPageLayout, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QApplication

from tests.ui.print_samples import (
    HEADLINE_TEXT,
    assert_in_order,
    body_of,
    page_sizes,
    paragraphs,
    pdf_pages,
    squash,
    with_blocks,
    with_sample_entities,
    write_sample,
)
from viewer.cli import main
from viewer.model import Article, BlockKind, load_article
from viewer.ui.print_document import PrintOptions, build_print_document
from viewer.ui.printing import PrintError, new_printer, paginate, write_pdf
from viewer.ui.theme import ThemeChoice, apply_theme

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


@pytest.fixture
def sample(tmp_path: Path) -> Article:
    return load_article(write_sample(tmp_path, 12))


def furniture(article: Article) -> list[str]:
    outlet = article.outlet
    header = f"{outlet} · {article.headline}" if outlet else article.headline
    return [header, article.source.url or article.source.path]


def print_and_read(article: Article, out: Path, **options: bool) -> list[str]:
    write_pdf(article, str(out), PrintOptions(**options))
    return pdf_pages(out)


def test_every_paragraph_in_order_and_headline_on_page_one(qapp: object, sample: Article, tmp_path: Path) -> None:
    pages = print_and_read(sample, tmp_path / "out.pdf")
    assert squash(HEADLINE_TEXT) in squash(pages[0])
    assert squash(f"Page 1 of {len(pages)}") in squash(pages[0])
    body = body_of(pages, furniture(sample))
    assert_in_order(body, [HEADLINE_TEXT] + [b.text for b in sample.blocks])
    assert squash("JO VERLAINE/Coast Photo") in squash(pages[0])


def test_seed_prints_every_paragraph(qapp: object, seed_path: Path, tmp_path: Path) -> None:
    article = load_article(seed_path)
    pages = print_and_read(article, tmp_path / "seed.pdf")
    assert squash(article.headline) in squash(pages[0])
    assert squash(f"Page 1 of {len(pages)}") in squash(pages[0])
    assert_in_order(body_of(pages, furniture(article)), [b.text for b in article.blocks])


def test_long_article_has_every_paragraph_header_and_footer(qapp: object, tmp_path: Path) -> None:
    article = load_article(write_sample(tmp_path, 260, seed=3))
    pages = print_and_read(article, tmp_path / "long.pdf")
    assert 20 <= len(pages) <= 45, len(pages)
    assert_in_order(body_of(pages, furniture(article)), [b.text for b in article.blocks])
    header = squash(furniture(article)[0])
    for number, page in enumerate(pages, start=1):
        assert squash(f"Page {number} of {len(pages)}") in squash(page)
        # The headline wraps on page 1; the running header is one line of its own on later pages.
        assert (header in [squash(line) for line in page.splitlines()]) == (number > 1)


def test_corpus_article_of_thirty_pages(qapp: object, corpus_dir: Path, tmp_path: Path) -> None:
    files = sorted((corpus_dir / "bbc-news" / "articles").glob("*/*.txt"))[::12][:45]
    if len(files) < 45:
        pytest.skip("the BBC corpus is incomplete")
    parts = ["A long read made of many short ones"]
    parts += [f.read_text(encoding="utf-8", errors="replace").strip() for f in files]
    source = tmp_path / "joined.txt"
    source.write_text("\n\n".join(parts), encoding="utf-8")
    article = load_article(source)
    pages = print_and_read(article, tmp_path / "joined.pdf")
    assert 22 <= len(pages) <= 40, len(pages)
    assert_in_order(body_of(pages, furniture(article)), [b.text for b in article.blocks])


def test_appendix_lists_entities_with_paragraph_numbers(qapp: object, sample: Article, tmp_path: Path) -> None:
    article = with_sample_entities(sample)
    plain = print_and_read(article, tmp_path / "plain.pdf")
    assert squash("Entities in this article") not in squash("".join(plain))
    pages = print_and_read(article, tmp_path / "appendix.pdf", appendix=True)
    appendix = squash(pages[-1])
    assert squash("Entities in this article") in appendix
    for entity in article.entities:
        assert squash(entity.name) in appendix
    mara = next(e for e in article.entities if e.name == "Mara Quint")
    numbers = sorted({m.block + 1 for m in mara.mentions if isinstance(m.block, int)})
    row = squash(f"Mara Quint, harbour engineer — {mara.count} mentions: {', '.join(map(str, numbers))}")
    assert row in appendix
    assert appendix.index(squash("People")) < appendix.index(row) < appendix.index(squash("Organisations"))
    # The appendix starts on its own page, after the last paragraph.
    assert squash(article.blocks[-1].text[-30:]) not in appendix


def test_paragraph_numbers_in_margin_only_with_appendix(qapp: object, sample: Article) -> None:
    article = with_sample_entities(sample)
    assert build_print_document(article, PrintOptions()).numbered == []
    numbered = build_print_document(article, PrintOptions(appendix=True)).numbered
    assert [paragraph for _block, paragraph in numbered] == list(range(1, len(article.blocks) + 1))


def test_a_body_past_what_qt_can_lay_out_is_cut_with_a_closing_line(
    qapp: object, sample: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt drops whatever lies past ~8.4 M printer pixels without a word: we stop first, and say so."""
    from viewer.ui import print_document

    article = with_sample_entities(sample)
    room = len(article.blocks[0].text) + len(article.blocks[1].text) // 2
    monkeypatch.setattr(print_document, "PRINTED_CHARACTERS", room)
    printed = build_print_document(article, PrintOptions(highlights=True, appendix=True))
    text = printed.document.toPlainText()
    note = re.search(r"\[([\d,]+) more characters of this file are not printed: printing stops after", text)
    assert note is not None
    unprinted = int(note.group(1).replace(",", ""))
    assert text.index(article.blocks[0].text) < note.start() < text.index("Organisations")  # then the appendix
    start = text.index(article.blocks[1].text[:20])
    part = text[start : text.index("\n", start)]  # the second paragraph, cut after a word
    assert article.blocks[1].text.startswith(part)
    assert len(article.blocks[0].text) + len(part) + unprinted == sum(len(block.text) for block in article.blocks)
    assert article.blocks[2].text not in text
    assert [paragraph for _block, paragraph in printed.numbered] == [1, 2]


def test_the_margin_has_room_for_the_longest_paragraph_number(qapp: object, sample: Article) -> None:
    from PySide6.QtGui import QFontMetricsF

    from viewer.ui.print_document import SANS, font
    from viewer.ui.printing import FURNITURE_POINTS

    printer = new_printer()
    printed = build_print_document(sample, PrintOptions(appendix=True))
    metrics = QFontMetricsF(font(SANS, FURNITURE_POINTS), printer)
    assert paginate(printed, printer).gutter == metrics.horizontalAdvance("0000")  # three digits and a space
    printed.numbered.append((printed.numbered[-1][0], 12345))  # as a 12,345-paragraph article would end
    assert paginate(printed, printer).gutter == metrics.horizontalAdvance("000000")


def test_a_line_qt_starts_just_above_a_page_end_is_printed_once_on_the_next_page(
    qapp: object, sample: Article, tmp_path: Path
) -> None:
    """Qt may start a line a fraction of a pixel above a page's end; a trial's printout lost such a line."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from viewer.ui import printing

    printed = build_print_document(sample, PrintOptions(appendix=True))
    printer = new_printer()
    geometry = paginate(printed, printer)
    document = printed.document
    block_number, paragraph = printed.numbered[2]
    block = document.findBlockByNumber(block_number)
    top = document.documentLayout().blockBoundingRect(block).top() + block.layout().lineAt(0).y()
    height = top + 0.5  # pages of this height end half a pixel below the paragraph's first line
    body = QRectF(geometry.body.left(), geometry.body.top(), geometry.body.width(), height)
    plan = printing._PagePlan(
        dataclasses.replace(geometry, body=body),
        2,
        printing._margin_numbers(printed, height),
        printing._continued_blocks(document, height),
    )
    path = tmp_path / "boundary.pdf"
    printer.setOutputFileName(str(path))
    painter = QPainter(printer)
    printing._paint_page(painter, printed, plan, 0)
    printer.newPage()
    printing._paint_page(painter, printed, plan, 1)
    painter.end()
    first_line = block.text()[: block.layout().lineAt(0).textLength()].strip()
    pages = [squash(page) for page in pdf_pages(path)]
    assert squash(first_line) not in pages[0]
    assert pages[1].count(squash(first_line)) == 1
    assert [number.page for number in plan.numbers if number.text == str(paragraph)] == [1]  # beside it


def marked_text(article: Article, options: PrintOptions) -> list[str]:
    """The runs of the print document that carry an underline, in order."""
    document = build_print_document(article, options).document
    runs: list[str] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline:
                runs.append(fragment.text())
            iterator += 1
        block = block.next()
    return runs


def test_highlights_mark_exactly_the_mentions(qapp: object, sample: Article) -> None:
    article = with_sample_entities(sample)
    assert marked_text(article, PrintOptions()) == []
    runs = marked_text(article, PrintOptions(highlights=True))
    legend = ["Person", "Organisation", "Place"]
    assert sorted(runs) == sorted(legend + [m.text for e in article.entities for m in e.mentions])


def test_highlights_survive_characters_outside_the_bmp(qapp: object, sample: Article) -> None:
    blocks = [(BlockKind.PARAGRAPH, "\U0001f30a\U0001f30a Eastport said Mara Quint")]
    article = with_sample_entities(with_blocks(sample, blocks))
    runs = marked_text(article, PrintOptions(highlights=True))
    assert "Mara Quint" in runs
    assert "Eastport" in runs


def test_highlighted_pdf_keeps_the_same_text(qapp: object, sample: Article, tmp_path: Path) -> None:
    article = with_sample_entities(sample)
    plain = body_of(print_and_read(article, tmp_path / "a.pdf"), furniture(article))
    marked = body_of(print_and_read(article, tmp_path / "b.pdf", highlights=True), furniture(article))
    assert marked.replace(squash("Marked: Person Organisation Place"), "", 1) == plain


def test_untrusted_text_is_printed_as_text(qapp: object, sample: Article, tmp_path: Path) -> None:
    article = with_blocks(sample, [(BlockKind.PARAGRAPH, "<b>not bold</b> &amp; <script>x</script>")])
    pages = print_and_read(article, tmp_path / "markup.pdf")
    assert squash("<b>not bold</b> &amp; <script>x</script>") in squash(pages[0])


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_paper_sizes(qapp: object, sample: Article, tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    out = tmp_path / f"{paper}.pdf"
    write_pdf(sample, str(out), printer=new_printer(paper))
    assert all(abs(w - size[0]) < 1 and abs(h - size[1]) < 1 for w, h in page_sizes(out))


def test_landscape_is_respected(qapp: object, sample: Article, tmp_path: Path) -> None:
    out = tmp_path / "landscape.pdf"
    portrait = write_pdf(sample, str(tmp_path / "portrait.pdf"), printer=new_printer("a4"))
    landscape = write_pdf(sample, str(out), printer=new_printer("a4", QPageLayout.Orientation.Landscape))
    width, height = page_sizes(out)[0]
    assert width > height
    assert landscape >= portrait


def test_letter_and_a4_both_keep_every_paragraph(qapp: object, tmp_path: Path) -> None:
    article = load_article(write_sample(tmp_path, 30, seed=11))
    for paper in ("a4", "letter"):
        out = tmp_path / f"{paper}.pdf"
        write_pdf(article, str(out), printer=new_printer(paper))
        assert_in_order(body_of(pdf_pages(out), furniture(article)), [b.text for b in article.blocks])


def page_of(printed_document: object, number: int, page_height: float, *, last: bool) -> int:
    document = printed_document.document  # type: ignore[attr-defined]
    document.pageCount()  # finishes the lazy layout
    block = document.findBlockByNumber(number)
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    assert layout.lineCount() > 0
    line = layout.lineAt(layout.lineCount() - 1 if last else 0)
    return int((top + line.y()) // page_height)


def test_no_subheading_is_stranded_at_a_page_bottom(qapp: object, sample: Article) -> None:
    pushed = 0
    for seed in range(12):
        article = with_blocks(sample, paragraphs(90, seed, subheading_every=4))
        printed = build_print_document(article, PrintOptions())
        printer = new_printer("a4")  # the layout measures with it: keep it alive
        height = paginate(printed, printer).body.height()
        for number in printed.keep_with_next:
            following = printed.document.findBlockByNumber(number).next()
            if following.isValid():
                assert page_of(printed, number, height, last=True) == page_of(
                    printed, following.blockNumber(), height, last=False
                )
            policy = printed.document.findBlockByNumber(number).blockFormat().pageBreakPolicy()
            pushed += bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    assert pushed > 0, "no layout put a subheading at a page bottom; the test proves nothing"


def test_lines_never_cross_the_page_edge(qapp: object, tmp_path: Path) -> None:
    article = load_article(write_sample(tmp_path, 120, seed=5))
    printed = build_print_document(article, PrintOptions(appendix=True))
    printer = new_printer("letter")  # the layout measures with it: keep it alive
    height = paginate(printed, printer).body.height()
    document = printed.document
    document.pageCount()  # finishes the lazy layout
    block = document.begin()
    while block.isValid():
        top = document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            y = top + line.y()
            assert int(y // height) == int((y + line.height() - 0.01) // height)
        block = block.next()


def test_unwritable_paths_give_clear_errors(qapp: object, sample: Article, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="does not exist") as missing:
        write_pdf(sample, str(tmp_path / "no" / "such" / "out.pdf"))
    assert str(tmp_path / "no" / "such") in str(missing.value)
    with pytest.raises(PrintError, match="folder"):
        write_pdf(sample, str(tmp_path))
    before = Path(sample.source.path).read_bytes()
    with pytest.raises(PrintError, match="article itself"):
        write_pdf(sample, sample.source.path)
    assert Path(sample.source.path).read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_refused(qapp: object, sample: Article, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PrintError, match="permission denied"):
            write_pdf(sample, str(folder / "out.pdf"))
    finally:
        folder.chmod(0o700)


def test_cli_writes_letter_pdf(qapp: object, tmp_path: Path) -> None:
    source = write_sample(tmp_path, 30)
    out = tmp_path / "cli.pdf"
    assert main(["--pdf", str(out), "--paper", "letter", str(source)]) == 0
    assert all(abs(w - LETTER[0]) < 1 for w, _h in page_sizes(out))
    assert "Pageof" not in squash(pdf_pages(out)[0])
    assert squash("Page 1 of") in squash(pdf_pages(out)[0])


def test_cli_reports_unwritable_output(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_sample(tmp_path, 3)
    bad = tmp_path / "missing" / "out.pdf"
    assert main(["--pdf", str(bad), str(source)]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"article-viewer: {re.escape(str(bad))}: the folder .* does not exist", err), err


def test_cli_reports_bad_input(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pdf", str(tmp_path / "out.pdf"), str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err
    assert not (tmp_path / "out.pdf").exists()


def test_cli_appendix_runs_entity_extraction(qapp: object, tmp_path: Path) -> None:
    entities = pytest.importorskip("viewer.model.entities")
    if not hasattr(entities, "extract_entities"):
        pytest.skip("entity extraction has not landed yet")
    source = write_sample(tmp_path, 6)
    out = tmp_path / "appendix.pdf"
    assert main(["--pdf", str(out), "--appendix", "--highlights", str(source)]) == 0
    assert squash("Entities in this article") in squash(pdf_pages(out)[-1])


def test_selection_prints_only_the_selection(qapp: object, sample: Article) -> None:
    chosen = f"{sample.blocks[1].text}\u2029{sample.blocks[2].text}"
    document = build_print_document(sample, PrintOptions(appendix=True), selection=chosen).document
    text = document.toPlainText()
    assert sample.blocks[1].text in text
    assert sample.blocks[2].text in text
    assert sample.blocks[0].text not in text
    assert HEADLINE_TEXT in text


def test_credit_and_outlet_are_printed_as_written(qapp: object, sample: Article) -> None:
    from PySide6.QtGui import QFont, QTextCursor

    from viewer.model import Caption

    credit = "Ana Vik/Northern Wire"
    article = dataclasses.replace(sample, caption=Caption(f"Photo: {credit}", credit))
    document = build_print_document(article, PrintOptions()).document
    text = document.toPlainText()
    assert text.count(credit) == 1
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        assert cursor.charFormat().fontCapitalization() == QFont.Capitalization.MixedCase, block.text()
        block = block.next()


def test_appendix_groups_keep_their_heading_and_never_strand_an_entry(qapp: object, sample: Article) -> None:
    from viewer.model import Entity, EntityType, Mention
    from viewer.ui.print_document import SHORT_GROUP
    from viewer.ui.theme import ENTITY_STYLES

    mention = Mention(0, 0, 4, sample.blocks[0].text[:4])
    sizes = {EntityType.ORG: 9, EntityType.PLACE: 14, EntityType.DATE: 4, EntityType.NUMBER: 3}
    moved = 0
    for people in range(20, 70, 3):
        counts = {EntityType.PERSON: people, **sizes}
        entities = tuple(
            Entity(f"{t.value}{n}", f"{ENTITY_STYLES[t].label} entry {n:03}", t, (mention,))
            for t, count in counts.items()
            for n in range(count)
        )
        printed = build_print_document(sample.with_entities(entities), PrintOptions(appendix=True))
        printer = new_printer("a4")  # the layout measures with it: keep it alive
        height = paginate(printed, printer).body.height()
        document = printed.document
        for entity_type, count in counts.items():
            plural = ENTITY_STYLES[entity_type].plural
            heading = next(n for n in range(document.blockCount()) if document.findBlockByNumber(n).text() == plural)
            pages = [page_of(printed, heading + i, height, last=False) for i in range(count + 1)]
            if count < SHORT_GROUP:
                assert len(set(pages)) == 1, (people, entity_type, pages)
            else:
                assert pages[0] == pages[2], (people, entity_type, pages)
                assert pages[-1] == pages[-2], (people, entity_type, pages)
            moved += len(set(pages)) > 1 or pages[0] > page_of(printed, heading - 1, height, last=True)
    assert moved > 0, "no group met a page end; the test proves nothing"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_paper_gets_dark_ink_whatever_the_window_look(qapp: object, sample: Article, tmp_path: Path) -> None:
    """In the dark look the text colour is a pale grey; printed as it is, a page came out near blank."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeChoice.DARK)
    try:
        write_pdf(sample, str(tmp_path / "dark.pdf"), PrintOptions(appendix=True))
    finally:
        apply_theme(app, ThemeChoice.LIGHT)
    pdf, prefix = str(tmp_path / "dark.pdf"), str(tmp_path / "p")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", pdf, prefix], check=True)
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    body = [  # the top half of the page: headline and first paragraphs, no footer
        QColor(image.pixel(x, y)).lightness()
        for y in range(image.height() // 8, image.height() // 2, 2)
        for x in range(0, image.width(), 2)
    ]
    assert min(body) < 80
