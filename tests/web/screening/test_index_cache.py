"""The screening index is built once per process and list version, not per request or job."""

from __future__ import annotations

import pytest

from catchall.web.screening.index import current_index, index_builds, reset_index, warm_worker
from catchall.web.screening.services import list_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    reset_index()
    yield
    reset_index()


def test_the_index_loads_once_per_list_version(tmp_path, django_capture_on_commit_callbacks):
    before = index_builds()
    index = warm_worker()  # a worker's start: the index and rigour's tables
    assert index_builds() == before + 1
    for _ in range(3):  # every later request or job reuses it
        assert current_index() is index
    assert index_builds() == before + 1

    path = tmp_path / "watch.csv"
    path.write_text("id,name,schema\nw1,Kavoshgaran Sanat Pars,Company\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        list_import(path, format="csv", name="national-watch", kind="denial")
    rebuilt = current_index()  # a new list version: built again, once
    assert rebuilt is not index
    assert current_index() is rebuilt
    assert index_builds() == before + 2
    assert any(e.name == "Kavoshgaran Sanat Pars" for e in rebuilt._entities)
