"""Issue 13.7: page banners (pages and every PDF page), the PDF's reader, who may draft, whose
turn, grouped reminders, NOFORN action requests and withheld library headers, outreach packs."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from catchall.web.regime.services import documents as docs
from catchall.web.regime.services import exchanges as ex
from catchall.web.regime.services import proposals as ps

from .helpers import D2008, DECL, answered, circulated, draft, previewed

pytestmark = pytest.mark.django_db

NOFORN_POST = "Embassy Quietvale"
NOFORN_OFFICE = "Directorate of Hushed Affairs"


def _text(resp) -> str:
    if resp.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(_pdf_pages(resp.content))
    return resp.content.decode("utf-8")


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def _noforn_request(people, proposal):
    return ex.action_request_create(
        actor=people["us-delegate"],
        proposal=proposal,
        post=NOFORN_POST,
        host_country="Brazil",
        host_office=NOFORN_OFFICE,
        reply_by=dt.date(2008, 9, 25),
        talking_points="(C//NOFORN) Press the host on the trading company's mills.",
        **DECL,
    )


# ------------------------------------------------------------------------ banners


def test_every_regime_page_has_the_highest_marking_it_shows_at_top_and_bottom(client, people):
    p = circulated(people)
    client.force_login(people["gb-delegate"])
    html = client.get(f"/regime/proposals/{p.pk}/").content.decode()
    banners = re.findall(r'data-testid="page-banner(?:-bottom)?">.*?</span>([^<]+)</p>', html)
    assert banners == ["CONFIDENTIAL//REL TO MTCR"] * 2
    assert html.index('data-testid="page-banner"') < html.index("<h1")
    assert html.rindex('data-testid="page-banner-bottom"') > html.index('id="revs"')
    client.force_login(people["kz-guest"])  # reads only the unclassified portions
    html = client.get(f"/regime/proposals/{p.pk}/").content.decode()
    assert (
        re.findall(r'page-banner(?:-bottom)?">.*?</span>([^<]+)</p>', html) == ["UNCLASSIFIED"] * 2
    )
    for url in ("/regime/", "/regime/diff/", "/library/", "/regime/meetings/"):
        assert client.get(url).content.decode().count('class="banner page-banner') == 2, url


def test_every_page_of_every_pdf_has_the_banner_and_names_its_reader(client, people):
    p = circulated(people)
    body = "\n\n".join(
        f"{i}. (C//REL TO USA, GBR) Paragraph {i} " + "word " * 90 for i in range(2, 40)
    )
    paper = docs.document_create(
        actor=people["us-delegate"],
        kind="best_practice",
        title="(U) A long paper",
        body=body,
        **DECL,
    )
    people["gb-delegate"].first_name, people["gb-delegate"].last_name = "Gwen", "Baxter"
    people["gb-delegate"].save()
    client.force_login(people["gb-delegate"])
    for url, banner in (
        (f"/library/{paper.pk}/export.pdf", "CONFIDENTIAL//REL TO USA, GBR"),
        (f"/regime/proposals/{p.pk}/export.pdf", "CONFIDENTIAL//REL TO MTCR"),
        ("/regime/briefing.pdf?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12", None),
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        pages = _pdf_pages(r.content)
        if "library" in url:
            assert len(pages) >= 3
        for n, text in enumerate(pages, 1):
            if banner:
                assert text.count(banner) >= 2, (url, n)  # top and bottom margin
            else:
                assert re.search(r"UNCLASSIFIED|CONFIDENTIAL", text), (url, n)
            assert "Gwen Baxter, UK delegation" in text, (url, n)
            assert f"page {n} of {len(pages)}" in text, (url, n)


# ------------------------------------------------------------------------ drafting, turns


def test_draft_a_proposal_is_offered_only_to_those_who_can_draft(client, people):
    for who, offered in (
        ("us-delegate", True),
        ("br-partner", False),
        ("kz-guest", False),
        ("fr-poc", False),
        ("us-expert", False),
    ):
        client.force_login(people[who])
        html = client.get("/regime/").content.decode()
        assert ('href="/regime/proposals/new/"' in html) is offered, who
        assert client.get("/regime/proposals/new/").status_code == (200 if offered else 403), who


def _turn(client, pk: int) -> str:
    html = client.get(f"/regime/proposals/{pk}/").content.decode()
    part = html.split('data-testid="turn"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", part))


def test_each_proposal_says_whose_turn_it_is(client, people):
    due = timezone.localdate() + dt.timedelta(days=10)
    p = ps.proposal_preview(
        actor=people["us-delegate"],
        proposal=draft(people),
        release_list=["Brazil", "South Africa"],
        feedback_deadline=due,
        today=D2008,
    )
    client.force_login(people["us-delegate"])
    turn = _turn(client, p.pk)
    assert "Waiting for Brazil, South Africa to comment on the previewed text" in turn
    assert f"by {due.day} {due.strftime('%B %Y')}" in turn and "your step" not in turn
    api = client.get(f"/api/regime/proposals/{p.pk}").json()["waiting_for"]
    assert api["who"] == "Brazil, South Africa" and api["by"] == due.isoformat()
    client.force_login(people["br-partner"])  # not told who else has replied
    turn = _turn(client, p.pk)
    assert "Waiting for Brazil (you) and perhaps others to comment" in turn
    assert "This is your step" in turn and "South Africa" not in turn

    answered(people)  # its deadline is past, feedback answered: the Point of Contact's turn
    client.force_login(people["fr-poc"])
    dash = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get("/regime/").content.decode()))
    assert (
        "The Point of Contact to circulate it to all partners before 23rd Plenary, Canberra, "
        "by 5 November 2008 (your step)" in dash
    )


def test_reminders_are_grouped_by_proposal_and_kind_and_capped(client, people):
    proposals = [previewed(people) for _ in range(10)]
    client.force_login(people["us-delegate"])
    html = client.get("/regime/?within=3660").content.decode()
    rows = re.findall(r'<tr class="reminder[^"]*">(.*?)</tr>', html, re.S)
    assert len(rows) == 8  # capped
    assert "feedback due from Brazil and South Africa" in rows[0]
    assert 'data-testid="more-reminders">And 2 more.' in html
    everything = client.get("/regime/?within=3660&all=1").content.decode()
    assert len(re.findall(r'<tr class="reminder', everything)) == len(proposals)
    assert "more-reminders" not in everything


# ------------------------------------------------------------------------ NOFORN headers


def test_partners_and_guests_never_see_a_noforn_action_request_not_even_its_header(client, people):
    p = previewed(people)
    _noforn_request(people, p)
    urls = [
        "/regime/?within=3660",
        f"/regime/proposals/{p.pk}/",
        f"/regime/proposals/{p.pk}/export.json",
        f"/regime/proposals/{p.pk}/export.pdf",
    ]
    api = [f"/api/regime/proposals/{p.pk}", "/api/regime/reminders?within_days=3660"]
    client.force_login(people["us-delegate"])  # the sponsor reads it: the check can fail
    seen = " ".join(_text(client.get(u)) for u in [*urls, *api])
    assert NOFORN_POST in seen and NOFORN_OFFICE in seen
    for who in ("br-partner", "za-partner", "kz-guest", "fr-poc", "gb-delegate"):
        client.force_login(people[who])
        for u in [*urls, *api]:
            r = client.get(u)
            text = _text(r)
            assert NOFORN_POST not in text and NOFORN_OFFICE not in text, (who, u)
            assert "Action request to" not in text, (who, u)
        assert "Action requests to posts" not in _text(client.get(f"/regime/proposals/{p.pk}/"))


def test_a_library_paper_with_a_withheld_title_shows_no_kind_date_origin_or_tags(client, people):
    paper = docs.document_create(
        actor=people["us-delegate"],
        kind="case_summary",
        title="(C//NOFORN) Interdiction of a jig grinder",
        body="(U) A lesson for licensing officers.",
        dated=dt.date(2011, 3, 14),
        tag_kinds=["machine_tool.grinding"],
        tag_entries=["2B201.b"],
        **DECL,
    )
    docs.document_create(
        actor=people["us-delegate"],
        kind="best_practice",
        title="(U) Older open paper",
        body="(U) Read me.",
        dated=dt.date(2009, 1, 1),
        **DECL,
    )
    client.force_login(people["us-delegate"])
    own = client.get("/library/").content.decode()
    assert "Interdiction of a jig grinder" in own and "2011-03-14" in own
    client.force_login(people["br-partner"])
    listing = client.get("/library/").content.decode()
    assert f"/library/{paper.pk}/" in listing  # its released paragraph is readable
    row = listing.split(f"/library/{paper.pk}/")[1].split("</tr>")[0]
    assert f'href="/library/{paper.pk}/"' in listing.split("<tr")[-1]  # last, not by its date
    assert "Older open paper" in listing
    for header in (
        "Procurement/interdiction",
        "2011-03-14",
        "United States",
        "2B201.b",
        "grinding",
    ):
        assert header not in row, header
    for query in ("?entry=2B201.b", "?item_kind=machine_tool.grinding", "?paper=case_summary"):
        assert f"/library/{paper.pk}/" not in client.get("/library/" + query).content.decode()
        exported = client.get("/library/export.json" + query).content.decode()
        assert f'"id": {paper.pk}' not in exported, query
    detail = client.get(f"/library/{paper.pk}/").content.decode()
    for header in ("Procurement/interdiction", "2011-03-14", "2B201.b", "from US"):
        assert header not in detail, header
    data = client.get(f"/library/{paper.pk}/export.json").json()
    assert data["kind"] is None and data["dated"] is None and data["tags"] is None
    assert data["header_withheld"] is True
    pdf = _text(client.get(f"/library/{paper.pk}/export.pdf"))
    assert "2011-03-14" not in pdf and "interdiction" not in pdf.lower()


# ------------------------------------------------------------------------ outreach packs


def test_outreach_packs_carry_no_internal_caveats_which_stay_in_the_delegates_view(client, people):
    url = "/regime/briefing/?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12"
    pdf = "/regime/briefing.pdf?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12"
    caveat = "Change date and EU act unverified"
    client.force_login(people["us-delegate"])
    assert caveat in client.get(url).content.decode()
    assert caveat in _text(client.get(pdf + "&audience=internal"))
    assert caveat not in client.get(url + "&audience=outreach").content.decode()
    assert caveat not in _text(client.get(pdf))  # the downloaded pack is the outreach pack
    client.force_login(people["kz-guest"])
    for u in (url, url + "&audience=internal", pdf, pdf + "&audience=internal"):
        text = _text(client.get(u))
        assert "ISO 230-2:2006" in text, u
        assert caveat not in text and "Open cases to review" not in text, u
    api = client.get("/api/regime/briefing?old=eu-dual-use@2022-10&new=eu-dual-use@2023-12")
    assert caveat not in api.content.decode() and api.json()["audience"] == "outreach"
