"""reader/tui imports form no circle, and the core never draws.

Every module under reader/tui is parsed (not imported), and every import of a
`reader.tui` module counts, also one inside a function: a circle hidden in a function
still means two modules that cannot be understood, or split, apart. Only imports under
`if TYPE_CHECKING:` are left out: they never run and only name a type (a mixin such as
screens/article_links.py names the screen it is mixed into).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "reader" / "tui"
CORE = ROOT / "reader" / "core"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, name: str, is_package: bool) -> set[str]:
    """Every module name `tree` imports (absolute, relative resolved), at any depth."""
    found: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in walk_running(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def walk_running(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` except what sits under `if TYPE_CHECKING:`."""
    nodes: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return nodes


def import_graph(root: Path, prefix: str) -> dict[str, set[str]]:
    paths = {module_name(path): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = imported(tree, name, path.name == "__init__.py")
        graph[name] = {t for t in targets if t in paths and t != name and t.startswith(prefix)}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_reader_tui_modules_import_each_other_without_a_circle() -> None:
    graph = import_graph(TUI, "reader.tui")
    assert "reader.tui.navigation" in graph and "reader.tui.app" in graph
    assert "reader.tui.screens.article" in graph["reader.tui.navigation"]  # edges are found
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_circle_through_a_function_level_import() -> None:
    source = "def later():\n    from reader.tui.b import x\nif TYPE_CHECKING:\n    from reader.tui.d import y\n"
    tree = ast.parse(source)
    assert "reader.tui.b" in imported(tree, "reader.tui.a", False)
    assert "reader.tui.d" not in imported(tree, "reader.tui.a", False)
    graph = {"reader.tui.a": {"reader.tui.b"}, "reader.tui.b": {"reader.tui.c"}, "reader.tui.c": {"reader.tui.a"}}
    assert find_cycle(graph) == ["reader.tui.a", "reader.tui.b", "reader.tui.c", "reader.tui.a"]
    assert find_cycle({"reader.tui.a": {"reader.tui.b"}, "reader.tui.b": set()}) is None


def test_reader_core_never_imports_textual_or_the_tui() -> None:
    """The source-level half of tests/test_core_imports.py: no import of textual or reader.tui, even in a function."""
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target in imported(tree, module_name(path), path.name == "__init__.py"):
            if target.split(".")[0] in ("textual", "rich") or target.startswith("reader.tui"):
                offenders.append(f"{path.relative_to(ROOT)}: {target}")
    assert not offenders, "\n".join(offenders)
