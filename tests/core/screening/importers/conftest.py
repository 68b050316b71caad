"""Fixtures for the importer tests: the real list samples and small file writers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
LISTS = ROOT / "tests" / "fixtures" / "lists"


@pytest.fixture
def shared_list() -> Callable[[str], Path]:
    """Path of a real list sample under tests/fixtures/lists (copied from ../shared/data/lists)."""

    def get(name: str) -> Path:
        path = LISTS / name
        assert path.is_file(), f"missing test fixture {path}"
        return path

    return get


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write text to a file in tmp_path and return its path."""

    def put(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return put
