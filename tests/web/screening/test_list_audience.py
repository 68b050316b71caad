"""Each screening list records who may screen against it (Security #9, finding 2): the
importer decides, a new list stays authority-only unless said otherwise, and the packaged
starter list is public because its file says every entry is a published designation."""

from __future__ import annotations

import pytest

from catchall.core.errors import InputError
from catchall.core.screening.starter import LIST_NAME
from catchall.web.audit.models import AuditEvent
from catchall.web.demo import ensure_user
from catchall.web.screening.models import ScreeningList
from catchall.web.screening.selectors import lists_for
from catchall.web.screening.services import ensure_starter_list, list_import
from tests.web.confidential import CONFIDENTIAL_LIST, import_confidential_list
from tests.web.screening.list_jobs import upload_and_replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("liaison", "partner_liaison", org)


@pytest.fixture
def exporter(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Neckar", kind="exporter", country="DE")
    return ensure_user("exporter", "exporter", org)


def test_the_starter_list_is_public_and_an_imported_list_authority_only(
    liaison, exporter, tmp_path
):
    ensure_starter_list()
    import_confidential_list(liaison, tmp_path)
    assert ScreeningList.objects.get(name=LIST_NAME).audience == "public"
    assert ScreeningList.objects.get(name=CONFIDENTIAL_LIST).audience == "authority"
    assert [sl.name for sl in lists_for(exporter)] == [LIST_NAME]
    assert {sl.name for sl in lists_for(liaison)} == {LIST_NAME, CONFIDENTIAL_LIST}
    event = AuditEvent.objects.get(action="list.imported", object_id=CONFIDENTIAL_LIST)
    assert event.after["audience"] == "authority"


def test_a_re_import_keeps_the_audience_unless_the_importer_changes_it(liaison, tmp_path):
    import_confidential_list(liaison, tmp_path, audience="public")
    import_confidential_list(liaison, tmp_path)
    assert ScreeningList.objects.get(name=CONFIDENTIAL_LIST).audience == "public"
    import_confidential_list(liaison, tmp_path, audience="authority")
    assert ScreeningList.objects.get(name=CONFIDENTIAL_LIST).audience == "authority"
    event = AuditEvent.objects.filter(action="list.replaced").latest("id")
    assert (event.before["audience"], event.after["audience"]) == ("public", "authority")


def test_an_unknown_audience_is_refused_and_nothing_written(liaison, tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("id,name,schema,aliases,countries\na,Alpha,Company,,IR\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        list_import(path, format="csv", name="x", audience="everyone", actor=liaison)
    assert err.value.problems[0].field == "audience"
    assert not ScreeningList.objects.filter(name="x").exists()


def test_the_lists_page_imports_with_the_audience_chosen(client, liaison, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(liaison)
    page = client.get("/lists/").content.decode()
    assert 'name="audience"' in page
    csv = b"id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\n"

    def post(audience):
        form = {
            "file": SimpleUploadedFile("l.csv", csv, "text/csv"),
            "name": "sanctions-x",
            "format": "csv",
            "kind": "sanctions",
            "audience": audience,
        }
        if audience == "public":
            return upload_and_replace(client, form)[1]
        return client.post("/lists/", form)

    bad = post("everyone")
    assert bad.status_code == 422 and "audience" in bad.content.decode()
    assert not ScreeningList.objects.filter(name="sanctions-x").exists()
    assert post("public").state == "done"
    assert ScreeningList.objects.get(name="sanctions-x").audience == "public"
