"""The reading view's typography: date line, related lines, credit-only captions, current mention, zoom."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument

from viewer.model import Caption, load_article
from viewer.model.article import Image
from viewer.ui.article_document import LEAD_IMAGE, ArticleDocument, DocumentStyle, format_published


def test_date_and_time_stay_on_one_line() -> None:
    text = format_published(datetime(2023, 11, 8, 20, 18), "8 Nov 2023 20:18", QLocale(QLocale.Language.English))
    assert " " not in text
    assert "2023" in text
    assert "8:18" in text


def _document(qapp: object, article_file, **changes: object) -> tuple[QTextDocument, ArticleDocument]:  # type: ignore[no-untyped-def]
    article = load_article(str(article_file))
    if changes:
        article = dataclasses.replace(article, **changes)
    document = QTextDocument()
    layout = ArticleDocument(document)
    layout.build(article, DocumentStyle(dark=True))
    return document, layout


def test_related_line_is_muted_not_link_coloured(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    document, _ = _document(qapp, article_file)
    text = document.toPlainText()
    cursor = QTextCursor(document)
    cursor.setPosition(text.index("→ Read") + 1)
    assert cursor.charFormat().foreground().color() == DocumentStyle(dark=True).muted


def test_credit_only_caption_is_shown_as_a_credit(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    credit = "Ana Vik/Northern Wire via Picture Desk"
    for caption_text in ("", f"Photo: {credit}", credit):
        document, layout = _document(qapp, article_file, caption=Caption(caption_text, credit))
        text = document.toPlainText()
        assert text.count(credit) == 1
        assert f"Photo: {credit}" in text
        assert "caption" not in layout.starts
        assert "credit" in layout.starts


@pytest.mark.parametrize("line", ["Photo: Ana Vik/Northern Wire via Picture Desk", "Courtesy of Ana Vik"])
def test_caption_that_is_a_credit_line_is_styled_as_the_credit(qapp: object, article_file, line: str) -> None:  # type: ignore[no-untyped-def]
    document, layout = _document(qapp, article_file, caption=Caption(line))
    cursor = QTextCursor(document)
    cursor.setPosition(layout.starts["caption"] + 1)
    assert cursor.charFormat().foreground().color() == DocumentStyle(dark=True).muted
    assert cursor.block().blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
    assert document.toPlainText().count("Ana Vik") == 1


def test_caption_that_only_opens_like_a_credit_stays_a_caption(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    line = "Photo: Workers walk across the new harbour bridge. The tram line opens in September."
    document, layout = _document(qapp, article_file, caption=Caption(line))
    cursor = QTextCursor(document)
    cursor.setPosition(layout.starts["caption"] + 1)
    assert cursor.charFormat().foreground().color() != DocumentStyle(dark=True).muted


def test_current_mention_is_not_drawn_like_the_selection(qtbot, window, article_file) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    from tests.ui.conftest import open_and_wait

    open_and_wait(qtbot, window, article_file)
    view = window.reading_view
    person = next(e for e in window.model.article.entities if e.name == "Ana Lindqvist")
    window.model.select_entity(person.id)
    current = [s for s in view.extraSelections() if s.format.background().color() == view._style.current_mention]
    assert len(current) == 1
    assert current[0].format.background().color() != view.palette().color(QPalette.ColorRole.Highlight)


def test_zoom_keeps_the_first_visible_words_at_the_top(qtbot, window, write_article) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from tests.ui.conftest import open_and_wait

    paragraphs = "\n\n".join(f"Paragraph {n} tells of the harbour and its boats, day {n}." * 4 for n in range(80))
    open_and_wait(qtbot, window, write_article("long.txt", f"A long harbour story\n\n{paragraphs}\n"))
    view = window.reading_view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    before = view.cursorForPosition(QPoint(0, 0)).position()
    for percent in (160, 90):
        view.set_zoom(percent)
        qtbot.wait(10)
        after = view.cursorForPosition(QPoint(0, 0)).position()
        line = view.cursorForPosition(QPoint(view.viewport().width() - 1, 0)).position()
        assert after - 80 <= before <= line + 80


def test_remote_lead_image_is_a_placeholder_with_its_alt_text(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    image = Image(src="https://example.com/lead.jpg", alt="Fans at the gate <b>")
    document, _ = _document(qapp, article_file, image=image)
    assert "[Image not loaded: Fans at the gate <b>]" in document.toPlainText()
    assert document.resource(QTextDocument.ResourceType.ImageResource, QUrl(LEAD_IMAGE)) is None


def test_alt_text_the_caption_repeats_is_not_shown_twice(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    article = load_article(str(article_file))
    assert article.caption is not None
    image = Image(src="https://example.com/lead.jpg", alt=article.caption.text.upper()[:30])
    document, _ = _document(qapp, article_file, image=image)
    text = document.toPlainText()
    assert "[Image not loaded]" in text
    assert text.count(article.caption.text[:30]) == 1


def test_local_lead_image_is_shown_scaled(qapp: object, article_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = QImage(1600, 900, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    saved = tmp_path / "page_files" / "lead.png"
    saved.parent.mkdir()
    assert picture.save(str(saved))
    document, _ = _document(qapp, article_file, image=Image(src="page_files/lead.png", alt="x", path=str(saved)))
    assert "Image not loaded" not in document.toPlainText()
    formats = [
        fragment.charFormat().toImageFormat()
        for block in _blocks(document)
        for fragment in _fragments(block)
        if fragment.charFormat().isImageFormat()
    ]
    assert [f.name() for f in formats] == [LEAD_IMAGE]
    assert formats[0].width() < 1600
    assert abs(formats[0].height() / formats[0].width() - 900 / 1600) < 0.01


def _blocks(document: QTextDocument):  # type: ignore[no-untyped-def]
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(block):  # type: ignore[no-untyped-def]
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_no_horizontal_scroll_bar_at_any_width_or_zoom(qtbot, window, write_article) -> None:  # type: ignore[no-untyped-def]
    """A fractional side margin laid the column out a pixel wider than the view, and a scroll bar came for it."""
    from tests.ui.conftest import open_and_wait

    paragraphs = "\n\n".join(f"Paragraph {n} tells of the harbour and its boats, day {n}." * 6 for n in range(20))
    open_and_wait(qtbot, window, write_article("long.txt", f"A long harbour story\n\n{paragraphs}\n"))
    view = window.reading_view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    for width in (1000, 1177, 1403, 900):
        window.resize(width, 750)
        for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_0):  # zoom in twice, then back
            qtbot.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)
            qtbot.wait(5)
            margin = view.document().rootFrame().frameFormat().leftMargin()
            assert margin == int(margin), (width, view.zoom)  # a 400,000-character BBC compilation needed this
            assert view.document().size().width() <= view.viewport().width(), (width, view.zoom)
            assert view.horizontalScrollBar().maximum() == 0
        assert view.zoom == 100


def _not_shown(view) -> int:  # type: ignore[no-untyped-def]
    """The number the closing line gives for the characters left out (0 when there is none)."""
    last = view.document().lastBlock().text()
    return int(last[1 : last.index(" ")].replace(",", "")) if last.startswith("[") else 0


def test_a_body_too_long_for_the_layout_is_cut_with_a_last_line_saying_so(qtbot, window, write_article, monkeypatch):  # type: ignore[no-untyped-def]
    """Qt overlaps lines past ~8.4 M px of document; the view shows what fits and says what it left out."""
    from tests.ui.conftest import open_and_wait
    from viewer.ui import article_document

    monkeypatch.setattr(article_document, "_SAFE_HEIGHT", 12_000)  # a long article's worth, not 20 MB's
    paragraphs = [f"Paragraph {n} of the report: " + "the river rose again overnight. " * 8 for n in range(300)]
    path = write_article("long.txt", "A very long report\n\n" + "\n\n".join(paragraphs) + "\n")
    open_and_wait(qtbot, window, path)
    view = window.reading_view
    body = sum(len(block.text) for block in window.model.article.blocks)
    left = _not_shown(view)
    assert 0 < left < body
    assert "not shown: at this size the reading view stops after" in view.document().lastBlock().text()
    view.setFocus()
    bar, document = view.verticalScrollBar(), view.document()
    qtbot.waitUntil(lambda: abs(bar.maximum() + view.viewport().height() - document.size().height()) <= 1)
    qtbot.keyClick(view, Qt.Key.Key_End)
    closing = document.documentLayout().blockBoundingRect(document.lastBlock())
    top = bar.value()
    assert top <= closing.top()  # the end is in view
    assert closing.bottom() <= top + view.viewport().height()
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 150
    assert _not_shown(view) > left  # bigger text: less of it fits
    window.resize(1600, 750)
    window.reading_view.set_zoom(100)
    qtbot.waitUntil(lambda: _not_shown(view) < left)  # more room: more is shown


def test_mentions_past_the_cut_are_not_marked(qapp: object, article_file) -> None:  # type: ignore[no-untyped-def]
    _, layout = _document(qapp, article_file)
    block = next(index for index in layout.starts if isinstance(index, int))
    layout.cut[block] = 10
    assert layout.mention_range(block, 0, 10) is not None
    assert layout.mention_range(block, 5, 11) is None


def test_a_narrow_window_at_a_large_zoom_keeps_the_column_for_the_words(qtbot, window, article_file) -> None:  # type: ignore[no-untyped-def]
    """The margins grow with the zoom, but not past a sixteenth of the view; the view never gets so narrow
    that a word breaks ("immigrati/on" did at 260 % in 260 px), nor does the headline outgrow it."""
    from tests.ui.conftest import open_and_wait
    from viewer.ui.reading_view import MIN_WIDTH

    open_and_wait(qtbot, window, article_file)
    view = window.reading_view
    view.setFocus()
    for _ in range(16):
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_status.text() == "260 %"
    window.resize(300, 600)  # less than the article and the panel need: the window stops at its minimum
    qtbot.waitUntil(lambda: view.width() == view.minimumWidth())
    assert view.minimumWidth() > MIN_WIDTH  # it grows with the zoom
    frame = view.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin() <= view.viewport().width() / 16
    body = view.document().findBlock(view.toPlainText().index("Mayor Ana Lindqvist opened"))
    headline = view.document().findBlock(view.toPlainText().index("Harbour bridge opens"))
    for block in (headline, body, body.next(), body.next().next()):
        layout = block.layout()
        ends = [layout.lineAt(i).textStart() + layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        assert ends
        assert all(block.text()[end - 1] == " " for end in ends), block.text()  # broken only at spaces
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.minimumWidth() == MIN_WIDTH
