"""Import of denial notifications: LITE CSV and our formats, bad rows, atomicity, updates."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.audit.models import AuditEvent
from catchall.web.denials.models import DenialImport, DenialNotification
from catchall.web.denials.services import denials_export, denials_import, denials_import_data

from .conftest import LITE_HEADER, LITE_ROWS

pytestmark = pytest.mark.django_db


def test_lite_csv_rows_with_one_reference_and_government_form_one_notification(lite_file):
    out = denials_import(lite_file(), actor="test")
    assert out.result.format == "lite-csv"
    assert (out.result.read, out.result.imported, out.result.skipped) == (3, 3, 0)
    gb = DenialNotification.objects.get(notifying_government="GB", reference="GB-2024-017")
    assert gb.regime == "MTCR" and gb.regime_reg_ref == "MTCR-2024-0042"
    assert gb.direction == "incoming" and gb.status == "active"
    assert gb.denial_cle == "2B109"
    assert [(p.name, p.country, p.entity_type) for p in gb.parties.all()] == [
        ("Shahid Hemmat Industrial Group", "IR", "end_user"),
        ("Golden Star Trading FZE", "AE", "consignee"),
    ]
    assert gb.denied_on == timezone.localdate()
    assert gb.valid_until == gb.denied_on.replace(year=gb.denied_on.year + 3)
    fr = DenialNotification.objects.get(notifying_government="FR")
    assert fr.denial_cle == "" and fr.parties.get().country == "IR"
    assert fr.parties.get().entity_type == "end_user"
    rec = DenialImport.objects.get()
    assert (rec.format, rec.read, rec.created, rec.file_name) == ("lite-csv", 3, 2, "denials.csv")
    assert len(rec.file_sha256) == 64
    ev = AuditEvent.objects.get(action="denials.imported")
    assert ev.after["created"] == 2 and ev.details["sha256"] == rec.file_sha256


def test_a_wrong_header_names_the_missing_and_unexpected_columns_and_writes_nothing(lite_file):
    bad = LITE_HEADER.replace("entity_type", "party_type") + LITE_ROWS
    with pytest.raises(InputError) as err:
        denials_import(lite_file(bad), format="lite-csv")
    msg = str(err.value)
    assert "missing entity_type" in msg and "unexpected party_type" in msg
    assert not DenialNotification.objects.exists() and not DenialImport.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_header_is_refused_when_detecting_the_format(lite_file):
    with pytest.raises(InputError, match="wrong header"):
        denials_import(lite_file("a,b,c\n1,2,3\n"))


def test_bad_rows_are_skipped_and_reported_with_their_line_numbers(lite_file):
    rows = (
        LITE_ROWS
        + "GB-2024-018,,United Kingdom,2B009,Machine,,,,Tehran,IR,end_user\n"  # line 5: no name
        + "XX-1,,Atlantis,2B009,Machine,,,Someone,,IR,end_user\n"  # line 6: no such country
        + "GB-2024-019,,GB,2B009,Machine,,,Other Co,,IR,shipper\n"  # line 7: bad entity type
        + "GB-2024-020,,GB,2B009\n"  # line 8: too few fields
    )
    out = denials_import(lite_file(LITE_HEADER + rows))
    assert (out.result.read, out.result.imported, out.result.skipped) == (7, 3, 4)
    lines = {w.line: w.message for w in out.result.warnings}
    assert "name of the denied party is required" in lines[5]
    assert "'Atlantis' is not a country" in lines[6]
    assert "entity_type 'shipper'" in lines[7]
    assert "4 fields where the header has 11" in lines[8]
    assert DenialNotification.objects.count() == 2
    assert DenialImport.objects.get().skipped == 4


def test_a_quoted_multi_line_address_keeps_line_numbers_right(lite_file):
    rows = (
        'GB-1,,GB,2B109,M,,,"Alpha Co","Line one\nLine two",IR,end_user\n'
        "GB-2,,GB,2B109,M,,,,Tehran,IR,end_user\n"
    )
    out = denials_import(lite_file(LITE_HEADER + rows))
    assert [w.line for w in out.result.warnings] == [4]


def test_a_file_that_is_not_utf8_is_refused_whole(tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes(
        (LITE_HEADER + "GB-1,,GB,2B109,M,,,Société Générale,,FR,end_user\n").encode("latin-1")
    )
    with pytest.raises(InputError, match="not UTF-8"):
        denials_import(p)
    assert not DenialNotification.objects.exists()


def test_an_empty_file_and_a_header_only_file_are_refused(lite_file):
    with pytest.raises(InputError, match="empty"):
        denials_import(lite_file(""))
    with pytest.raises(InputError, match="no denial notifications"):
        denials_import(lite_file(LITE_HEADER))
    assert not DenialImport.objects.exists()


def test_a_file_where_every_row_is_bad_writes_nothing(lite_file):
    with pytest.raises(InputError, match="no row could be imported"):
        denials_import(lite_file(LITE_HEADER + "GB-1,,GB,2B109,M,,,,Tehran,IR,end_user\n"))
    assert not DenialImport.objects.exists() and not AuditEvent.objects.exists()


def test_a_failure_while_writing_rolls_the_whole_import_back(lite_file, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("catchall.web.denials.services.record_event", boom)
    with pytest.raises(RuntimeError):
        denials_import(lite_file())
    assert not DenialNotification.objects.exists() and not DenialImport.objects.exists()


def test_reimporting_a_reference_updates_it_and_the_audit_says_what_changed(lite_file):
    denials_import(lite_file())
    first = DenialNotification.objects.get(reference="GB-2024-017")
    fr_stamp = DenialNotification.objects.get(reference="FR-2023-101").updated_at
    changed = LITE_ROWS.replace("Motor cases", "Rocket motor cases").replace(
        "Golden Star Trading FZE,Jebel Ali", "Golden Star General Trading FZE,Jebel Ali"
    )
    out = denials_import(lite_file(LITE_HEADER + changed, "v2.csv"))
    assert out.created == [] and list(out.updated) == ["GB GB-2024-017"]
    assert out.unchanged == ["FR FR-2023-101"]
    assert DenialNotification.objects.get(reference="FR-2023-101").updated_at == fr_stamp
    again = DenialNotification.objects.get(reference="GB-2024-017")
    assert again.pk == first.pk and again.end_use == "Rocket motor cases"
    assert again.denied_on == first.denied_on  # the date we learnt of it stays
    assert sorted(again.parties.values_list("name", flat=True)) == [
        "Golden Star General Trading FZE",
        "Shahid Hemmat Industrial Group",
    ]
    assert DenialNotification.objects.count() == 2
    ev = AuditEvent.objects.filter(action="denials.imported").order_by("-seq").first()
    changes = ev.details["changes"]["GB GB-2024-017"]
    assert changes["end_use"] == ["Motor cases", "Rocket motor cases"]
    assert "parties" in changes


def test_the_same_reference_from_another_government_is_another_notification(lite_file):
    other = LITE_ROWS.splitlines()[0].replace("United Kingdom", "Italy") + "\n"
    denials_import(lite_file(LITE_HEADER + LITE_ROWS + other))
    assert DenialNotification.objects.filter(reference="GB-2024-017").count() == 2


def test_disagreeing_rows_of_one_notification_keep_the_first_and_warn(lite_file):
    second = LITE_ROWS.splitlines()[1].replace("Motor cases", "Something else") + "\n"
    out = denials_import(lite_file(LITE_HEADER + LITE_ROWS.splitlines()[0] + "\n" + second))
    assert any(
        w.line == 3 and "end_use differs from line 2" in w.message for w in out.result.warnings
    )
    assert DenialNotification.objects.get().end_use == "Motor cases"


def test_our_json_format_with_dates_status_and_kind(tmp_path):
    doc = {
        "notifications": [
            {
                "reference": "IT-7",
                "notifying_government": "IT",
                "regime": "MTCR",
                "denial_cle": "",
                "item_kind": "machine_tool.flow_forming",
                "item_description": "Flow-forming machine below the 2B109 thresholds",
                "denied_on": "2024-02-29",
                "parties": [
                    {
                        "name": "Parchin Chemical Industries",
                        "country": "IR",
                        "entity_type": "end_user",
                    }
                ],
            },
            {"reference": "IT-8", "notifying_government": "IT", "parties": []},
            {
                "reference": "IT-9",
                "notifying_government": "IT",
                "item_kind": "spaceship",
                "parties": [{"name": "X"}],
            },
        ]
    }
    p = tmp_path / "n.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    out = denials_import(p)
    assert (out.result.format, out.result.read, out.result.imported, out.result.skipped) == (
        "json",
        3,
        1,
        2,
    )
    assert {w.line for w in out.result.warnings} == {2, 3}
    n = DenialNotification.objects.get()
    assert n.item_kind == "machine_tool.flow_forming"
    assert n.denied_on == dt.date(2024, 2, 29) and n.valid_until == dt.date(2027, 2, 28)


def test_a_notification_from_our_own_government_is_outgoing(lite_file, settings):
    settings.CATCHALL_GOVERNMENT = "GB"
    denials_import(lite_file())
    assert DenialNotification.objects.get(notifying_government="GB").direction == "outgoing"
    assert DenialNotification.objects.get(notifying_government="FR").direction == "incoming"


def test_export_then_import_gives_the_same_notifications(lite_file, tmp_path):
    denials_import(lite_file())
    doc = {
        "notifications": [
            {
                "reference": "IT-7",
                "notifying_government": "IT",
                "regime": "NSG",
                "denial_cle": "2B201.a",
                "item_description": '=HYPERLINK("x") five-axis mill',
                "denied_on": "2023-05-02",
                "valid_until": "2026-05-02",
                "status": "revoked",
                "parties": [
                    {
                        "name": "-Dash Trading",
                        "address": "Line 1\nLine 2",
                        "country": "SY",
                        "entity_type": "consignee",
                    }
                ],
            }
        ]
    }
    denials_import_data(doc, file_name="api")

    def snapshot():
        rows = []
        for n in DenialNotification.objects.order_by("notifying_government", "reference"):
            rows.append(
                (
                    n.reference,
                    n.regime_reg_ref,
                    n.notifying_government,
                    n.regime,
                    n.denial_cle,
                    n.mtcr_item,
                    n.item_kind,
                    n.item_description,
                    n.end_use,
                    n.reason_for_refusal,
                    n.denied_on,
                    n.valid_until,
                    n.status,
                    n.direction,
                    tuple((p.name, p.address, p.country, p.entity_type) for p in n.parties.all()),
                )
            )
        return rows

    before = snapshot()
    for fmt in ("json", "csv"):
        text = denials_export(fmt, "all")
        assert "'=HYPERLINK" in text if fmt == "csv" else True
        DenialNotification.objects.all().delete()
        p = tmp_path / f"export.{fmt}"
        p.write_text(text, encoding="utf-8", newline="")
        out = denials_import(p, format=fmt)
        assert out.result.skipped == 0, out.result.warnings
        assert snapshot() == before, fmt


def test_lite_csv_export_round_trips_the_lite_fields(lite_file, tmp_path, settings):
    settings.CATCHALL_GOVERNMENT = "GB"
    denials_import(lite_file())
    text = denials_export("lite-csv", "outgoing")
    assert text.splitlines()[0] == LITE_HEADER.strip()
    assert "United Kingdom" in text and ",FR," not in text  # ours only, government by name
    DenialNotification.objects.all().delete()
    p = tmp_path / "lite.csv"
    p.write_text(text, encoding="utf-8", newline="")
    out = denials_import(p)
    assert out.result.format == "lite-csv" and len(out.created) == 1
    n = DenialNotification.objects.get()
    assert n.parties.count() == 2 and n.regime_reg_ref == "MTCR-2024-0042"


def test_export_refuses_an_unknown_format_or_direction():
    with pytest.raises(InputError):
        denials_export("xml")
    with pytest.raises(InputError):
        denials_export("json", "sideways")
