"""Entity extraction rules on our own small strings: cleaning, grouping, acronyms, roles, dates, quotes."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.article import EntityType
from viewer.model.entities.dates import resolve_date
from viewer.model.entities.extract import build
from viewer.model.entities.found import Claimed, Piece
from viewer.model.entities.names import clean_spans, name_key, name_keys
from viewer.model.entities.quotes import find_quotes
from viewer.model.entities.roles import role_after, role_before
from viewer.model.entities.tagging import MAX_DOC, lay_out

SATURDAY = date(2019, 2, 23)


def span(text: str, words: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    """A fake tagger span over the ``nth`` occurrence of ``words``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words), label


def entities_of(text: str, *spans: tuple[int, int, str], published: date | None = None):  # type: ignore[no-untyped-def]
    return build([Piece(0, text)], [list(spans)], published, [])


def cleaned(text: str, kind: EntityType = EntityType.ORG) -> list[str]:
    return [text[s:e] for s, e in clean_spans(text, 0, len(text), kind)]


def test_possessive_edge_punctuation_and_lines_are_cleaned() -> None:
    assert cleaned("SDF’s") == ["SDF"]
    assert cleaned("the Coalition's", EntityType.PLACE) == ["Coalition"]
    assert cleaned("“Nordwind Bank,") == ["Nordwind Bank"]
    assert cleaned("KARL MEYER/Westpress/Lumen Images]\n\nTrucks") == ["KARL MEYER", "Westpress", "Lumen Images"]
    assert cleaned("Jean Baptiste ‘s", EntityType.PERSON) == ["Jean Baptiste"]  # a scrape's stray space


def test_an_all_caps_person_name_is_title_cased_but_a_short_one_is_kept() -> None:
    text = "Photo: KARL MEYER. The QC said so."
    (karl, qc), _ = entities_of(text, span(text, "KARL MEYER", "PERSON"), span(text, "QC", "PERSON"))
    assert (karl.name, qc.name) == ("Karl Meyer", "QC")


def test_a_mention_never_cuts_a_word() -> None:
    text = "the Olympic 4x100m relay"
    assert [text[a:b] for a, b in clean_spans(text, 4, 17, EntityType.DATE)] == ["Olympic 4x100m"]
    text = "shares of NordbyggAS fell"
    assert [text[a:b] for a, b in clean_spans(text, 12, 20, EntityType.ORG)] == ["NordbyggAS"]


def test_pronouns_stop_words_and_fragments_are_rejected() -> None:
    for junk in ("He", "they", "The", "a", "-", "x", "said"):
        assert cleaned(junk, EntityType.PERSON) == []
    assert cleaned("up to", EntityType.NUMBER) == []
    assert cleaned("dozens", EntityType.NUMBER) == []
    assert cleaned("a few kilometres", EntityType.NUMBER) == []
    assert cleaned("thousands", EntityType.NUMBER) == []
    for date_words in ("the fourth quarter", "mid-December", "three-year", "Mondays", "the eighties"):
        assert cleaned(date_words, EntityType.DATE) == [date_words]
    for not_a_date in ("annual", "the full-year", "Quarterly"):
        assert cleaned(not_a_date, EntityType.DATE) == []
    assert cleaned("a dozen", EntityType.NUMBER) == ["a dozen"]


def test_name_keys_ignore_case_the_quotes_and_possessives() -> None:
    assert name_key("the SDF’s") == name_key("SDF") == "sdf"
    assert name_keys("  ") == ()


def test_full_name_title_and_surname_are_one_person() -> None:
    text = "President Hal Brandt spoke. Later Hal Brandt left and Brandt smiled."
    (person,), _ = entities_of(
        text,
        span(text, "President Hal Brandt", "PERSON"),
        span(text, "Hal Brandt", "PERSON", 1),
        span(text, "Brandt", "ORG", 2),
    )
    assert person.name == "Hal Brandt"
    assert person.type is EntityType.PERSON
    assert person.aliases == ("Brandt",)
    assert person.count == 3
    assert person.role == "President"


