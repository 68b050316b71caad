"""Denials pages and API: who may see and change them, and that each face works without JS."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catchall.web.denials.models import DenialImport, DenialNotification
from catchall.web.denials.services import denial_create_from_refusal, denials_import

from .conftest import LITE_HEADER, LITE_ROWS

pytestmark = pytest.mark.django_db

READERS = [
    "licensing_officer",
    "technical_expert",
    "senior_officer",
    "partner_liaison",
    "administrator",
]
OUTSIDERS = ["exporter", "delegate"]


@pytest.fixture
def denial(lite_file):
    denials_import(lite_file(), actor="test")
    return DenialNotification.objects.get(reference="GB-2024-017")


def page_urls(pk):
    return [
        ("get", "/denials/"),
        ("get", f"/denials/{pk}/"),
        ("get", "/denials/import/"),
        ("post", "/denials/import/"),
        ("get", "/denials/export/?format=json&direction=all"),
        ("post", f"/denials/{pk}/revoke/"),
    ]


def api_urls(pk):
    return [
        ("get", "/api/denials"),
        ("get", f"/api/denials/{pk}"),
        ("get", "/api/denials/export?format=json&direction=all"),
        ("post", "/api/denials/import"),
        ("post", f"/api/denials/{pk}/revoke"),
    ]


def call(client, method, url, body=None):
    if method == "get":
        return client.get(url)
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize("role", OUTSIDERS)
def test_exporters_and_regime_guests_get_403_on_every_denials_url(client, users, denial, role):
    client.force_login(users[role])
    got = {
        url: call(client, m, url).status_code
        for m, url in page_urls(denial.pk) + api_urls(denial.pk)
    }
    assert set(got.values()) == {403}, got
    assert DenialNotification.objects.get(pk=denial.pk).status == "active"


def test_anonymous_visitors_are_sent_to_log_in_and_the_api_answers_401(client, denial):
    for m, url in page_urls(denial.pk):
        r = call(client, m, url)
        assert r.status_code == 302 and r["Location"].startswith("/login/"), url
    for m, url in api_urls(denial.pk):
        assert call(client, m, url).status_code == 401, url


@pytest.mark.parametrize("role", READERS)
def test_authority_roles_read_the_list_detail_and_export(client, users, denial, role):
    client.force_login(users[role])
    r = client.get("/denials/")
    assert r.status_code == 200 and b"GB-2024-017" in r.content
    assert client.get(f"/denials/{denial.pk}/").status_code == 200
    assert client.get("/denials/export/?format=lite-csv&direction=all").status_code == 200
    api = client.get("/api/denials")
    assert api.status_code == 200 and api.json()["count"] == 2


def test_a_technical_expert_reads_but_may_not_import_or_revoke(client, users, denial):
    client.force_login(users["technical_expert"])
    assert client.get("/denials/import/").status_code == 403
    assert client.post(f"/denials/{denial.pk}/revoke/", {"comment": "x"}).status_code == 403
    r = client.post(
        "/api/denials/import",
        data=json.dumps({"notifications": []}),
        content_type="application/json",
    )
    assert r.status_code == 403
    assert b"Revoke this notification" not in client.get(f"/denials/{denial.pk}/").content


def test_a_liaison_officer_imports_a_lite_file_through_the_page(client, users):
    client.force_login(users["partner_liaison"])
    upload = SimpleUploadedFile(
        "uk.csv", (LITE_HEADER + LITE_ROWS).encode(), content_type="text/csv"
    )
    r = client.post("/denials/import/", {"file": upload, "format": ""})
    assert r.status_code == 200
    assert b"read 3, imported 3, skipped 0" in r.content
    assert DenialNotification.objects.count() == 2
    assert DenialImport.objects.get().actor_label == "u-partner_liaison"


def test_the_import_page_shows_bad_rows_with_their_lines(client, users):
    client.force_login(users["partner_liaison"])
    text = LITE_HEADER + LITE_ROWS + "GB-9,,GB,2B009,M,,,,Tehran,IR,end_user\n"
    r = client.post(
        "/denials/import/", {"file": SimpleUploadedFile("uk.csv", text.encode(), "text/csv")}
    )
    assert (
        r.status_code == 200 and b"line 5 [GB-9]: name of the denied party is required" in r.content
    )


def test_the_import_page_refuses_a_wrong_header_and_imports_nothing(client, users):
    client.force_login(users["partner_liaison"])
    up = SimpleUploadedFile("x.csv", b"a,b\n1,2\n", "text/csv")
    r = client.post("/denials/import/", {"file": up})
    assert r.status_code == 422 and b'<a href="#file" autofocus>' in r.content
    assert (
        b'id="file-error"' in r.content and b'aria-describedby="file-hint file-error"' in r.content
    )
    assert not DenialImport.objects.exists()


@pytest.mark.parametrize(
    "name, ctype, size, message",
    [
        ("x.exe", "application/octet-stream", 10, b"upload a .csv, .json, .txt file"),
        ("x.csv", "image/png", 10, b"not a CSV or JSON file"),
        ("x.csv", "text/csv", 5 * 1024 * 1024 + 1, b"larger than 5 MB"),
    ],
)
def test_the_import_page_limits_upload_size_and_type(client, users, name, ctype, size, message):
    client.force_login(users["partner_liaison"])
    up = SimpleUploadedFile(name, b"x" * size, ctype)
    r = client.post("/denials/import/", {"file": up})
    assert r.status_code == 422 and message in r.content
    summary = r.content.split(b'class="govuk-error-summary"')[1].split(b"</ul>")[0]
    assert b'<a href="#file" autofocus>File: ' in summary and message in summary
    assert b"govuk-form-group--error" in r.content and not DenialImport.objects.exists()


def test_a_liaison_officer_exports_our_notifications_for_partners(client, users):
    denial_create_from_refusal(
        case_reference="CA-1",
        items=[
            {
                "entry": "2B009",
                "regime": "WA",
                "mtcr_item": "3.B.3",
                "kind": "machine_tool.flow_forming",
                "description": "Flow former",
            }
        ],
        end_user={"name": "Shahid Hemmat Industrial Group", "address": "Tehran", "country": "IR"},
        consignee=None,
        reason="Missile risk",
        end_use="Motor cases",
        denied_on="2025-05-02",
        actor="test",
    )
    client.force_login(users["partner_liaison"])
    r = client.get("/denials/export/?format=lite-csv&direction=outgoing")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    text = r.content.decode()
    assert text.startswith(LITE_HEADER.strip()) and "CA-1/2B009,,Germany,2B009" in text
    assert "CA-1," not in text.replace("CA-1/2B009", "")  # the case reference stays inside
    api = client.get("/api/denials/export?format=json")
    assert api.status_code == 200 and api.json()["notifications"][0]["reference"] == "CA-1/2B009"


def test_the_api_imports_our_json_and_reports_skipped_records(client, users):
    client.force_login(users["partner_liaison"])
    body = {
        "notifications": [
            {
                "reference": "FR-1",
                "notifying_government": "FR",
                "denial_cle": "2B109",
                "denied_on": "2025-01-02",
                "parties": [{"name": "Alpha Co", "country": "IR"}],
            },
            {
                "reference": "FR-2",
                "notifying_government": "France",
                "parties": [{"name": "", "country": "IR"}],
            },
        ]
    }
    r = client.post("/api/denials/import", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 200, r.content
    out = r.json()
    assert (out["read"], out["imported"], out["skipped"]) == (2, 1, 1)
    assert out["created"] == ["FR FR-1"]
    assert out["warnings"][0]["line"] == 2


def test_the_api_answers_422_in_the_shared_error_shape(client, users):
    client.force_login(users["partner_liaison"])
    r = client.post(
        "/api/denials/import", data=json.dumps({"nope": 1}), content_type="application/json"
    )
    assert r.status_code == 422
    assert r.json()["error"] == "invalid input" and r.json()["problems"][0]["field"] == "file"
    r = client.get("/api/denials?direction=sideways")
    assert r.status_code == 422


def test_list_filters_narrow_the_page(client, users, denial):
    client.force_login(users["licensing_officer"])
    r = client.get("/denials/?government=FR")
    assert b"FR-2023-101" in r.content and b"GB-2024-017" not in r.content
    r = client.get("/denials/?q=Golden+Star")
    assert b"GB-2024-017" in r.content and b"FR-2023-101" not in r.content
    r = client.get("/api/denials?status=revoked")
    assert r.json()["count"] == 0
    assert client.get("/denials/?valid_on=yesterday").status_code == 422


def test_the_government_filter_takes_a_country_name_as_well_as_a_code(client, users, denial):
    client.force_login(users["licensing_officer"])
    for given in ("France", "france", "fr", " FR "):
        r = client.get("/denials/", {"government": given})
        assert b"FR-2023-101" in r.content and b"GB-2024-017" not in r.content, given
    r = client.get("/denials/", {"government": "United Kingdom"})
    assert b"GB-2024-017" in r.content and b"FR-2023-101" not in r.content
    assert '<td data-label="Government">United Kingdom</td>' in r.content.decode()  # a name
    api = client.get("/api/denials", {"government": "France"}).json()
    assert [n["reference"] for n in api["notifications"]] == ["FR-2023-101"]
    # No such country: the field is named, nothing is listed as if it matched.
    r = client.get("/denials/", {"government": "Narnia"})
    assert r.status_code == 422 and b'aria-invalid="true"' in r.content
    bad = client.get("/api/denials", {"government": "Narnia"})
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "government"
    # A fragment that names several countries asks for the one meant.
    r = client.get("/api/denials", {"government": "Guinea"})
    assert r.status_code == 200  # "Guinea" is a country's full name
    several = client.get("/api/denials", {"government": "Korea"})
    assert (
        several.status_code == 422 and "more than one" in several.json()["problems"][0]["message"]
    )


def test_revoking_from_the_detail_page_needs_a_comment(client, users, denial):
    client.force_login(users["senior_officer"])
    url = f"/denials/{denial.pk}/revoke/"
    page = client.get(url).content.decode()
    assert "govuk-button--warning" in page and "cannot be made active again" in page
    # without the confirmation page's confirm=yes nothing is revoked
    r = client.post(url, {"comment": "Withdrawn by the UK"})
    assert r.status_code == 200 and b'name="confirm" value="yes"' in r.content
    assert DenialNotification.objects.get(pk=denial.pk).status == "active"
    r = client.post(url, {"comment": "", "confirm": "yes"})
    assert r.status_code == 422 and b"Enter why the notification is revoked" in r.content
    assert b"<title>Error: " in r.content and b'aria-invalid="true"' in r.content
    r = client.post(url, {"comment": "Withdrawn by the UK", "confirm": "yes"}, follow=True)
    assert b"revoked" in r.content and b"Withdrawn by the UK" in r.content
    assert DenialNotification.objects.get(pk=denial.pk).status == "revoked"


def test_pages_have_labelled_fields_and_headings(client, users, denial):
    client.force_login(users["partner_liaison"])
    for url in ("/denials/", "/denials/import/", f"/denials/{denial.pk}/"):
        html = client.get(url).content.decode()
        assert "<h1>" in html or "<h1 " in html
        for field_id in ("f-direction", "f-q", "file", "comment"):
            if f'id="{field_id}"' in html:
                assert f'for="{field_id}"' in html, (url, field_id)
    assert 'href="/denials/"' in client.get("/denials/").content.decode()


def test_an_unknown_denial_is_404(client, users):
    client.force_login(users["licensing_officer"])
    assert client.get("/denials/99999/").status_code == 404
    assert client.get("/api/denials/99999").status_code == 404


def test_the_openapi_document_describes_the_denials_endpoints(client):
    doc = client.get("/api/openapi.json").json()
    assert {"/api/denials", "/api/denials/import", "/api/denials/export"} <= set(doc["paths"])
    body = doc["paths"]["/api/denials/import"]["post"]["requestBody"]["content"]["application/json"]
    assert "notifications" in body["schema"]["properties"]


def test_the_nav_link_shows_only_to_roles_that_may_follow_it(client, users):
    link = b'<a href="/denials/">Denials</a>'
    client.force_login(users["technical_expert"])
    assert link in client.get("/controls/").content
    client.force_login(users["exporter"])
    assert link not in client.get("/controls/").content


def test_the_import_page_names_the_formats_in_words(client, users):
    client.force_login(users["partner_liaison"])
    upload = SimpleUploadedFile("uk.csv", (LITE_HEADER + LITE_ROWS).encode(), "text/csv")
    html = client.post("/denials/import/", {"file": upload, "format": ""}).content.decode()
    assert '<option value="lite-csv">UK LITE denial CSV</option>' in html
    assert ">lite-csv</option>" not in html
    recent = html.split("<tbody>")[-1]
    assert "(UK LITE denial CSV)" in recent and "(lite-csv)" not in recent
    assert "(UK LITE denial CSV): read" in html and "(lite-csv): read" not in html


def test_bad_filters_are_all_named_in_words_in_the_govuk_error_summary(client, users, denial):
    """Each faulty filter by its label, linked to its input, with no Python repr or field
    key ("valid_on: not a date", "'\\x00' is not ...") and not only the first of them."""
    client.force_login(users["licensing_officer"])
    r = client.get(
        "/denials/",
        {
            "direction": "sideways",
            "status": "zzz",
            "government": "Narnia",
            "valid_on": "2020-13-45",
        },
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert "<title>Error:" in html and "govuk-error-summary" in html
    for field_id, label in (
        ("f-direction", "Direction: "),
        ("f-status", "Status: "),
        ("f-government", "Notifying government: "),
        ("f-valid", "In force on: enter a real date"),
    ):
        assert f'href="#{field_id}"' in html and label in html, field_id
        assert f'id="{field_id}-error"' in html, field_id
    assert "valid_on:" not in html and "'sideways'" not in html


def test_the_parties_countries_are_named(client, users, denial):
    client.force_login(users["licensing_officer"])
    listing = client.get("/denials/").content.decode()
    assert "Golden Star Trading FZE (United Arab Emirates)" in listing and "(AE)" not in listing
    gb = DenialNotification.objects.get(reference="GB-2024-017")
    detail = client.get(f"/denials/{gb.pk}/").content.decode()
    assert "<td>United Arab Emirates</td>" in detail and "<td>AE</td>" not in detail
