"""An `Input` for tags that completes the tag being typed from the tags already in use.

Tags are free text, but reusing an existing tag is what makes them useful for
filtering later, so the input offers the known tag that starts with what is typed.
The completion uses Textual's own suggestion machinery: it is drawn inline after the
cursor and accepted with the right arrow (or End) like any other `Input` suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.suggester import Suggester
from textual.widgets import Input

from reader.core.model import normalize_tags
from reader.tui.widgets.safe import clean

# Tags are separated by commas and/or whitespace.
_SEPARATORS = re.compile(r"[,\s]+")
_LAST_TAG = re.compile(r"[^,\s]*\Z")


def split_tags(value: str) -> list[str]:
    """The raw tags in `value`, in order (not yet normalized)."""
    return [part for part in _SEPARATORS.split(value) if part]


def format_tags(tags: Iterable[str]) -> str:
    """How a list of tags is written into a `TagInput`: "climate, energy"."""
    return ", ".join(tags)


class TagSuggester(Suggester):
    """Suggests a known tag for the last, unfinished tag of the value.

    Matching is a case-insensitive prefix match; a tag already in the value is not
    offered again. The suggestion is the whole value with the tag's remainder appended,
    keeping what the user typed exactly as typed (Textual draws only the remainder).
    """

    def __init__(self, known_tags: Sequence[str]) -> None:
        # Case handled here, so the typed prefix is kept as typed; no cache because
        # the answer depends on the whole value (tags already present), not a prefix.
        super().__init__(use_cache=False, case_sensitive=True)
        self.known_tags = normalize_tags(list(known_tags))

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        """The completed value, or None when nothing fits (synchronous, for tests)."""
        fragment = _LAST_TAG.search(value)
        if fragment is None or not fragment.group():
            return None
        typed = fragment.group()
        prefix = typed.lower().lstrip("#")
        if not prefix:
            return None
        present = set(normalize_tags(split_tags(value[: fragment.start()])))
        for tag in self.known_tags:
            if tag.startswith(prefix) and len(tag) > len(prefix) and tag not in present:
                return value + tag[len(prefix) :]
        return None


class TagInput(Input):
    """Comma- or space-separated tags, completing from `known_tags`."""

    DEFAULT_CSS = """
    TagInput { width: 1fr; }
    """

    def __init__(
        self,
        tags: Iterable[str] = (),
        known_tags: Sequence[str] = (),
        *,
        placeholder: str = "tags, separated by commas or spaces",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        # Tags can come from old libraries: clean them before they reach the terminal.
        written = clean(format_tags(tags))
        super().__init__(
            # A separator after the tags, so what the user types next is a new tag.
            value=f"{written}, " if written else "",
            placeholder=placeholder,
            suggester=TagSuggester(known_tags),
            # Keep the current tags when focused: adding one is the common edit.
            select_on_focus=False,
            id=id,
            classes=classes,
        )

    @property
    def tags(self) -> list[str]:
        """The tags typed so far, normalized the way the library stores them."""
        return normalize_tags(split_tags(self.value))