def test_particle_surname_joins_its_person() -> None:
    text = "Engineer Joost de Wit arrived. De Wit said little."
    entities, _ = entities_of(text, span(text, "Joost de Wit", "PERSON"), span(text, "De Wit", "PERSON"))
    assert [(e.name, e.aliases) for e in entities] == [("Joost de Wit", ("De Wit",))]


def test_defined_acronym_joins_its_expansion_and_is_found_everywhere() -> None:
    text = "The Northern Grain Council (NGC) met. Later the NGC’s chair left the NGC."
    entities, _ = entities_of(text, span(text, "Northern Grain", "GPE"), span(text, "the NGC’s", "ORG"))
    (council,) = entities
    assert council.name == "Northern Grain Council"
    assert council.type is EntityType.ORG
    assert council.aliases == ("NGC",)
    assert council.count == 4  # the "(NGC)" that defines it counts too


def test_article_wide_majority_type_and_propagation() -> None:
    text = "Valdoria protested. Valdoria refused. Aid reached Valdoria."
    (place,), _ = entities_of(text, span(text, "Valdoria", "GPE"), span(text, "Valdoria", "GPE", 1))
    assert place.type is EntityType.PLACE
    assert place.count == 3


def test_context_decides_person_place_and_title_words() -> None:
    text = "Near Tolvik, crews worked. Kessin met his brother near Varn. The Secretary of State spoke."
    entities, _ = entities_of(
        text,
        span(text, "Near Tolvik", "PERSON"),
        span(text, "Kessin", "ORG"),
        span(text, "Varn", "PERSON"),
        span(text, "State", "ORG"),
    )
    assert [(e.name, e.type) for e in entities] == [
        ("Tolvik", EntityType.PLACE),
        ("Kessin", EntityType.PERSON),
        ("Varn", EntityType.PLACE),
    ]


def test_organisations_keep_their_the_but_names_do_not() -> None:
    text = "The deal was signed by the Harbour Board. Later the Harbour Board left."
    (board,), _ = entities_of(text, span(text, "the Harbour Board", "ORG"))
    assert board.name == "Harbour Board"
    assert [m.text for m in board.mentions] == ["the Harbour Board", "the Harbour Board"]


def test_roles_from_titles_and_appositives() -> None:
    text = "It was shown to Ruritanian Trade Minister Ola Berg and Dutch water engineer Kees Bos."
    assert role_before(text, text.index("Ola")) == "Ruritanian Trade Minister"
    assert role_before(text, text.index("Kees")) == "Dutch water engineer"
    text = "It was Energy and Mines Secretary Ola Berg who spoke."
    assert role_before(text, text.index("Ola")) == "Energy and Mines Secretary"
    text = "Mira Holm, head of the union’s press office, said no. Ivo Lind, who left, agreed."
    assert role_after(text, text.index(",")) == "head of the union’s press office"
    assert role_after(text, text.index("Ivo Lind") + 8) is None
    text = "It opened on 9 November. Film director Ari Tamm came."
    assert role_before(text, text.index("Ari")) == "Film director"
    text = "a pause, as President Li Wen spoke"
    assert role_before(text, text.index("Li")) == "President"


def test_dates_resolve_against_publication() -> None:
    assert resolve_date("Thursday", SATURDAY) == "2019-02-21"
    assert resolve_date("Saturday", SATURDAY) == "2019-02-16"
    assert resolve_date("Monday", SATURDAY, "they will return on ") == "2019-02-25"
    assert resolve_date("December", SATURDAY) == "2018-12"
    assert resolve_date("in April", SATURDAY, "due to meet again ") == "2019-04"
    assert resolve_date("2017", SATURDAY) == "2017"
    assert resolve_date("9 February 2019", None) == "2019-02-09"
    assert resolve_date("March 3", SATURDAY) == "2019-03-03"
    assert resolve_date("last year", SATURDAY) == "2018"
    assert resolve_date("Thursday", None) is None
    assert resolve_date("two weeks", SATURDAY) is None


