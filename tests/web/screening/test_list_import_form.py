"""The list import form in the GOV.UK error pattern: a bad answer is named at its own input
(the summary links to it, the input says the same), the other answers are kept, and no job
starts and no list changes."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catchall.web.jobs.models import Job
from catchall.web.screening.models import ScreeningList
from tests.web.screening.test_list_import_jobs import CSV, _client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "Watch List"}, "lname", "List name: list names use lower-case letters"),
        ({"file": None}, "file", "File: choose a list file to upload"),
        ({"version_date": "2024-13-01"}, "version_date", "Version date: '2024-13-01' is not"),
        ({"audience": "everyone"}, "audience", "Who may screen against it: 'everyone' is not"),
    ],
)
def test_a_bad_answer_is_named_at_its_input_and_nothing_starts(changes, field, words):
    client = _client("licensing_officer")
    form = {
        "file": SimpleUploadedFile("w.csv", CSV),
        "name": "watch",
        "format": "csv",
        "kind": "denial",
        "title": "Our watch list",
        "version_date": "2024-06-30",
    } | changes
    r = client.post("/lists/", {k: v for k, v in form.items() if v is not None})
    html = r.content.decode().replace("&#x27;", "'")
    assert r.status_code == 422 and not Job.objects.exists()
    assert not ScreeningList.objects.filter(name="watch").exists()
    assert "<title>Error: " in html
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert re.findall(r'<a href="#([a-z_]+)"', summary) == [field]
    assert f'<a href="#{field}" autofocus>{words}' in summary
    assert words in html.split(f'id="{field}-error"')[1].split("</p>")[0]
    assert re.search(f'id="{field}"[^>]*aria-describedby="[^"]*{field}-error"', html)
    assert html.count("govuk-form-group--error") == 1
    if field != "lname":
        assert 'id="lname" name="name" type="text"' in html and 'value="watch"' in html
    assert 'value="Our watch list"' in html
    assert '<option value="csv" selected>' in html and '<option value="denial" selected>' in html


def test_a_reader_who_may_not_import_is_told_so_at_the_file():
    client = _client("technical_expert")
    r = client.post("/lists/", {"file": SimpleUploadedFile("w.csv", CSV), "name": "watch"})
    html = r.content.decode()
    assert r.status_code == 422 and not Job.objects.exists()
    assert '<a href="#file" autofocus>Your role may view lists but not import them</a>' in html
