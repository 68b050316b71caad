"""The case page reads in words (issue 13, item 4): summary first, the assessment's evidence
with numbered footnotes (each source once, titled, linked), history as sentences; no rule ids,
outcome codes, file paths, raw <https://…> citations or Python reprs."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.test import Client

from catchall.web.cases.models import Case
from catchall.web.cases.services import case_act
from catchall.web.demo import load_cases, load_users

pytestmark = pytest.mark.django_db

JSON_DETAILS = re.compile(r"<details><summary>The application as data.*?</details>", re.S)


def _refused_demo_case():
    """The demo's DEMO-1 (flow-former to a listed Iranian end user) taken to a refusal."""
    users = load_users()
    load_cases(users)
    case = Case.objects.get(status="under_review")
    steps = [
        ("demo-officer", "assign", {"user_id": users["demo-expert"].pk}),
        ("demo-officer", "request_information", {"question": "Who owns the end user?"}),
        ("demo-exporter", "answer_information", {"answer": "Nobody else."}),
        ("demo-expert", "confirm_classification", {"note": "2B009 confirmed"}),
        ("demo-officer", "add_note", {"text": "Checked.", "internal": True}),
        ("demo-officer", "recommend", {"outcome": "deny", "reasoning": "Listed end user."}),
        ("demo-senior", "decide", {"outcome": "deny", "reason": "Designated end user."}),
    ]
    for who, action, payload in steps:
        case_act(Case.objects.get(pk=case.pk), action, actor=users[who], **payload)
    return users, Case.objects.get(pk=case.pk)


def _page(user, case) -> str:
    client = Client()
    client.force_login(user)
    r = client.get(f"/cases/{case.pk}/")
    assert r.status_code == 200
    return r.content.decode()


def _visible_text(page: str) -> str:
    """What a reader sees, less the officers' JSON copy and the amend form's document."""
    page = JSON_DETAILS.sub("", page)
    page = re.sub(r"<textarea[^>]*>.*?</textarea>", "", page, flags=re.S)
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_officer_reads_words_not_codes_paths_or_reprs():
    users, case = _refused_demo_case()
    page = _page(users["demo-officer"], case)
    text = _visible_text(page)
    result = case.assessments.first().result
    rules = [r["rule"] for r in result["decision_rules"]]
    assert rules, "the demo case's assessment fired no rule: the test would prove nothing"
    for rule in rules:
        assert rule not in JSON_DETAILS.sub("", page), rule
    assert not re.search(r"<https?://", text), "a raw citation is shown"
    assert "docs/" not in text
    assert not re.findall(r"\b[a-z]+_[a-z0-9_]+\b", text), "a code is shown instead of words"
    assert not re.search(r"\{'|\['|': ", text), "a Python repr is shown"
    # the officer's JSON copy is still there, below everything else
    assert page.index("The application as data") > page.index('id="hist-h"')


def test_summary_then_assessment_then_actions_then_history():
    users, case = _refused_demo_case()
    page = _page(users["demo-officer"], case)
    order = [
        page.index('id="summary-h"'),
        page.index('id="auto-h"'),
        page.index('id="actions-h"'),
        page.index('id="docs-h"'),
        page.index('id="notes-h"'),
        page.index('id="hist-h"'),
    ]
    assert order == sorted(order)
    summary = _visible_text(page[order[0] : order[1]])
    assert "Iran" in summary and "Production of gas cylinders" in summary
    assert "2B009" in summary and "CNC flow-forming machine, three rollers" in summary
    assert "Shahid Bakeri Industrial Group" in summary and "confirmed match" in summary
    assert "United Arab Emirates" in summary and "no match" in summary


def test_each_source_is_listed_once_and_cited_by_number():
    users, case = _refused_demo_case()
    page = _page(users["demo-officer"], case)
    sources = page[page.index('id="sources-h"') :]
    sources = sources[: sources.index("</ol>")]
    hrefs = re.findall(r'<a href="(https?://[^"]+)"', sources)
    assert hrefs, "the demo assessment cites no source"
    assert len(hrefs) == len(set(hrefs)), "a source is listed twice"
    numbers = re.findall(r'<li id="source-(\d+)">', sources)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    for n in numbers:  # every footnote is cited somewhere, and every citation has its note
        assert f'href="#source-{n}"' in page
    for cited in set(re.findall(r'href="#source-(\d+)"', page)):
        assert cited in numbers
    # a link reads as the source's title, not as its address
    for title in re.findall(r'<a href="https?://[^"]+"[^>]*>([^<]+)</a>', sources):
        assert not title.startswith("http"), title


def test_history_reads_as_sentences_for_the_officer():
    users, case = _refused_demo_case()
    page = _page(users["demo-officer"], case)
    history = _visible_text(page[page.index('id="hist-h"') : page.index('id="app-h"')])
    history = " ".join(history.split())
    assert "Lena Licensing started the review." in history
    assert "Lena Licensing assigned the case to Theo Technical." in history
    assert "Status changed from “under review” to “information requested”" in history, history
    assert "Theo Technical confirmed the classification." in history
    assert "Sabine Senior refused the application: “Designated end user.”" in history
    assert "Reasoning: “Listed end user.”" in history
    assert "demo-officer" not in history and "case." not in history


def test_the_exporter_reads_only_the_events_meant_for_it():
    users, case = _refused_demo_case()
    page = _page(users["demo-exporter"], case)
    history = _visible_text(page[page.index('id="hist-h"') : page.index('id="app-h"')])
    history = " ".join(history.split())
    assert "Erika Exporter submitted the application." in history
    assert "The licensing authority started the review." in history
    assert "The licensing authority asked the exporter: “Who owns the end user?”" in history
    for hidden in (
        "Lena Licensing",
        "Theo Technical",
        "Sabine Senior",
        "assigned",
        "recommended",
        "internal note",
        "confirmed the classification",
        "refused the application",
        "automatic assessment",
    ):
        assert hidden not in history, hidden
    assert "The application as data" not in page
    assert 'id="auto-h"' not in page and 'id="sources-h"' not in page


def test_the_case_summary_document_cites_its_sources_once_too():
    users, case = _refused_demo_case()
    client = Client()
    client.force_login(users["demo-officer"])
    text = _visible_text(client.get(f"/cases/{case.pk}/summary.html").content.decode())
    assert not re.search(r"<https?://", text) and "docs/" not in text
    assert "Sources" in text and " [1]" in text
