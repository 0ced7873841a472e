"""EntityPanel: groups with counts, filter, sort orders, details and the keyboard in the tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import ARTICLE_TEXT, find_entities, open_and_wait
from viewer.model import EntityType
from viewer.ui.entity_panel import SortOrder, matches, sort_entities


def group_rows(panel) -> dict[str, list[str]]:
    tree = panel.tree
    rows = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        rows[group.text(0)] = [group.child(j).text(0) for j in range(group.childCount())]
    return rows


def test_groups_show_counts(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    tree = window.entity_panel.tree
    counts = {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}
    assert counts == {"People": "2", "Organisations": "2", "Places": "1", "Numbers": "1"}
    mayor = next(item for item in window.entity_panel.entity_items() if item.text(0) == "Ana Lindqvist")
    entity = window.model.article.entities[0]
    assert mayor.text(1) == str(entity.count)


def test_filter_box_narrows_the_tree(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    window.focus_entity_filter()
    qtbot.keyClicks(panel.filter_edit, "nord")
    assert group_rows(panel) == {"Organisations": ["Nordbygg"]}
    qtbot.keyClicks(panel.filter_edit, "zzz")
    assert group_rows(panel) == {}
    assert panel.status_label.text() == "No entity matches the filter."
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)  # first Esc clears the box
    assert panel.filter_edit.text() == ""
    assert len(group_rows(panel)) == 4


def on_the_first_group(qtbot, window, article_file):  # type: ignore[no-untyped-def]
    """The article open and the keyboard in the entity list, on its first group's row."""
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    return panel


def test_a_filter_that_hides_the_selected_entity_clears_the_selection(qtbot, window, article_file) -> None:
    panel = on_the_first_group(qtbot, window, article_file)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert window.mention_status.text() == "Tomas Berg: mention 1 of 2"
    assert window.reading_view.extraSelections()
    qtbot.keyClick(panel.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.filter_edit, "berg")  # still shown: still selected
    assert window.model.current_entity.name == "Tomas Berg"
    assert panel.tree.currentItem().text(0) == "Tomas Berg"
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.filter_edit, "nord")
    assert group_rows(panel) == {"Organisations": ["Nordbygg"]}
    assert window.model.current_entity is None
    assert panel.tree.currentItem() is None
    assert panel.details.toPlainText() == ""
    assert panel.mention_label.text() == ""
    assert window.mention_status.text() == ""
    assert window.reading_view.extraSelections() == []
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)  # the whole list again, nothing selected anew
    assert window.model.current_entity is None


def test_sort_orders(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    panel.set_sort_order(SortOrder.NAME)
    assert group_rows(panel)["Organisations"] == ["Nordbygg", "North Coast Transit Authority"]
    panel.set_sort_order(SortOrder.FIRST)
    assert group_rows(panel)["Organisations"] == ["North Coast Transit Authority", "Nordbygg"]
    panel.set_sort_order(SortOrder.MENTIONS)
    people = group_rows(panel)["People"]
    assert people[0] == "Ana Lindqvist"


def test_the_sort_order_is_remembered(qtbot, window_factory, article_file) -> None:
    window = window_factory()
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    panel.sort_box.setFocus()
    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.sort_box, Qt.Key.Key_Down)
    assert panel.sort_box.currentText() == "A–Z"
    window.close()
    again = window_factory()
    assert again.entity_panel.sort_box.currentText() == "A–Z"
    open_and_wait(qtbot, again, article_file)
    assert group_rows(again.entity_panel)["Organisations"] == ["Nordbygg", "North Coast Transit Authority"]


def test_sort_functions_break_ties_by_reading_order(article_file) -> None:
    from viewer.model import load_article

    article = find_entities(load_article(article_file))
    by_name = [e.name for e in sort_entities(list(article.entities), SortOrder.NAME)]
    assert by_name == sorted(by_name, key=str.casefold)
    first = sort_entities(list(article.entities), SortOrder.FIRST)
    assert first[0].name in {"Tromsø", "Ana Lindqvist"}  # both in the headline
    assert matches(article.entities[0], "LINDQ")
    assert not matches(article.entities[0], "berg")


