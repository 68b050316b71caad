"""Fixtures for the importer tests: the shared real list samples and small file writers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
SHARED_LISTS = ROOT / ".." / "shared" / "data" / "lists"


@pytest.fixture
def shared_list() -> Callable[[str], Path]:
    """Path of a sample under ../shared/data/lists; skips the test when the folder is absent."""

    def get(name: str) -> Path:
        path = (SHARED_LISTS / name).resolve()
        if not path.is_file():
            pytest.skip(f"shared list sample not available: {path} (only present in the dev setup)")
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
