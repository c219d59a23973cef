"""The article screen's keys: one meaning per key, wherever the focus is on the screen.

Every key is the screen's (the panel's lists keep only their cursor keys and Enter), so
`e` is "edit note" in the text and in the Notes tab alike, and Escape always goes back
one step. Some keys have a second binding that takes over in a given state; the
screen's `check_action` hides the one that does not apply, so the key bar and `?` show
what a key does now:

- no caret yet: j/k scroll a line, space/b a page, g/G to the top/bottom (as `less`);
- a caret placed (the first h/l/w/(/)/{/} press, a click, or `v`): j/k and the arrows
  move it by line, b by word back, and the view follows it;
- a passage selected: `h` keeps it as a highlight (else it moves the caret left), `a`
  annotates it, Escape drops it.

Ids are kept from earlier versions (a user's keymap.toml names them), even where a key
moved: "article.notes" is now `3`, "panel.next_mention" is the screen's `m`.
"""

from __future__ import annotations

from textual.binding import Binding

from reader.tui.widgets.bars import KeyGroup

CARET = "caret"  # check: the caret is placed
NO_CARET = "no_caret"  # check: the caret is not placed


def _caret(key: str, unit: str, forward: bool, description: str, name: str, tooltip: str) -> Binding:
    return Binding(key, f"caret('{unit}', {forward})", description, id=f"visual.{name}", show=False, tooltip=tooltip)


