"""An HTML fragment (a feed entry's content) renamed into trafilatura's XML vocabulary.

So a feed's body and a web page go through one conversion to blocks
(`structure.blocks_from_xml`): `<h2>` becomes `<head rend="h2">`, `<ul>/<li>`
`<list rend="ul">/<item>`, `<pre>` `<code>`, `<em>` `<hi rend="#i">`, `<a href>`
`<ref target>`, `<img>` `<graphic>`, and so on. Scripts, styles, forms and embedded
objects go with their content; other unknown tags go and leave their content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.sanitize import sanitize

if TYPE_CHECKING:
    from lxml.html import HtmlElement

DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "form",
           "button", "input", "select", "textarea", "head", "title", "meta", "link", "audio", "video", "canvas")
_RENAMED = {
    "p": "p", "blockquote": "quote", "pre": "code", "table": "table", "tr": "row",
    "br": "lb", "hr": "lb", "figcaption": "figcaption", "del": "del", "s": "del", "strike": "del",
    **dict.fromkeys(("div", "section", "article", "main", "header", "footer", "aside", "figure", "body",
                     "html", "center", "address", "details", "nav", "fieldset"), "div"),
    "summary": "p", "caption": "p", "dt": "item", "dd": "item",
}
_HI = {**dict.fromkeys(("em", "i", "cite", "dfn"), "#i"), **dict.fromkeys(("strong", "b"), "#b"), "u": "#u",
       **dict.fromkeys(("kbd", "samp", "tt", "var"), "#t")}
_KEPT_ATTRIBUTES = {"ref": ("target",), "graphic": ("src", "alt", "title"), "head": ("rend",), "list": ("rend", "start"),
                    "hi": ("rend",), "cell": ("role",), "item": ("rend",)}


def fragment_tree(fragment: str) -> HtmlElement | None:
    """The fragment parsed and renamed, under one `div`; None if lxml finds nothing in it."""
    from lxml import etree
    from lxml.html import fragment_fromstring

    try:
        root = fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for figure in root.iter("figure"):  # its caption says it better than the image's alt text
        if figure.find(".//figcaption") is not None:
            for img in list(figure.iter("img")):
                img.drop_tree()
    for el in list(root.iter(*DROPPED)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if el is not root and isinstance(el.tag, str):
            _rename(el)
    root.attrib.clear()
    return root


def _rename(el: HtmlElement) -> None:
    tag = el.tag.lower()
    try:
        attributes = dict(el.items())
    except ValueError:  # an attribute lxml cannot name: none is needed
        attributes = {}
    el.attrib.clear()
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        el.tag, attributes["rend"] = "head", tag
    elif tag in ("ul", "ol", "dl", "menu"):
        el.tag, attributes["rend"] = "list", ("ul" if tag == "menu" else tag)
    elif tag == "li":
        el.tag = "item"
    elif tag in ("dt", "dd"):
        el.tag, attributes["rend"] = "item", tag
    elif tag in ("td", "th"):
        el.tag = "cell"
        if tag == "th":
            attributes["role"] = "head"
    elif tag == "code":
        el.tag = "code" if el.getparent() is not None and el.getparent().tag == "code" else "hi"
        attributes["rend"] = "#t"
    elif tag in _HI:
        el.tag, attributes["rend"] = "hi", _HI[tag]
    elif tag == "a" and attributes.get("href"):
        el.tag, attributes["target"] = "ref", attributes["href"]
    elif tag == "img":
        el.tag = "graphic"
    elif tag in _RENAMED:
        el.tag = _RENAMED[tag]
    elif tag in ("thead", "tbody", "tfoot"):
        el.tag = "rowgroup"
    else:  # span, font, abbr, a without href, ...: their text stays, inline
        el.drop_tag()
        return
    for name in _KEPT_ATTRIBUTES.get(el.tag, ()):
        if value := attributes.get(name):
            try:
                el.set(name, value)
            except ValueError:  # a control character, which XML cannot hold: no link, alt text cleaned
                if name != "target":
                    el.set(name, sanitize(value))
