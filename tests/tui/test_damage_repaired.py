"""A notes file damaged while the app is open, then repaired by `reader doctor --restore` in
another shell, as a new user did it: the warning goes once the file is good again, and `r`
in an article does not bring it back."""

from __future__ import annotations

import asyncio
import time

from reader.core.store import Library
from reader.core.store import doctor
from reader.tui.screens.article import ArticleScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run

WARNING = "A damaged file"


def warnings(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == WARNING]  # type: ignore[attr-defined]  # noqa: SLF001


async def until(pilot: object, done: object, seconds: float = 10.0) -> bool:
    """Wait (bounded) for `done()`: the app looks at damaged files on its own clock."""
    deadline = time.monotonic() + seconds
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.1)  # type: ignore[attr-defined]
    return True


def test_the_damage_warning_goes_after_doctor_restore_and_r_does_not_bring_it_back(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    talks = make_article("Talks in Riyadh", ["Marco Rubio said the talks in Riyadh had stalled."])
    make_article("Rubio in Riyadh", ["Marco Rubio flew to Riyadh for the talks."])
    library.annotate(talks.id, 0, 11, note="who")
    shard = library.layout.shard(talks.id)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shard.write_text("garbage")  # with the app open
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape")  # back to the list: it says so
            await pilot.pause()
            assert await until(pilot, lambda: warnings(app)), "the damage was not said"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            said = list(doctor.restore(library.home, doctor.diagnose(library.home)))  # another shell
            assert any("restored" in line for line in said) and not doctor.diagnose(library.home)
            await pilot.press("r")
            await app.entities.wait()
            await pilot.pause()
            assert await until(pilot, lambda: not warnings(app)), warnings(app)
            await pilot.press("escape", "escape")
            await pilot.pause()
            await asyncio.sleep(0)
            assert not warnings(app)

    run(scenario())
