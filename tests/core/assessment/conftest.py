"""A realistic screener for assessment tests: the packaged starter programs-of-concern list."""

from __future__ import annotations

import pytest

from catchall.core.screening.index import ScreeningIndex
from catchall.core.screening.starter import load_starter_list


@pytest.fixture(scope="session")
def starter_index() -> ScreeningIndex:
    """Built once: the first build pays for the name analyser's start-up (several seconds)."""
    return ScreeningIndex.build(load_starter_list())