ARTICLE_BINDINGS = [
    # Escape: one step back, whichever applies first. Priority: Textual's own Escape (a screen
    # drops a mouse selection before the bindings are asked) would take the first step unseen.
    Binding("escape", "clear_selection", "Cancel", id="article.cancel", priority=True, tooltip="Drop the selection"),
    Binding("escape", "leave_panel", "Text", id="article.leave_panel", priority=True,
            tooltip="Back from the panel to the text"),
    Binding("escape", "drop_caret", "Hide caret", id="article.drop_caret", priority=True,
            tooltip="Hide the caret: the keys scroll the page again"),
    Binding("escape", "back", "Back", id="article.back", priority=True,
            tooltip="Back to the list the article was opened from"),
    Binding("q", "close", "Close", id="article.close", show=False,
            tooltip="Back to the list at once, whatever the selection, caret or panel (as newsboat's q)"),
    # Keeping a passage.
    Binding("v", "visual", "Select", id="article.visual",
            tooltip="Place the caret, then start (or stop) selecting at it"),
    Binding("a", "keep(True)", "Annotate", id="article.annotate",
            tooltip="Keep the selected passage with a note, tags and a colour"),
    Binding("h", "keep(False)", "Highlight", id="article.highlight", tooltip="Keep the selected passage as a highlight"),
    # The caret.
    _caret("h,left,shift+left", "char", False, "← Char", "char_back", "The caret a character back"),
    _caret("l,right,shift+right", "char", True, "Char →", "char_forward", "The caret a character on"),
    Binding("j,down", "line(1)", "Line ↓", id="visual.line_down", show=False, tooltip="The caret a line down"),
    Binding("k,up", "line(-1)", "Line ↑", id="visual.line_up", show=False, tooltip="The caret a line up"),
    _caret("w,ctrl+right", "word", True, "Word →", "word_forward", "The caret to the next word"),
    Binding("b,ctrl+left", "word_back", "← Word", id="visual.word_back", show=False,
            tooltip="The caret to the word before"),
    _caret("right_parenthesis", "sentence", True, "Sentence →", "sentence_forward", "The caret to the next sentence"),
    _caret("left_parenthesis", "sentence", False, "← Sentence", "sentence_back", "The caret to the sentence before"),
    _caret("right_curly_bracket,shift+down", "paragraph", True, "Paragraph →", "paragraph_forward",
           "The caret to the next paragraph"),
    _caret("left_curly_bracket,shift+up", "paragraph", False, "← Paragraph", "paragraph_back",
           "The caret to the paragraph before"),
    # With the focus in a panel's list, j/k/g/G move its cursor (as in the library's side panel),
    # so `e`/`d`/`O` act on the row moved to; the text's bindings of these keys step aside.
    Binding("j", "panel_row('cursor_down')", "Row ↓", id="panel.row_down", show=False,
            tooltip="With the focus in the panel: its list's next row"),
    Binding("k", "panel_row('cursor_up')", "Row ↑", id="panel.row_up", show=False,
            tooltip="With the focus in the panel: its list's previous row"),
    Binding("g", "panel_row('first')", "First row", id="panel.first_row", show=False,
            tooltip="With the focus in the panel: its list's first row"),
    Binding("G", "panel_row('last')", "Last row", id="panel.last_row", show=False,
            tooltip="With the focus in the panel: its list's last row"),
    # Scrolling, as less does, before the caret is placed.
    Binding("j", "scroll(1)", "Scroll ↓", id="article.scroll_down", show=False, tooltip="Scroll down a line"),
    Binding("k", "scroll(-1)", "Scroll ↑", id="article.scroll_up", show=False, tooltip="Scroll up a line"),
    # A page, the top, the bottom: with a caret placed, it comes along (to the page's top line, the start, the end).
    Binding("space,pagedown", "page(1)", "Page ↓", id="article.page_down", show=False, tooltip="A page down"),
    Binding("b", "page(-1)", "Page ↑", id="article.page_up", show=False, tooltip="A page up"),
    Binding("pageup", "page_back", "Page up", id="article.page_up_key", show=False, tooltip="A page up"),
    Binding("g,home", "end(False)", "Top", id="article.top", show=False, tooltip="The top of the article"),
    Binding("G,end", "end(True)", "Bottom", id="article.bottom", show=False, tooltip="The end of the article"),
    # The article as a whole.
    Binding("o", "open_article", "Open", id="article.open", tooltip="Open the article's page in the browser ($BROWSER)"),
    Binding("n", "unread(1)", "Next unread", id="article.next_unread",
            tooltip="The next unread article of the list it was opened from"),
    Binding("N", "unread(-1)", "Previous unread", id="article.previous_unread", show=False,
            tooltip="The previous unread article of that list"),
    Binding("u", "toggle_read", "Read/unread", id="article.unread", show=False,
            tooltip="Mark this article unread (or read again)"),
    Binding("s", "star", "Star", id="article.star", tooltip="Star or unstar this article"),
    Binding("t", "tag", "Tag", id="article.tag", tooltip="Tag this article"),
    Binding("left_square_bracket", "neighbour(-1)", "Previous", id="article.previous",
            tooltip="The previous article of the list it was opened from"),
    Binding("right_square_bracket", "neighbour(1)", "Next", id="article.next",
            tooltip="The next article of the list it was opened from"),
    Binding("r", "related", "Related", id="article.related", show=False,
            tooltip="Articles sharing the most names with this one (the same story elsewhere)"),
    Binding("X", "export", "Export this article's notes", id="article.export", show=False,
            tooltip="Write this article and its notes as Markdown to the export folder"),
    # Notes and links: the one the panel shows, else the one at the caret or selection.
    Binding("e", "edit_note", "Edit note", id="panel.edit_note",
            tooltip="Edit the note highlighted in the Notes tab, or the one at the caret"),
    Binding("d,delete", "delete_note", "Delete note", id="panel.delete_note", show=False,
            tooltip="Delete the note highlighted in the Notes tab, or the one at the caret (z brings it back)"),
    Binding("O", "open_link", "Open link", id="panel.open_link", show=False,
            tooltip="Open the link highlighted in the Links tab, or the selected or clicked one"),
    # The panel.
    Binding("p", "toggle_panel", "Panel", id="article.panel", tooltip="Show or hide the entities, quotes and notes panel"),
    Binding("1", "panel('entities')", "Entities tab", id="article.entities", show=False,
            tooltip="The people, places and organisations in the article"),
    Binding("2", "panel('quotes')", "Quotes tab", id="article.quotes", show=False, tooltip="Who said what in the article"),
    Binding("3", "panel('notes')", "Notes tab", id="article.notes", show=False, tooltip="Your notes on this article"),
    Binding("4", "panel('links')", "Links tab", id="article.links", show=False,
            tooltip="The article's links, numbered as in the text"),
    Binding("m", "mention(1)", "Next mention", id="panel.next_mention", show=False,
            tooltip="The chosen entity's next mention"),
    Binding("M", "mention(-1)", "Previous mention", id="panel.previous_mention", show=False,
            tooltip="The chosen entity's previous mention"),
    # Layers (lower-case letters are for reading and annotating).
    Binding("E", "toggle_layer('entities')", "Toggle entities", id="article.toggle_entities", show=False,
            tooltip="Show or hide people, places, organisations and dates"),
    Binding("Q", "toggle_layer('quotes')", "Toggle quotes", id="article.toggle_quotes", show=False,
            tooltip="Show or hide direct quotes"),
    Binding("H", "toggle_layer('highlights')", "Toggle highlights", id="article.toggle_highlights", show=False,
            tooltip="Show or hide your highlights"),
    Binding("greater_than_sign,ctrl+pagedown", "part(1)", "Next part", id="article.next_part", show=False,
            tooltip="A very long article is read in parts: the next one"),
    Binding("less_than_sign,ctrl+pageup", "part(-1)", "Previous part", id="article.previous_part", show=False,
            tooltip="A very long article is read in parts: the previous one"),
]