def test_date_entity_keeps_its_words() -> None:
    text = "The talks failed on Thursday."
    (day,), _ = entities_of(text, span(text, "Thursday", "DATE"), published=SATURDAY)
    assert (day.name, day.type, day.resolved) == ("Thursday", EntityType.DATE, "2019-02-21")


def test_quotes_find_their_speakers() -> None:
    pieces = [
        Piece(0, "Lena Ruud, the mayor, spoke."),
        Piece(1, "“We will rebuild the bridge by May,” she said."),
        Piece(2, "“Nobody pays twice,” Ruud said. “The river will not wait for us either.”"),
        Piece(3, "Traders called it “a small step” and moved on."),
    ]
    found = find_quotes(pieces)
    assert [(q.piece, q.name, q.pronoun) for q in found] == [(1, None, True), (2, "Ruud", False), (2, "Ruud", False)]
    entities, quotes = build(pieces, [[(0, 9, "PERSON")], [], [], []], None, [])
    (ruud,) = (e for e in entities if e.type is EntityType.PERSON)
    assert {q.speaker_id for q in quotes} == {ruud.id}
    assert quotes[0].text == "We will rebuild the bridge by May"
    assert pieces[1].text[quotes[0].start : quotes[0].end] == quotes[0].text


def test_quote_speaker_named_inside_the_attribution() -> None:
    text = "“Tickets are nearly gone,” said NFU spokeswoman Pia Lund. Sales close at six."
    entities, (quote,) = entities_of(text, span(text, "NFU", "ORG"), span(text, "Pia Lund", "PERSON"))
    (lund,) = (e for e in entities if e.type is EntityType.PERSON)
    assert (quote.speaker, quote.speaker_id, quote.text) == ("Pia Lund", lund.id, "Tickets are nearly gone")
    assert lund.role == "NFU spokeswoman"


def test_quote_speakers_after_a_title_and_before_a_possessive_outlet() -> None:
    pieces = [
        Piece(0, "“Our results were strong,” chairman and chief executive Ola Berg said."),
        Piece(1, "But she told Radio Nord's Morning Show: “I had to get back into training.”"),
        Piece(2, "“We will not stop,” the company said."),
    ]
    found = find_quotes(pieces)
    assert [(q.piece, q.name, q.pronoun) for q in found] == [(0, "Ola Berg", False), (1, None, True), (2, None, False)]


def test_one_word_joins_the_only_longer_name_it_starts() -> None:
    text = "Brenner Maritime bought Osk. Brenner said the US and the US Navy agreed."
    entities, _ = entities_of(
        text,
        span(text, "Brenner Maritime", "ORG"),
        span(text, "Brenner", "PERSON", 1),
        span(text, "US", "GPE"),
        span(text, "US Navy", "ORG"),
    )
    assert [(e.name, e.aliases, e.type) for e in entities] == [
        ("Brenner Maritime", ("Brenner",), EntityType.ORG),
        ("US", (), EntityType.PLACE),
        ("US Navy", (), EntityType.ORG),
    ]


def test_fighters_make_an_organisation_of_a_place_or_group() -> None:
    text = "Talvo lies east. Talvo fighters left Talvo-held towns. Kurdish fighters stayed in Talvo."
    entities, _ = entities_of(
        text,
        span(text, "Talvo", "GPE"),
        span(text, "Talvo", "GPE", 1),
        span(text, "Talvo", "NORP", 2),
        span(text, "Kurdish", "NORP"),
        span(text, "Talvo", "GPE", 3),
    )
    assert [(e.name, e.type, e.count) for e in entities] == [
        ("Talvo", EntityType.ORG, 4),
        ("Kurdish", EntityType.GROUP, 1),
    ]


