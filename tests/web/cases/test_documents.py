"""Letters, licences and summaries as the recipient reads them (HTML and the PDF's own text),
and uploads: size and type limits, byte-exact download, no download across organisations."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from catchall.web.cases.models import Upload
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_workflow import fresh, to_recommended
from tests.web.confidential import UNLISTED_MILL

pytestmark = pytest.mark.django_db

REFUSAL_REASON = "The end user is designated for Iran's missile programme."
CONDITIONS = [
    "No re-export without the authority's consent",
    "Post-shipment verification within 6 months",
]


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


def html_text(content: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content.decode()).replace("&#x27;", "'").split())


def both_forms(client, case, kind: str) -> tuple[str, str]:
    """The issued document of ``kind`` as the user downloads it: (HTML text, PDF text)."""
    doc = case.documents.get(kind=kind)
    html = client.get(f"/cases/{case.pk}/documents/{doc.pk}.html")
    pdf = client.get(f"/cases/{case.pk}/documents/{doc.pk}.pdf")
    assert html.status_code == 200 and pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    return html_text(html.content), pdf_text(pdf.content)


@pytest.fixture
def refused(users, app_data):
    case = to_recommended(users, app_data)
    case_act(case, "decide", actor=users["senior"], outcome="deny", reason=REFUSAL_REASON)
    case_act(fresh(case), "send_refusal", actor=users["officer"])
    return fresh(case)


def test_the_refusal_letter_names_the_case_exporter_destination_entry_and_reason(
    client, users, refused
):
    client.force_login(users["exporter"])
    for text in both_forms(client, refused, "refusal"):
        assert f"REF-{refused.reference}-1" in text
        assert f"the application {refused.reference}" in text
        assert "To Neckar Umformtechnik GmbH" in text
        assert "Iran (IR)" in text
        assert "2B009 (MTCR 3.B.3, Category II)" in text
        assert REFUSAL_REASON in text
        assert "Shahid Bakeri Industrial Group" in text
        assert f"until {refused.appeal_deadline:%-d %B %Y}" in text


def test_the_licence_names_items_entries_and_conditions_but_not_the_internal_reasoning(
    client, users, partner_data
):
    case = to_recommended(users, partner_data, outcome="approve_with_conditions")
    internal = "Changwon verified by the embassy; no partner objects."
    case_act(
        case,
        "decide",
        actor=users["senior"],
        outcome="approve_with_conditions",
        reason=internal,
        conditions=CONDITIONS,
    )
    case_act(fresh(case), "issue_licence", actor=users["officer"])
    client.force_login(users["exporter"])
    for text in both_forms(client, fresh(case), "licence"):
        assert f"Licence LIC-{case.reference}-1 is granted to Neckar Umformtechnik GmbH" in text
        assert "South Korea (KR)" in text
        assert "Hot isostatic press" in text and "2B104 (MTCR 6.B.3)" in text
        assert all(c in text for c in CONDITIONS)
        assert "Decision countersigned by senior" in text and "recommendation of officer" in text
        # The licence goes to the exporter: the officers' reasoning stays in the case file.
        assert internal not in text


def test_the_inform_letter_tells_the_exporter_a_licence_is_now_required_and_why(client, users):
    data = {
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "PK",
        "parties": [{"role": "end_user", "name": "Lahore Engineering Works", "country": "PK"}],
        "items": [UNLISTED_MILL],
    }
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    reason = "Information that the end user machines rocket-motor parts."
    case_act(fresh(case), "issue_inform_letter", actor=users["officer"], reason=reason)
    client.force_login(users["exporter"])
    for text in both_forms(client, fresh(case), "inform_letter"):
        assert f"INF-{case.reference}-1" in text
        assert (
            f"the items of application {case.reference} named below, although not on a control list"
            in text
        )
        assert "To Neckar Umformtechnik GmbH" in text
        assert "an export licence is required for these items to Pakistan (PK)" in text
        assert "3-axis machining centre" in text
        assert reason in text
        assert "EU 2021/821 Art. 4(1)(a)" in text, "the notice names its legal basis"


def test_the_case_summary_gives_the_officers_the_items_entries_assessment_and_decision(
    client, users, refused
):
    client.force_login(users["officer"])
    html = client.get(f"/cases/{refused.pk}/summary.html")
    pdf = client.get(f"/cases/{refused.pk}/summary.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    for text in (html_text(html.content), pdf_text(pdf.content)):
        assert f"Case summary {refused.reference}" in text
        assert "Exporter: Neckar Umformtechnik GmbH" in text and "Iran (IR)" in text
        assert "2B009 (MTCR 3.B.3, Category II)" in text
        assert "Automatic assessment: Refuse" in text  # outcomes in words, never codes
        assert "Officer's recommendation: Refuse" in text
        assert f"Decision: Refuse {REFUSAL_REASON}" in text


# --------------------------------------------------------------------------- uploads

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WINDOWS_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)
LINUX_ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 57


@pytest.fixture
def submitted(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    return fresh(case)


def upload(client, case, name: str, content: bytes, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(f"/cases/{case.pk}/uploads/", {"file": f, "kind": "end_user_certificate"})


def test_an_uploaded_certificate_downloads_byte_for_byte(client, users, submitted):
    client.force_login(users["exporter"])
    r = upload(client, submitted, "EUC signed.pdf", PDF_BYTES)
    assert r.status_code == 302
    up = submitted.uploads.get()
    page = client.get(f"/cases/{submitted.pk}/").content.decode()
    assert f'href="/cases/{submitted.pk}/uploads/{up.pk}">EUC signed.pdf</a>' in page
    client.force_login(users["officer"])
    got = client.get(f"/cases/{submitted.pk}/uploads/{up.pk}")
    assert got.status_code == 200 and got.content == PDF_BYTES
    assert got["Content-Type"] == "application/pdf" and got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Disposition"] == 'attachment; filename="EUC signed.pdf"'


def test_the_same_file_sent_twice_is_kept_once_with_one_audit_event(client, users, submitted):
    from catchall.web.audit.models import AuditEvent

    client.force_login(users["exporter"])
    for _ in range(2):  # the button pressed twice
        assert upload(client, submitted, "EUC signed.pdf", PDF_BYTES).status_code == 302
    assert submitted.uploads.count() == 1
    assert AuditEvent.objects.filter(action="case.uploaded").count() == 1
    page = client.get(f"/cases/{submitted.pk}/").content.decode()
    assert "EUC signed.pdf was already uploaded: kept once." in page
    assert upload(client, submitted, "EUC page 2.pdf", PDF_BYTES + b"\n%2").status_code == 302
    assert submitted.uploads.count() == 2  # another file is another upload


def test_control_characters_are_taken_out_of_an_uploaded_files_name(client, users, submitted):
    client.force_login(users["exporter"])
    assert upload(client, submitted, "EUC\x1b[31m\x07.pdf", PDF_BYTES).status_code == 302
    assert submitted.uploads.get().name == "EUC[31m.pdf"


@pytest.mark.parametrize("content", [WINDOWS_EXE, LINUX_ELF], ids=["windows-exe", "linux-elf"])
def test_an_executable_named_pdf_is_refused(client, users, submitted, content):
    client.force_login(users["exporter"])
    r = upload(client, submitted, "certificate.pdf", content, "application/pdf")
    assert r.status_code == 422
    assert "only PDF, PNG, JPEG or plain-text files are accepted" in r.content.decode()
    assert not Upload.objects.exists()


def test_a_binary_file_sent_as_text_is_refused(client, users, submitted):
    client.force_login(users["exporter"])
    r = upload(client, submitted, "notes.txt", b"\xff\xfe\x00binary\x00\x9c", "text/plain")
    assert r.status_code == 422 and not Upload.objects.exists()
    assert (
        upload(
            client, submitted, "notes.txt", "Einbau in Changwon, Prüfhalle 3".encode(), "text/plain"
        ).status_code
        == 302
    )


def test_an_upload_over_ten_megabytes_is_refused(client, users, submitted):
    client.force_login(users["exporter"])
    r = upload(client, submitted, "scan.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    assert r.status_code == 422
    assert "larger than 10 MB" in r.content.decode()
    assert not Upload.objects.exists()
    ten = PDF_BYTES + b"0" * (10 * 1024 * 1024 - len(PDF_BYTES))
    assert upload(client, submitted, "scan.pdf", ten).status_code == 302


def test_an_exporter_of_another_organisation_cannot_download_an_upload(client, users, submitted):
    client.force_login(users["exporter"])
    upload(client, submitted, "EUC.pdf", PDF_BYTES)
    up = submitted.uploads.get()
    client.force_login(users["other_exporter"])
    r = client.get(f"/cases/{submitted.pk}/uploads/{up.pk}")
    assert r.status_code == 404 and PDF_BYTES not in r.content
    r = upload(client, submitted, "planted.pdf", PDF_BYTES)
    assert r.status_code == 404 and submitted.uploads.count() == 1


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ('q"uote.txt', 'attachment; filename="q\\"uote.txt"'),
        ("Prüfbericht.txt", "attachment; filename*=utf-8''Pr%C3%BCfbericht.txt"),
        ("a\r\nSet-Cookie: x.txt", "attachment; filename*=utf-8''a%0D%0ASet-Cookie%3A%20x.txt"),
    ],
    ids=["quote", "non-ascii", "newline"],
)
def test_an_upload_name_is_encoded_in_the_download_header(client, users, submitted, name, header):
    from django.utils import timezone

    up = Upload.objects.create(
        case=submitted,
        kind="other",
        name=name,
        content_type="text/plain",
        size=2,
        sha256="0" * 64,
        content=b"ok",
        uploaded_by=users["exporter"],
        uploaded_at=timezone.now(),
    )
    client.force_login(users["exporter"])
    r = client.get(f"/cases/{submitted.pk}/uploads/{up.pk}")
    assert r.status_code == 200 and r.content == b"ok"
    assert r["Content-Disposition"] == header
    assert "Set-Cookie" not in r.headers


def test_a_document_or_summary_in_an_unknown_format_is_404(client, users, refused):
    doc = refused.documents.get(kind="refusal")
    client.force_login(users["officer"])
    for fmt in ("zzz", "HTML", "json"):
        assert client.get(f"/cases/{refused.pk}/documents/{doc.pk}.{fmt}").status_code == 404
        assert client.get(f"/cases/{refused.pk}/summary.{fmt}").status_code == 404
    assert client.get(f"/cases/{refused.pk}/documents/{doc.pk}.html").status_code == 200
    assert client.get(f"/cases/{refused.pk}/summary.html").status_code == 200
