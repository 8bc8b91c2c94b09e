"""The session log serves every family of scenarios: its modules reach a family's parts only
through sim.families (the family's session seam), never by importing them."""

from __future__ import annotations

import ast
from pathlib import Path

import sim.session

FAMILY_PARTS = (
    "sim.model",
    "sim.governance",
    "sim.procesregie",
    "sim.kpi",
    "sim.bots",
    "sim.actions",
    "sim.scenario.schema",
)
GLADHEID_HASH = "statehash.py"
"""The gladheid model's state hash, kept where it was; its family's seam names it."""


def imports(path: Path) -> set[str]:
    """Every module a source file imports (at the top or inside a function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_session_package_imports_no_family_s_parts() -> None:
    package = Path(sim.session.__file__).parent
    modules = [p for p in sorted(package.glob("*.py")) if p.name != GLADHEID_HASH]
    assert len(modules) >= 9
    for path in modules:
        wrong = sorted(m for m in imports(path) if m.startswith(FAMILY_PARTS))
        assert wrong == [], f"{path.name} imports {wrong}"