def test_docs_stay_small_and_map_back_to_their_pieces() -> None:
    line = "Ada Holm met Bo Lind in Varn.\n"
    long = line * (MAX_DOC // len(line) * 2 + 5)
    pieces = [Piece("headline", "Short head"), Piece(0, long), Piece(1, "Tail.")]
    docs = lay_out(pieces)
    assert len(docs) >= 3
    assert all(len(text) <= MAX_DOC for text, _ in docs)
    seen = {0: "", 1: "", 2: ""}
    for text, parts in docs:
        for index, offset, start, length in parts:
            assert text[start : start + length] == pieces[index].text[offset : offset + length]
            seen[index] += text[start : start + length]
    assert [seen[i] for i in range(3)] == [p.text for p in pieces]
    assert lay_out([]) == [("", [])]


def test_money_keeps_its_currency_and_scale() -> None:
    text = "Vorn paid $40m, Kell spent £7.5bn, rates rose 3 per cent and a fee of €12m was due."
    entities, _ = entities_of(text, span(text, "40", "MONEY"), span(text, "7.5", "MONEY"), span(text, "3", "PERCENT"))
    assert {e.name for e in entities} == {"$40m", "£7.5bn", "3 per cent", "€12m"}


def test_vague_quantities_compounds_ages_and_wordless_dates_are_not_numbers_or_dates() -> None:
    text = (
        "Dozens came for a one-off show. Lena Dahl, 31, gave our full-year figures. Quarterly sales fell two weeks ago."
        " One group left; one in three stayed."
    )
    entities, _ = entities_of(
        text,
        span(text, "Dozens", "CARDINAL"),
        span(text, "one", "CARDINAL"),
        span(text, "One", "CARDINAL"),
        span(text, "one in three", "CARDINAL"),
        span(text, "31", "DATE"),
        span(text, "our full-year", "DATE"),
        span(text, "Quarterly", "DATE"),
        span(text, "two weeks ago", "DATE"),
    )
    assert [(e.name, e.type) for e in entities] == [
        ("31", EntityType.NUMBER),
        ("two weeks ago", EntityType.DATE),
        ("one in three", EntityType.NUMBER),  # a lone "one" is no number, a ratio is
    ]


def test_ampersand_joins_a_name_and_never_ends_one() -> None:
    text = "Harl &amp; Daughters Ltd and Brisk &amp left."
    entities, _ = entities_of(
        text, span(text, "Harl &amp", "ORG"), span(text, "Daughters Ltd", "ORG"), span(text, "Brisk &amp", "ORG")
    )
    assert [e.name for e in entities] == ["Harl &amp; Daughters Ltd", "Brisk"]


def test_acronym_of_common_words_is_no_entity() -> None:
    text = "They reached the remote supply depot (RSD). The RSD was empty."
    entities, _ = entities_of(text, span(text, "RSD", "ORG"), span(text, "RSD", "ORG", 1))
    assert entities == ()


def test_aliases_geographic_words_and_spacing_join_one_entity() -> None:
    text = "The US, the United States. The Oska River, the Oska. BrightLine, Bright Line. Ana Lee-Park, Ana Lee Park."
    entities, _ = entities_of(
        text,
        span(text, "US", "GPE"),
        span(text, "United States", "GPE"),
        span(text, "Oska River", "LOC"),
        span(text, "Oska", "LOC", 1),
        span(text, "BrightLine", "ORG"),
        span(text, "Bright Line", "ORG"),
        span(text, "Ana Lee-Park", "PERSON"),
        span(text, "Ana Lee Park", "PERSON"),
    )
    assert [(e.name, e.count) for e in entities] == [
        ("United States", 2),
        ("Oska River", 2),
        ("Bright Line", 2),
        ("Ana Lee-Park", 2),  # as fully spelt as the other, and first
    ]


def test_the_first_half_of_a_double_barrelled_surname_is_its_bearer_and_the_common_spelling_names_him() -> None:
    text = (
        "Tomas Vane-Hollis launched his party. Vane-Hollis said it would win. Vane predicted seats. "
        "Readers wrote that Tomas Vane Hollis was right, and Vane-Hollis thanked them."
    )
    entities, _ = entities_of(
        text,
        span(text, "Tomas Vane-Hollis", "PERSON"),
        span(text, "Vane-Hollis", "PERSON", 1),
        span(text, "Vane", "GPE", 2),  # the small model's guess for a lone surname-half
        span(text, "Tomas Vane Hollis", "PERSON"),
        span(text, "Vane-Hollis", "PERSON", 2),
    )
    assert [(e.name, e.type, e.count) for e in entities] == [("Tomas Vane-Hollis", EntityType.PERSON, 5)]


def test_a_company_with_and_without_its_legal_form_is_one_entity_and_a_price_in_pence_no_date() -> None:
    text = "Harl & Daughters Ltd won the contract. Harl & Daughters shares closed at 120p. Harl Bank Inc. fell."
    entities, _ = entities_of(
        text,
        span(text, "Harl & Daughters Ltd", "ORG"),
        span(text, "Harl & Daughters", "ORG", 1),
        span(text, "120p", "DATE"),
        span(text, "Harl Bank Inc.", "ORG"),
    )
    assert [(e.name, e.type, e.count) for e in entities] == [
        ("Harl & Daughters Ltd", EntityType.ORG, 2),
        ("120p", EntityType.NUMBER, 1),
        ("Harl Bank Inc.", EntityType.ORG, 1),  # no "Harl Bank" to join
    ]


def test_a_hyphenated_surname_joins_a_full_name_spelt_with_a_space() -> None:
    text = "Tomas Vane Hollis spoke first. Later Vane-Hollis said he would stand."
    entities, _ = entities_of(text, span(text, "Tomas Vane Hollis", "PERSON"), span(text, "Vane-Hollis", "PERSON"))
    assert [(e.name, e.count) for e in entities] == [("Tomas Vane Hollis", 2)]


def test_a_party_before_a_members_title_is_an_organisation_throughout() -> None:
    text = "Harbour voted no. Critics of Harbour spoke. A former Harbour minister and two Harbour peers agreed."
    entities, _ = entities_of(
        text,
        span(text, "Harbour", "PERSON"),
        span(text, "Harbour", "PERSON", 1),
        span(text, "Harbour", "ORG", 2),
        span(text, "Harbour", "PERSON", 3),
    )
    assert [(e.name, e.type, e.count) for e in entities] == [("Harbour", EntityType.ORG, 4)]


def test_a_name_never_crosses_a_spaced_dash() -> None:
    assert cleaned("Harbour Party - Latin") == ["Harbour Party", "Latin"]
    assert cleaned("Harbour Party – the") == ["Harbour Party"]
    assert cleaned("Lee-Park Holdings") == ["Lee-Park Holdings"]


def test_lone_word_person_takes_the_type_the_article_otherwise_gives_it() -> None:
    text = "Harwick beat Tolby. Harwick top the league. Tolby said it was luck, and Tolby won in May."
    entities, _ = entities_of(
        text,
        span(text, "Harwick", "PERSON"),
        span(text, "Tolby", "PERSON"),
        span(text, "Harwick", "ORG", 1),
        span(text, "Tolby", "PERSON", 1),
        span(text, "Tolby", "ORG", 2),
    )
    types = {e.name: e.type for e in entities}
    assert types["Harwick"] is EntityType.ORG  # tied with the tagger's "person", which nothing supports
    assert types["Tolby"] is EntityType.PERSON  # "Tolby said"


def test_last_word_of_a_longer_title_is_no_entity() -> None:
    text = "She read Lord of the Lanterns twice; some of the Varns came, and the Varns spoke."
    entities, _ = entities_of(
        text, span(text, "the Lanterns", "ORG"), span(text, "Varns", "ORG"), span(text, "Varns", "ORG", 1)
    )
    assert [(e.name, e.count) for e in entities] == [("Varns", 2)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12),
)
def test_claimed_ranges_answer_as_a_scan_of_every_range_would(
    claimed: list[tuple[int, int]], queries: list[tuple[int, int]]
) -> None:
    ranges = [(start, start + length) for start, length in claimed]
    taken = Claimed(ranges)
    for start, length in queries:
        end = start + length
        overlapping = any(start < e and s < end for s, e in ranges)
        assert taken.overlaps(start, end) is overlapping
        if not overlapping:
            taken.add(start, end)
            ranges.append((start, end))


