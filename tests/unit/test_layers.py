"""The layering contract (pyproject.toml ``[tool.importlinter]``) holds, and fails on a forbidden import."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("graph", "queries", "loaders", "analyses", "render", "briefing", "cli", "views")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.cypher"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("graph/dates.py", "import queries", "Layers"),
        ("graph/dates.py", "import neo4j", "graph is pure"),
        ("queries/graphs.py", "import analyses.catalog", "Layers"),
        ("render/tables.py", "import queries", "render draws without a database"),
        ("analyses/gaps.py", "import streamlit", "Only the pages use Streamlit"),
    ],
)
def test_a_forbidden_import_breaks_the_build(tmp_path, module, bad_import, contract):
    where = _copy(tmp_path)
    path = where / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{bad_import}  # deliberately against the layers\n")
    result = _lint(where)
    assert result.returncode == 1, result.stdout
    summary = " ".join(result.stdout.split())  # contract names wrap across lines
    assert re.search(re.escape(contract) + r"((?!KEPT|BROKEN).)*BROKEN", summary), result.stdout
