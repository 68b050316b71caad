"""List import: atomic replacement with a recorded diff, bad rows reported, nothing half-written."""

import pytest

from catchall.core.errors import InputError
from catchall.web.audit.models import AuditEvent
from catchall.web.screening.models import ListEntityRecord, ListImport, ScreeningList
from catchall.web.screening.services import ensure_starter_list, list_import

pytestmark = pytest.mark.django_db

HEADER = "id,name,schema,aliases,countries\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_newer_version_replaces_the_old_one_and_records_what_changed(tmp_path):
    v1 = write(
        tmp_path, "v1.csv", HEADER + "a,Alpha Trading,Company,,IR\nb,Beta Works,Company,,SY\n"
    )
    v2 = write(
        tmp_path, "v2.csv", HEADER + "a,Alpha Trading FZE,Company,,IR\nc,Gamma Tools,Company,,KP\n"
    )
    list_import(v1, format="csv", name="mine")
    out = list_import(v2, format="csv", name="mine")
    assert sorted(ListEntityRecord.objects.values_list("entity_id", flat=True)) == ["a", "c"]
    assert out.diff.added == ["c"] and out.diff.removed == ["b"]
    assert [c[0] for c in out.diff.changed] == ["a"]
    assert ListImport.objects.filter(screening_list__name="mine").count() == 2
    assert AuditEvent.objects.filter(action="list.replaced", object_id="mine").exists()


def test_a_file_with_wrong_headers_leaves_the_old_version_intact(tmp_path):
    v1 = write(tmp_path, "v1.csv", HEADER + "a,Alpha Trading,Company,,IR\n")
    list_import(v1, format="csv", name="mine")
    bad = write(tmp_path, "bad.csv", "foo,bar\n1,2\n")
    with pytest.raises(InputError):
        list_import(bad, format="csv", name="mine")
    assert list(ListEntityRecord.objects.values_list("entity_id", flat=True)) == ["a"]
    assert ListImport.objects.count() == 1


def test_a_failure_while_writing_rolls_everything_back(tmp_path, monkeypatch):
    v1 = write(tmp_path, "v1.csv", HEADER + "a,Alpha Trading,Company,,IR\n")
    list_import(v1, format="csv", name="mine")
    v2 = write(tmp_path, "v2.csv", HEADER + "z,Zeta,Company,,IR\n")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("catchall.web.screening.services.record_event", boom)
    with pytest.raises(RuntimeError):
        list_import(v2, format="csv", name="mine")
    assert list(ListEntityRecord.objects.values_list("entity_id", flat=True)) == ["a"]
    assert ScreeningList.objects.get(name="mine").entity_count == 1


def test_bad_rows_are_skipped_and_reported_with_their_line(tmp_path):
    f = write(tmp_path, "rows.csv", HEADER + "a,Alpha,Company,,IR\nb,,Company,,IR\n")
    out = list_import(f, format="csv", name="mine")
    assert out.report.imported == 1 and out.report.skipped == 1
    assert any(w.line == 3 for w in out.report.warnings)


def test_a_file_where_no_row_imports_does_not_empty_the_list(tmp_path):
    list_import(
        write(tmp_path, "ok.csv", HEADER + "a,Alpha,Company,,IR\n"), format="csv", name="mine"
    )
    with pytest.raises(InputError, match="left as it was"):
        list_import(
            write(tmp_path, "empty.csv", HEADER + "b,,Company,,IR\n"), format="csv", name="mine"
        )
    assert ScreeningList.objects.get(name="mine").entity_count == 1


def test_invalid_list_name_is_refused(tmp_path):
    with pytest.raises(InputError, match="list names"):
        list_import(
            write(tmp_path, "a.csv", HEADER + "a,A,Company,,IR\n"), format="csv", name="Bad Name!"
        )


def test_starter_list_loads_once():
    assert ensure_starter_list() is True
    assert ensure_starter_list() is False
    sl = ScreeningList.objects.get(name="programs-of-concern")
    assert sl.kind == "programs_of_concern" and sl.entity_count > 50