def test_a_club_is_no_person_and_a_time_zone_no_organisation() -> None:
    text = "Harbour United beat Elling Rovers at 3pm GMT, said Karl Berg."
    entities, _ = entities_of(
        text,
        span(text, "Harbour United", "PERSON"),
        span(text, "Elling Rovers", "PERSON"),
        span(text, "GMT", "ORG"),
        span(text, "Karl Berg", "PERSON"),
    )
    assert {(e.name, e.type) for e in entities} == {
        ("Harbour United", EntityType.ORG),
        ("Elling Rovers", EntityType.ORG),
        ("Karl Berg", EntityType.PERSON),
    }


def test_a_question_s_opening_verb_is_no_first_name() -> None:
    def person(text: str, words: str) -> list[str]:
        start = text.index(words)
        return [text[s:e] for s, e in clean_spans(text, start, start + len(words), EntityType.PERSON)]

    assert person("Will Warren face the heat? Nobody knows.", "Will Warren") == ["Warren"]
    assert person("Polls closed. Did Karl Berg vote?", "Did Karl Berg") == ["Karl Berg"]
    assert person("Will Berg won the vote.", "Will Berg") == ["Will Berg"]  # no question: a first name
    assert person("She asked: Can Dundar speak?", "Can Dundar") == ["Can Dundar"]  # not a sentence start


