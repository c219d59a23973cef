"""The private parts of textual that reader/tui/textual_private.py (and FixedRows) rely on.

If textual changes any of them, these fail before a screen quietly draws wrong: check
the new version's source, then update textual_private.py and FixedRows together.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from rich.style import Style as RichStyle
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.textual_private import bindings_of, has_meta, reuse_option, start_unseen
from tui_helpers import run

SIZE = (60, 12)


def test_textual_is_the_pinned_version() -> None:
    assert version("textual") == "8.2.8"


def parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_the_private_methods_and_attributes_are_still_there() -> None:
    assert parameters(App._get_screen) == ["self", "screen"]
    assert parameters(Screen._refresh_layout)[:2] == ["self", "size"]
    assert isinstance(App()._keymap, dict)
    # What FixedRows overrides and reads.
    assert parameters(OptionList._update_lines) == ["self"]
    assert parameters(OptionList._get_option_render) == ["self", "option", "style"]
    for name in ("_get_visual", "_get_left_gutter_width"):
        assert callable(getattr(OptionList, name))
    rows = OptionList()
    for name in ("_line_cache", "_option_render_cache", "_option_to_index"):
        assert hasattr(rows, name), name
    for name in ("lines", "index_to_line", "heights"):
        assert hasattr(rows._line_cache, name), name
    assert Option("x")._divider is False
    # What notify_kept, withdraw and show_toasts_everywhere use.
    from textual.notifications import Notifications
    from textual.widgets._toast import ToastRack

    assert parameters(App._unnotify)[:2] == ["self", "notification"]
    assert isinstance(App()._notifications, Notifications)
    assert parameters(ToastRack.show) == ["self", "notifications"]


class Unseen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("drawn before it is shown", id="text")


class Small(App[None]):
    BINDINGS = [Binding("x", "bell", "Bell", id="small.bell")]

    def on_mount(self) -> None:
        self.install_screen(Unseen(), "unseen")


def test_start_unseen_composes_lays_out_and_draws_a_screen_without_showing_it() -> None:
    async def scenario() -> None:
        app = Small()
        async with app.run_test(size=SIZE) as pilot:
            screen = app.get_screen("unseen")
            assert not screen.is_running
            start_unseen(app, "unseen")
            await pilot.pause()
            await pilot.pause()
            assert screen.is_running and screen not in app.screen_stack
            text = screen.query_one("#text", Static)
            assert text.size.width == SIZE[0]  # laid out at the app's size
            assert screen._compositor.render_full_update() is not None  # the compositor knows its widgets
            assert text in screen._compositor.visible_widgets
            start_unseen(app, "unseen")  # a second call does nothing
            await app.push_screen("unseen")
            assert app.screen is screen

    run(scenario())


def test_bindings_of_reads_a_node_s_own_bindings_with_the_keymap() -> None:
    async def scenario() -> None:
        app = Small()
        async with app.run_test(size=SIZE):
            assert isinstance(bindings_of(app), BindingsMap)
            assert [b.id for _, b in bindings_of(app) if b.id == "small.bell"] == ["small.bell"]
            app.set_keymap({"small.bell": "y"})
            keys = [key for key, b in bindings_of(app) if b.id == "small.bell"]
            assert keys == ["y"]
            # a copy: the app's own map keeps working as Textual made it
            assert bindings_of(app) is not app._bindings

    run(scenario())


def test_reuse_option_clears_the_separator_textual_marks_on_an_option() -> None:
    async def scenario() -> None:
        app = App[None]()
        async with app.run_test(size=SIZE):
            first, second = Option("one"), Option("two")
            rows = OptionList()
            await app.screen.mount(rows)
            rows.set_options([first, None, second])
            assert first._divider is True  # Textual marks "a separator follows" here
            assert reuse_option(first) is first and first._divider is False

    run(scenario())


def test_has_meta_tells_a_style_with_meta_without_decoding_it() -> None:
    assert has_meta(RichStyle.from_meta({"offset": (0, 0)}))
    assert not has_meta(RichStyle(bold=True))
    assert not has_meta(None)


def test_release_render_caches_empties_textual_s_memo_and_the_next_frame_still_draws() -> None:
    from textual._styles_cache import StylesCache

    from reader.tui.textual_private import release_render_caches

    memo = StylesCache.get_inner_outer  # keyed by each widget's StylesCache: it holds what they drew

    class Drawn(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("drawn", id="text")

    async def scenario() -> None:
        app = Drawn()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert memo.cache_info().currsize > 0
            release_render_caches()
            assert memo.cache_info().currsize == 0
            text = app.query_one("#text", Static)
            text.update("drawn again")
            await pilot.pause()
            assert "drawn again" in "".join(s.text for s in app.screen._compositor.render_update(full=True).strips[0])

    run(scenario())


def test_styled_on_first_resume_a_pushed_screen_keeps_the_styles_its_widgets_mounted_with() -> None:
    from textual import events
    from textual.color import Color

    from reader.tui.textual_private import StyledOnFirstResume

    assert parameters(Screen._on_screen_resume) == ["self", "event"]
    assert events.ScreenResume().refresh_styles is True
    resumed: list[bool] = []

    class Styled(StyledOnFirstResume, Screen[None]):
        CSS = "#text { color: $error; height: 3; }"

        def compose(self) -> ComposeResult:
            yield Static("styled", id="text")

        def _on_screen_resume(self, event: events.ScreenResume) -> None:
            super()._on_screen_resume(event)
            resumed.append(event.refresh_styles)  # as Textual's own handler saw it

    async def scenario() -> None:
        app = App[None]()
        async with app.run_test(size=SIZE) as pilot:
            screen = Styled()
            await app.push_screen(screen)
            await pilot.pause()
            text = screen.query_one("#text", Static)
            assert text.styles.color == Color.parse(app.get_css_variables()["error"])  # styled as it mounted
            assert text.size.height == 3
            assert resumed == [False]  # the restyle was skipped
            screen.post_message(events.ScreenResume())  # as a later showing (Textual's default)
            await pilot.pause()
            assert resumed == [False, True]  # a later showing is left to textual

    run(scenario())
