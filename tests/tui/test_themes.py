"""Themes are TOML data; every shipped one applies, and a broken user file never crashes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.core.paths import bundled
from reader.tui.state.themes import APP_VARIABLES, DEFAULT_THEME, ThemeError, load_theme, load_themes
from tui_helpers import SIZE, MakeApp, MakeArticle, run

SHIPPED = {"reader-dark": "dark.toml", "reader-light": "light.toml", "reader-high-contrast": "high-contrast.toml"}
GOOD = 'name = "mine"\nprimary = "#336699"\n[variables]\nquote = "#ff0000"\n'


def test_the_shipped_themes_load_with_every_app_colour() -> None:
    loaded = load_themes(bundled("themes"))
    assert loaded.problems == []
    assert {theme.name for theme in loaded.themes} == set(SHIPPED)
    for theme in loaded.themes:
        assert APP_VARIABLES.keys() <= theme.variables.keys(), theme.name


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name = ", "Invalid value"),
        ('primary = "#123456"', "needs a name"),
        ('name = "x"', "primary"),
        ('name = "x"\nprimary = "#123456"\nsparkle = true', "sparkle"),
        ('name = "x"\nprimary = "not a colour"', "not a colour"),
        ('name = "x"\nprimary = "#123456"\nvariables = 3', "[variables]"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nhl-1 = "blurple"', "blurple"),
    ],
)
def test_a_broken_theme_file_is_refused_with_a_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ThemeError, match=reason.replace("[", r"\[")):
        load_theme(path)
    assert load_themes(tmp_path).problems == [f"Theme file {path} skipped: {load_problem(path)}"]


def load_problem(path: Path) -> str:
    try:
        load_theme(path)
    except ThemeError as error:
        return str(error)
    raise AssertionError("expected a ThemeError")


def test_every_shipped_theme_applies(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("Story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == DEFAULT_THEME
            for name, filename in SHIPPED.items():
                app.theme = name
                await pilot.press("enter")  # draw the article screen in this theme too
                await pilot.pause()
                expected = tomllib.loads((bundled("themes") / filename).read_text())["variables"]
                assert app.current_theme.name == name
                assert app.theme_variables["entity-person"] == expected["entity-person"]
                assert app.theme_variables["hl-5"] == expected["hl-5"]
                await pilot.press("escape")
                await pilot.pause()
            assert app.is_running

    run(scenario())


def test_broken_user_themes_are_skipped_with_a_notice(
    config_dir: Path, make_article: MakeArticle, make_app: MakeApp
) -> None:
    themes = config_dir / "themes"
    themes.mkdir()
    (themes / "good.toml").write_text(GOOD)
    (themes / "syntax.toml").write_text("name = ")
    (themes / "css.toml").write_text('name = "css"\nprimary = "#123456"\n[variables]\nfoo = "}}} ;;"\n')

    async def scenario() -> None:
        make_article("Story", ["Text."])
        app = make_app()
        notices: list[str] = []
        app.notify = lambda message, **_: notices.append(message)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert sorted(Path(n.split()[2]).name for n in notices) == ["css.toml", "syntax.toml"]
            assert "mine" in app.available_themes and "css" not in app.available_themes
            app.theme = "mine"
            await pilot.pause()
            assert app.theme_variables["quote"] == "#ff0000"
            assert app.theme_variables["hl-1"] == APP_VARIABLES["hl-1"]  # the app's default
            assert app.is_running

    run(scenario())