def test_a_group_and_its_plural_are_one_entity() -> None:
    text = "The Democrats met. One Democrat left. African Americans and an African American voted."
    entities, _ = entities_of(
        text,
        span(text, "Democrats", "NORP"),
        span(text, "Democrat", "NORP", nth=1),
        span(text, "African Americans", "NORP"),
        span(text, "African American", "NORP", nth=1),
    )
    assert sorted((e.name, e.count) for e in entities) == [("African Americans", 2), ("Democrats", 2)]


def test_a_portfolio_before_a_title_is_part_of_the_role_not_an_organisation() -> None:
    text = "Plans were announced by the Trade and Industry Secretary Ana Lind. The Trade and Industry Ministry agreed."
    entities, _ = entities_of(
        text,
        span(text, "Trade and Industry", "ORG"),
        span(text, "Ana Lind", "PERSON"),
        span(text, "Trade and Industry", "ORG", nth=1),
    )
    assert [(e.name, e.count) for e in entities if e.type is EntityType.ORG] == [("Trade and Industry", 1)]
    (person,) = [e for e in entities if e.type is EntityType.PERSON]
    assert person.role == "Trade and Industry Secretary"


def test_ages_and_catalogue_numbers_are_no_dates() -> None:
    assert cleaned("32-year-old", EntityType.DATE) == []
    assert cleaned("six-month-old", EntityType.DATE) == []
    assert cleaned("121102", EntityType.DATE) == []
    assert cleaned("2019", EntityType.DATE) == ["2019"]


def test_a_capitalised_common_word_opening_a_headline_is_no_person() -> None:
    pieces = [Piece(0, "Plumber jailed after boiler blast"), Piece(1, "A plumber was jailed. Brown said so.")]
    spans = [[(0, 7, "PERSON")], [(22, 27, "PERSON")]]
    entities, _ = build(pieces, spans, None, [])
    assert [e.name for e in entities] == ["Brown"]
