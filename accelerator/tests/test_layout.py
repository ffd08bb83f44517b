"""The apps depend one way: laureates builds on seasons, never the reverse."""

import ast
from pathlib import Path

SEASONS = Path(__file__).resolve().parents[2] / "seasons"


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_seasons_never_imports_laureates():
    offenders = sorted(
        f"{path.relative_to(SEASONS.parent)}: {module}"
        for path in SEASONS.rglob("*.py")
        for module in imported_modules(path)
        if module == "laureates" or module.startswith("laureates.")
    )
    assert offenders == []
    assert len(list(SEASONS.rglob("*.py"))) > 10
