"""An application uploaded or pasted on the new-case page that parses but cannot be stored (NaN
or infinity, an escaped NUL, a lone surrogate) is refused in the GOV.UK error pattern naming
where it is, and nothing is written. A NaN used to reach the database, fail its JSON check
five times over and end as a 500 ("could not allocate a case reference")."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catchall.core.errors import InputError
from catchall.core.items import load_document
from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import Case

pytestmark = pytest.mark.django_db


def _text(app_data, where: str, value: str) -> str:
    """The application as JSON text with ``value`` (raw JSON) at ``where``."""
    marker = "__BAD__"
    if where == "quantity":
        app_data["items"][0]["quantity"] = marker
    else:
        app_data["end_use"] = marker
    return json.dumps(app_data).replace(f'"{marker}"', value)


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        ("quantity", "NaN", "Item 1, quantity: must be a finite number"),
        ("quantity", "Infinity", "Item 1, quantity: must be a finite number"),
        ("end_use", '"Gas\\u0000cylinders"', "End use: contains a NUL character"),
        ("end_use", '"Gas\\ud800cylinders"', "End use: contains an unpaired UTF-16 surrogate"),
    ],
)
def test_an_unstorable_application_is_refused_naming_its_field(users, app_data, where, value, says):
    client = Client()
    client.force_login(users["exporter"])
    text = _text(app_data, where, value)
    before = Case.objects.count(), AuditEvent.objects.count()
    upload = SimpleUploadedFile("application.json", text.encode(), "application/json")
    for form in ({"upload": upload}, {"document": text}):
        r = client.post("/cases/new/", form)
        assert r.status_code == 422, form.keys()
        html = r.content.decode()
        assert "govuk-error-summary" in html and says in html
    assert (Case.objects.count(), AuditEvent.objects.count()) == before


def test_the_command_line_reads_files_through_the_same_check():
    with pytest.raises(InputError) as exc:
        load_document('{"items": [{"quantity": NaN}]}', "app.json")
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("items[0].quantity", "must be a finite number")
    ]
    with pytest.raises(InputError):
        load_document("end_use: .inf\n", "app.yaml")