def test_arrows_and_enter_in_the_tree_go_to_a_mention(qtbot, window, article_file) -> None:
    panel = on_the_first_group(qtbot, window, article_file)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert window.model.current_entity.name == "Ana Lindqvist"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert window.model.current_entity.name == "Tomas Berg"
    assert panel.details.toPlainText().startswith("Tomas Berg — Person")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.reading_view
    assert window.mention_status.text() == f"Tomas Berg: mention 1 of {window.model.current_entity.count}"


def test_panel_type_toggle_is_remembered(qtbot, window_factory, article_file) -> None:
    window = window_factory()
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    numbers = next(
        item for i in range(panel.tree.topLevelItemCount()) if (item := panel.tree.topLevelItem(i)).text(0) == "Numbers"
    )
    panel.tree.setFocus()
    panel.tree.setCurrentItem(numbers)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    assert window.reading_view.hidden_types == {EntityType.NUMBER}
    window.close()
    again = window_factory()
    assert again.reading_view.hidden_types == {EntityType.NUMBER}


def test_a_page_in_another_language_than_the_model_says_so_above_the_tree(qtbot, window_factory, tmp_path) -> None:
    import dataclasses

    from tests.model.test_html_language import german_page

    window = window_factory(lambda article: dataclasses.replace(find_entities(article), entity_language="en"))
    page = tmp_path / "hafen.html"
    page.write_text(german_page("de", "").replace("Elling", "Tromsø Nordbygg"), encoding="utf-8")
    open_and_wait(qtbot, window, page)
    panel = window.entity_panel
    warning = "This page is in German; entities come from a model for English, so expect misses and mistakes."
    held = " Its highlights are off: tick “Highlight entities in the text” to show them."
    assert panel.status_label.text() == warning + held
    assert panel.status_label.isVisible()
    assert group_rows(panel)  # the entities are still listed beneath the warning
    assert not window.reading_view.highlights_enabled  # most marks would be wrong
    assert not panel.highlight_box.isChecked()
    window.focus_entity_filter()
    qtbot.keyClicks(panel.filter_edit, "zzz")
    assert panel.status_label.text() == "No entity matches the filter."
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)
    assert panel.status_label.text() == warning + held
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "language-warning.png"))
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H, shift_ctrl)  # the reader wants them anyway
    assert window.reading_view.highlights_enabled
    assert panel.status_label.text() == warning
    open_and_wait(qtbot, window, page)  # a reload keeps them for this page
    assert window.reading_view.highlights_enabled
    english = tmp_path / "bridge.txt"
    english.write_text(ARTICLE_TEXT, encoding="utf-8")
    open_and_wait(qtbot, window, english)
    assert window.reading_view.highlights_enabled
    other = tmp_path / "zweite.html"
    other.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    open_and_wait(qtbot, window, other)  # another German page: off again
    assert not window.reading_view.highlights_enabled
    window.save_settings()
    assert window.settings.highlights  # the reader's own switch was never changed


def test_swatch_underlines_are_drawn_in_their_types_dash_pattern() -> None:
    from PySide6.QtGui import QTextCharFormat

    from viewer.ui.entity_panel import dashes

    line = QTextCharFormat.UnderlineStyle
    assert dashes(line.SingleUnderline, 16) == [(0, 16)]
    assert dashes(line.WaveUnderline, 16) == [(0, 16)]  # Qt has no wavy pen
    assert dashes(line.DashUnderline, 16) == [(0, 10), (12, 4)]
    assert dashes(line.DotLine, 16) == [(0, 4), (6, 4), (12, 4)]
    assert dashes(line.DashDotLine, 16) == [(0, 10), (12, 4)]
