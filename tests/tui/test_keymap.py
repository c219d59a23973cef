"""keymap.toml moves keys by binding id; a broken entry is named and skipped, never fatal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from reader.tui.commands.keymap import SCOPES, all_binding_ids, load_keymap
from reader.tui.screens.help import HelpScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def write_keymap(config_dir: Path, text: str) -> Path:
    path = config_dir / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_keymap_is_empty_and_no_problem(config_dir: Path) -> None:
    keymap = load_keymap(config_dir)
    assert keymap.keys == {} and keymap.problems == []


def test_good_entries_are_read(config_dir: Path) -> None:
    write_keymap(config_dir, '[keys]\n"article.toggle_entities" = "e"\n"app.help" = "f1, question_mark"\n')
    keymap = load_keymap(config_dir)
    assert keymap.keys == {"article.toggle_entities": "e", "app.help": "f1,question_mark"}
    assert keymap.problems == []


def test_every_bad_entry_is_named_with_the_file_and_skipped(config_dir: Path) -> None:
    path = write_keymap(
        config_dir,
        '[keys]\n"library.sort" = 3\n"library.filter" = ""\n"nowhere.thing" = "x"\n'
        '"app.help" = "f1"\n"library.views" = "ctrl x"\n[other]\na = 1\n',
    )
    keymap = load_keymap(config_dir)
    assert keymap.keys == {"app.help": "f1"}
    assert len(keymap.problems) == 5
    assert all(str(path) in problem for problem in keymap.problems)
    for name in ("library.sort", "library.filter", "nowhere.thing", "library.views", "other"):
        assert any(name in problem for problem in keymap.problems), name


def test_unreadable_toml_and_a_non_table_are_problems(config_dir: Path) -> None:
    write_keymap(config_dir, "[keys\n")
    assert load_keymap(config_dir).keys == {}
    assert "not read" in load_keymap(config_dir).problems[0]
    write_keymap(config_dir, 'keys = "f"\n')
    assert load_keymap(config_dir).keys == {}
    assert "table" in load_keymap(config_dir).problems[0]


def test_every_scope_of_the_app_bindings_is_known() -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.article import ArticleScreen
    from reader.tui.screens.library import LibraryScreen

    for cls in (ReaderApp, LibraryScreen, ArticleScreen, HelpScreen):
        for binding in cls.BINDINGS:
            assert binding.id and binding.id.split(".")[0] in SCOPES, binding  # type: ignore[union-attr]
    ids = all_binding_ids(ReaderApp)
    assert {"app.help", "ask.yes", "visual.line_down", "tags.save", "library.filter"} <= ids
    assert {binding_id.split(".")[0] for binding_id in ids} == SCOPES  # no id a keymap entry is refused for


def test_an_id_no_key_has_is_named_with_the_closest(
    make_article: MakeArticle, make_app: MakeApp, config_dir: Path
) -> None:
    """`"article.stra" = "f"` was ignored without a word: its scope is right, its id is not."""
    make_article("One", ["First paragraph."])
    write_keymap(config_dir, '[keys]\n"article.stra" = "f"\n"library.filter" = "f"\n')

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                messages = [n.message for n in app._notifications]  # noqa: SLF001
                if any("article.stra" in m for m in messages):
                    break
                await pilot.pause(0.05)
            [message] = [m for m in messages if "article.stra" in m]
            assert "does nothing" in message and "did you mean 'article.star'?" in message
            assert not any("library.filter" in m for m in messages)

    run(scenario())


def test_a_remapped_key_works_and_help_shows_it(make_article: MakeArticle, make_app: MakeApp, config_dir: Path) -> None:
    make_article("One", ["First paragraph."])
    write_keymap(config_dir, '[keys]\n"library.filter" = "f"\n')

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash")  # the old key no longer focuses the filter
            await pilot.pause()
            assert not isinstance(app.focused, Input)
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.focused, Input) and app.focused.id == "filter"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one(DataTable)
            rows = {str(table.get_row_at(i)[2]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}
            assert rows["library.filter"] == "f"

    run(scenario())


def test_keymap_problems_are_notified_and_the_app_starts(
    make_article: MakeArticle, make_app: MakeApp, config_dir: Path
) -> None:
    make_article("One", ["First paragraph."])
    write_keymap(config_dir, '[keys]\n"library.sort" = ["x"]\n"bogus.id" = "z"\n"library.views" = "w"\n')

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            messages = [n.message for n in app._notifications]  # noqa: SLF001
            assert any("library.sort" in m and "keymap.toml" in m for m in messages)
            assert any("bogus.id" in m for m in messages)
            await pilot.press("w")  # the good entry still applies
            await pilot.pause()
            assert app.focused is not None and app.focused.id == "views"

    run(scenario())
