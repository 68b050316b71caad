"""A number longer than Python reads (sys.get_int_max_str_digits) in a pasted or uploaded
document is a problem named in words, on the public classification page as on the API and the
command line; it was a 500 on the pages, and the API's message named a sys function."""

from __future__ import annotations

import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catchall.core.errors import InputError
from catchall.core.items import load_document
from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db

LONG = "9" * (sys.get_int_max_str_digits() + 1)
ITEM = (
    '{"description": "Mill", "kind": "machine_tool.milling", '
    f'"parameters": {{"contouring_axes": {LONG}}}}}'
)
SAYS = f"a number in it has more than {sys.get_int_max_str_digits():,} digits"


def test_the_public_classification_page_names_the_problem(client):
    r = client.post("/classify/", {"document": ITEM})
    assert r.status_code == 422
    html = r.content.decode()
    assert (
        "govuk-error-summary" in html and SAYS[1:] in html and "set_int_max_str_digits" not in html
    )


def test_an_uploaded_application_names_the_problem(client):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Neckar GmbH", kind="exporter", country="DE")
    client.force_login(ensure_user("long-numbers", "exporter", org))
    upload = SimpleUploadedFile("app.json", ITEM.encode(), "application/json")
    r = client.post("/cases/new/", {"upload": upload})
    assert r.status_code == 422 and SAYS[1:] in r.content.decode()  # "A number in it ..."


@pytest.mark.parametrize("content_type", ["application/json", "application/yaml"])
def test_the_api_names_the_problem_in_words(client, content_type):
    r = client.post("/api/classify", ITEM, content_type=content_type)
    assert r.status_code == 422
    problem = r.json()["problems"][0]
    assert problem == {"field": "body", "message": SAYS}


def test_yaml_for_the_command_line_too():
    with pytest.raises(InputError) as exc:
        load_document(f"quantity: {LONG}\n", "app.yaml")
    assert exc.value.problems[0].message == SAYS
