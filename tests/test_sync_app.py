"""The app's background sync (`reader sync --auto on`): at start it brings in what other
libraries sent, says so in the title bar, and a failure is a toast, never a crash."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from reader.core.store import Library
from reader.core.sync.engine import remember, set_auto, sync
from reader.tui.app import ReaderApp
from reader.tui.state import sync as background
from reader.tui.widgets.article_list import ArticleList
from sync_helpers import make_article


async def _settle(app: ReaderApp, pilot) -> None:  # noqa: ANN001 - a Pilot
    """Wait for the sync round to end, then for the messages it posted (a toast is a
    message the app handles after the title is set)."""
    for _ in range(200):
        await pilot.pause(0.05)
        if not app.background_sync.running:
            break
    await pilot.pause()


async def _test_the_app_syncs_at_start_and_says_so_in_the_title(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    desktop = Library(tmp_path / "desktop")
    article = desktop.add(make_article(1))[0]
    desktop.annotate(article.id, 4, 11, note="from the desktop")
    sync(desktop, str(target))
    laptop = Library(tmp_path / "laptop")
    laptop.add(make_article(2))
    remember(laptop, str(target))
    set_auto(laptop, True)
    app = ReaderApp(laptop, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        assert "synced" in app.title
    assert [n.note for n in laptop.annotations()] == ["from the desktop"]


async def _test_a_failed_background_sync_is_a_toast_and_the_app_goes_on(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    library = Library(tmp_path / "lib")
    library.add(make_article(1))
    remember(library, str(target))
    set_auto(library, True)
    shutil.rmtree(target)  # the share is not mounted
    app = ReaderApp(library, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        assert app.title.endswith("sync failed")
        for _ in range(100):  # the toast is a message; under load it may come a little later
            toasts = [str(n.message) for n in app._notifications]
            if toasts:
                break
            await pilot.pause(0.05)
        assert any("no such folder" in message for message in toasts), toasts
        await pilot.press("j")  # still reading


async def _test_without_auto_the_app_does_not_sync(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    library = Library(tmp_path / "lib")
    library.add(make_article(1))
    remember(library, str(target))
    app = ReaderApp(library, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        assert app.title == "reader"
    assert not (target / "reader-sync" / "v1" / "devices").exists() or not any(
        (target / "reader-sync" / "v1" / "devices").iterdir())


async def _test_a_note_edited_on_both_devices_is_a_toast_with_the_text_not_kept(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    desktop, laptop = Library(tmp_path / "desktop"), Library(tmp_path / "laptop")
    article = desktop.add(make_article(1))[0]
    desktop.annotate(article.id, 4, 11, note="first")
    sync(desktop, str(target))
    sync(laptop, str(target))
    desktop.edit_annotation(desktop.annotations()[0], note="typed on the desktop")
    sync(desktop, str(target))
    laptop.edit_annotation(laptop.annotations()[0], note="typed on the laptop")  # before seeing it
    set_auto(laptop, True)
    app = ReaderApp(laptop, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        for _ in range(100):
            toasts = [str(n.message) for n in app._notifications]
            if toasts:
                break
            await pilot.pause(0.05)
        assert len(toasts) == 1 and "its text was edited on both devices" in toasts[0], toasts
        assert 'the other was "typed on the desktop"' in toasts[0]
    assert [n.note for n in laptop.annotations()] == ["typed on the laptop"]


def test_a_note_edited_on_both_devices_is_a_toast_with_the_text_not_kept(tmp_path: Path) -> None:
    asyncio.run(_test_a_note_edited_on_both_devices_is_a_toast_with_the_text_not_kept(tmp_path))


async def _test_the_open_app_pulls_another_librarys_tag_with_nothing_to_send(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    desktop, laptop = Library(tmp_path / "desktop"), Library(tmp_path / "laptop")
    article = desktop.add(make_article(1))[0]
    sync(desktop, str(target))
    sync(laptop, str(target))
    set_auto(laptop, True)
    app = ReaderApp(laptop, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert "#from-desktop" not in str(articles.get_option(article.id).prompt)
        desktop.tag_article(article.id, add=["from-desktop"])  # the other machine, meanwhile
        sync(desktop, str(target))
        for _ in range(300):  # a pull every 0.5 s here; the list looks at the library every 2 s
            await pilot.pause(0.05)
            if "#from-desktop" in str(articles.get_option(article.id).prompt):
                break
        assert "#from-desktop" in str(articles.get_option(article.id).prompt)
        assert "sync failed" not in app.title
    assert laptop.article(article.id).tags == ["from-desktop"]


def test_the_open_app_pulls_another_librarys_tag_with_nothing_to_send(tmp_path: Path, monkeypatch) -> None:
    """With `--auto on` the open app syncs every PULL_EVERY seconds though nothing waits to
    go out (it did only at start and for local changes: another machine's tag never came)."""
    monkeypatch.setattr(background, "INTERVAL", 0.1)
    monkeypatch.setattr(background, "PULL_EVERY", 0.5)
    asyncio.run(_test_the_open_app_pulls_another_librarys_tag_with_nothing_to_send(tmp_path))


async def _test_a_target_gone_while_pulling_is_one_toast(tmp_path: Path) -> None:
    target = tmp_path / "Sync"
    target.mkdir()
    library = Library(tmp_path / "lib")
    library.add(make_article(1))
    sync(library, str(target))
    set_auto(library, True)
    app = ReaderApp(library, config_dir=tmp_path / "config", read_ahead=None)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        assert "synced" in app.title
        failed: list[str] = []
        said = app.background_sync._failed
        app.background_sync._failed = lambda message: (failed.append(message), said(message))
        shutil.rmtree(target)  # the share is unmounted while the app is open
        for _ in range(400):  # until a few pulls have failed
            await pilot.pause(0.05)
            if len(failed) >= 3:
                break
        await pilot.pause()
        assert len(failed) >= 3 and app.title.endswith("sync failed")
        toasts = [str(n.message) for n in app._notifications]
        assert len(toasts) == 1 and "no such folder" in toasts[0], toasts


def test_a_target_gone_while_pulling_is_one_toast(tmp_path: Path, monkeypatch) -> None:
    """Every pull fails the same way: said once, not every few minutes."""
    monkeypatch.setattr(background, "INTERVAL", 0.1)
    monkeypatch.setattr(background, "PULL_EVERY", 0.2)
    asyncio.run(_test_a_target_gone_while_pulling_is_one_toast(tmp_path))


def test_the_app_syncs_at_start_and_says_so_in_the_title(tmp_path: Path) -> None:
    asyncio.run(_test_the_app_syncs_at_start_and_says_so_in_the_title(tmp_path))


def test_a_failed_background_sync_is_a_toast_and_the_app_goes_on(tmp_path: Path) -> None:
    asyncio.run(_test_a_failed_background_sync_is_a_toast_and_the_app_goes_on(tmp_path))


def test_without_auto_the_app_does_not_sync(tmp_path: Path) -> None:
    asyncio.run(_test_without_auto_the_app_does_not_sync(tmp_path))
