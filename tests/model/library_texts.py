"""Small invented articles for the library tests (written for these tests, not taken from any corpus)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "floods.txt": (
        "Floods close the road to Baghouz\n\n"
        "Heavy rain flooded the villages along the Euphrates on Tuesday, officials in Syria said.\n\n"
        "The Syrian Democratic Forces (SDF) said its fighters had moved families from Baghouz to higher ground. "
        "The SDF asked the United Nations for tents and blankets.\n\n"
        "Angela Merkel, speaking in Berlin, promised help from Germany.\n"
    ),
    "markets.txt": (
        "Shares rally in London as oil prices fall\n\n"
        "Shares in London rose sharply on Monday as the price of oil fell for a third day.\n\n"
        "Traders at Barclays said investors were buying banks again. Microsoft and Google also gained in New York.\n"
    ),
    "camp/refugees.txt": (
        "Refugees wait at the camp near Baghouz\n\n"
        "Thousands of refugees waited at a camp near Baghouz, aid workers from the United Nations said.\n\n"
        "The SDF said the road from Baghouz would reopen when the water fell. "
        "Families told reporters they had walked for two days.\n"
    ),
    "camp/football.txt": (
        "Arsenal beat Chelsea in the London derby\n\n"
        "Arsenal beat Chelsea 2-1 at the Emirates Stadium in London on Saturday.\n\n"
        "The manager said the team had played its best football of the season.\n"
    ),
}


def write_articles(folder: Path, names: tuple[str, ...] = tuple(ARTICLES)) -> Path:
    """Write the chosen articles under ``folder`` and return it."""
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[name], encoding="utf-8")
    return folder
