"""Read CoNLL-2003 files: documents of sentences of (token, IOB2 tag)."""

from __future__ import annotations

from pathlib import Path

Sentence = list[tuple[str, str]]
Document = list[Sentence]


def iob2(tags: list[str]) -> list[str]:
    """IOB1 (CoNLL-2003: I- starts an entity unless it continues one) -> IOB2 (B- starts)."""
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_conll(path: str | Path) -> list[Document]:
    """Documents of a CoNLL file (token first, tag last; -DOCSTART- between documents)."""
    docs: list[Document] = []
    doc: Document = []
    sent: list[tuple[str, str]] = []

    def end_sentence() -> None:
        nonlocal sent
        if sent:
            words = [w for w, _ in sent]
            doc.append(list(zip(words, iob2([t for _, t in sent]))))
            sent = []

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                end_sentence()
            elif parts[0] == "-DOCSTART-":
                end_sentence()
                if doc:
                    docs.append(doc)
                doc = []
            else:
                sent.append((parts[0], parts[-1]))
    end_sentence()
    if doc:
        docs.append(doc)
    return docs
