"""An article not in English: its panel says why it lists no names (it said "No names found
in this article", as if the tagger had looked and found none)."""

from __future__ import annotations

from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_panel import EntityList
from reader.tui.widgets.panel_items import NO_ENTITIES, NOT_ENGLISH, PENDING
from tui_helpers import SIZE, MakeApp, MakeArticle, run

GERMAN = ("Die Bundesregierung will die Förderung für Wärmepumpen im kommenden Jahr deutlich ausweiten, "
          "wie das Wirtschaftsministerium am Donnerstag in Berlin mitteilte. Nach Angaben des Ministeriums "
          "sollen vor allem Familien mit kleinen und mittleren Einkommen von der neuen Regelung profitieren, "
          "die auch für bereits gestellte Anträge gelten soll.")


def entity_rows(app) -> list[str]:
    found = app.screen.query_one(EntityList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


def open_and_read_panel(make_app: MakeApp, title: str) -> list[str]:
    seen: list[str] = []

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *title.lower(), "enter")
            for _ in range(300):
                if isinstance(app.screen, ArticleScreen) and app.screen.query(EntityList) \
                        and entity_rows(app) != [PENDING]:
                    break
                await pilot.pause(0.05)
            seen.extend(entity_rows(app))

    run(scenario())
    return seen


def test_a_german_article_says_names_are_found_in_english_only(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Wärmepumpen", [GERMAN])
    assert open_and_read_panel(make_app, "Wärmepumpen") == [NOT_ENGLISH]


def test_an_english_article_without_names_says_none_were_found(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Weather", ["It rained all day and the wind was cold, so we stayed in and read the news."])
    assert open_and_read_panel(make_app, "Weather") == [NO_ENTITIES]