MOVES = KeyGroup("Caret", ("visual.char_back", "visual.line_down", "visual.line_up", "visual.char_forward",
                           "visual.word_forward", "visual.word_back", "visual.sentence_back", "visual.sentence_forward"))
EXTEND = KeyGroup("Extend", MOVES.ids)
# One-binding groups: a shorter word on the bar than the binding's own description.
UNREAD = KeyGroup("Unread", ("article.next_unread",))
EXPORT_ALL = KeyGroup("Export", ("app.export_all",))
NEIGHBOURS = KeyGroup("Prev/Next", ("article.previous", "article.next"))
PANEL_TABS = KeyGroup("Tabs", ("article.entities", "article.quotes", "article.notes", "article.links"))
BACK = ("article.cancel", "article.leave_panel", "article.back")

# What the key bar shows, in order, as far as it fits (the app's quit and help always stay, at the end):
# at 120 columns, up to Prev/Next.
READING_BAR = ("article.visual", MOVES, "article.open", UNREAD, "app.undo", "app.notes", "app.entities", NEIGHBOURS,
               EXPORT_ALL, "article.panel", "article.star", "article.tag", "article.unread", "panel.edit_note",
               PANEL_TABS, *BACK)
SELECTING_BAR = ("article.annotate", "article.highlight", "article.cancel", EXTEND, "article.visual")
# With the focus in the panel: what acts on its list's row first, then the way back and the tabs.
MENTIONS = KeyGroup("Mentions", ("panel.next_mention", "panel.previous_mention"))
_PANEL_END = ("article.leave_panel", PANEL_TABS, "article.panel", "app.undo", "app.notes", "app.entities")
PANEL_BARS = {
    "entities": (MENTIONS, *_PANEL_END),
    "quotes": _PANEL_END,
    "notes": ("panel.edit_note", "panel.delete_note", *_PANEL_END),
    "links": ("panel.open_link", *_PANEL_END),
}

# `?` shows the part of this that applies now (ArticleScreen.help_text), then the rest.
HELP_NO_CARET = """\
No caret yet: j/k scroll a line, space/b a page, g/G go to the top/bottom, as in less.
The first h, l, w, (, ), {, } (or a click, or v) shows the caret; then h j k l and the arrows move it, \
w/b by word, ( and ) by sentence, { and } by paragraph, and the view follows it."""
HELP_CARET = """\
The caret is shown: h j k l and the arrows move it, w/b by word, ( and ) by sentence, { and } by paragraph, \
space/b a page, g/G to the start/end, and the view follows it. Esc hides it: j/k scroll again."""
HELP_PANEL = """\
The focus is in the panel: j/k and the arrows move its list's cursor, g/G to its first/last row, \
Enter chooses the row, e/d/O act on it; space/b still page the text. Esc goes back to the text."""
HELP_ALWAYS = """\
v starts a selection at the caret and moving extends it; a annotates it, h highlights it, Esc drops it.
After a note is saved (ctrl+s) the caret is gone: v places it again where you are, then v selects.
Esc goes back one step: the selection, then the panel, then the list the article came from."""
