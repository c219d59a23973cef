"""The app's background sync (`reader sync --auto on`): at start it brings in what other
libraries sent, says so in the title bar, and a failure is a toast, never a crash."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from reader.core.store import Library
from reader.core.sync.engine import remember, set_auto, sync
from reader.tui.app import ReaderApp
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


def test_the_app_syncs_at_start_and_says_so_in_the_title(tmp_path: Path) -> None:
    asyncio.run(_test_the_app_syncs_at_start_and_says_so_in_the_title(tmp_path))


def test_a_failed_background_sync_is_a_toast_and_the_app_goes_on(tmp_path: Path) -> None:
    asyncio.run(_test_a_failed_background_sync_is_a_toast_and_the_app_goes_on(tmp_path))


def test_without_auto_the_app_does_not_sync(tmp_path: Path) -> None:
    asyncio.run(_test_without_auto_the_app_does_not_sync(tmp_path))
