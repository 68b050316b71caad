"""Re-screening: a list re-imported while a case is open flags the new hit on the case and in
the officer's queue; closed cases are left alone; re-running the assessment clears the flag."""

from __future__ import annotations

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import Case, ScreeningAlert
from catchall.web.cases.services import case_act, case_create
from catchall.web.screening.services import list_import
from tests.web.cases.test_workflow import fresh
from tests.web.screening.people import assert_named_not_coded

pytestmark = pytest.mark.django_db

HEADER = "id,name,schema,aliases,countries\n"
END_USER = "Kavoshgaran Sanat Pars Company"


@pytest.fixture(autouse=True)
def _fresh_index():
    """The screening index is cached per process by list import ids, which a rolled-back test
    database hands out again: start and end each test with no cached index."""
    from catchall.web.screening.index import reset_index

    reset_index()
    yield
    reset_index()


def application(end_user: str) -> dict:
    return {
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "IR",
        "parties": [{"role": "end_user", "name": end_user, "country": "IR"}],
        "items": [{"kind": "metrology.cmm", "description": "Coordinate measuring machine"}],
    }


def under_review(users, end_user: str = END_USER) -> Case:
    case = case_create(actor=users["exporter"], data=application(end_user))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    return fresh(case)


@pytest.fixture
def import_list(tmp_path, django_capture_on_commit_callbacks):
    """Import (or re-import) the authority's own list as a simple CSV; the after-commit hooks run."""

    def run(rows: str, name: str = "national-watch"):
        path = tmp_path / f"{name}.csv"
        path.write_text(HEADER + rows, encoding="utf-8")
        with django_capture_on_commit_callbacks(execute=True):
            return list_import(path, format="csv", name=name, kind="denial")

    return run


def rescreened(case) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="case.rescreened", object_id=str(case.pk)))


def test_a_list_that_now_names_the_end_user_flags_the_open_case(client, users, import_list):
    case = under_review(users)
    other = under_review(users, "Busan Ceramic Components Ltd")
    assert case.assessments.get().result["parties"][0]["decision"] == "clear"
    import_list("w1,Nadir Precision Works,Company,,IR\n")
    assert fresh(case).new_screening_hits == 0

    import_list(
        "w1,Nadir Precision Works,Company,,IR\nw2,Kavoshgaran Sanat Pars Co.,Company,KSP,IR\n"
    )

    case = fresh(case)
    assert case.new_screening_hits == 1
    [alert] = case.screening_alerts.all()
    assert (alert.list_name, alert.party_role, alert.party_name, alert.entity_id) == (
        "national-watch",
        "end_user",
        END_USER,
        "w2",
    )
    [event] = rescreened(case)
    assert event.details["list"] == "national-watch"
    assert event.details["new_hits"][0].startswith(f"{END_USER} ~ Kavoshgaran Sanat Pars Co.")
    assert fresh(other).new_screening_hits == 0 and not rescreened(other)

    client.force_login(users["officer"])
    flagged = client.get("/cases/", {"flagged": "1"}).content.decode()
    assert case.reference in flagged and "1 new hit" in flagged
    assert other.reference not in flagged
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert (
        "Screening alerts since the last assessment" in page
        and "Kavoshgaran Sanat Pars Co." in page
    )
    # the alert names the list in words and says the decision once, never the entity's id
    text = assert_named_not_coded(page, ids=("w2",))
    assert "may be Kavoshgaran Sanat Pars Co. on National watch (" in text, text[
        text.find("alerts") :
    ][:600]
    assert "match match" not in text and "possible match match" not in text
    # the history tells the re-screening in words too (the audit keeps "party ~ entity (score)")
    assert "found 1 new possible match on the list National watch when it changed" in text
    assert f"{END_USER} may be Kavoshgaran Sanat Pars Co., score 1.00" in text


def test_re_importing_the_same_list_does_not_flag_the_same_hit_twice(users, import_list):
    case = under_review(users)
    rows = "w2,Kavoshgaran Sanat Pars Co.,Company,,IR\n"
    import_list(rows)
    import_list(rows)
    assert fresh(case).new_screening_hits == 1
    assert ScreeningAlert.objects.count() == 1 and len(rescreened(case)) == 1


def test_closed_cases_are_not_rescreened(users, import_list):
    withdrawn = case_create(actor=users["exporter"], data=application(END_USER))
    case_act(withdrawn, "submit", actor=users["exporter"])
    case_act(fresh(withdrawn), "withdraw", actor=users["exporter"], reason="order cancelled")
    draft = case_create(actor=users["exporter"], data=application(END_USER))
    before = [fresh(withdrawn), fresh(draft)]
    import_list("w2,Kavoshgaran Sanat Pars Co.,Company,,IR\n")
    for case in before:
        assert fresh(case).new_screening_hits == 0
        assert not fresh(case).screening_alerts.exists() and not rescreened(case)
        assert fresh(case).lock_version == case.lock_version and fresh(case).status == case.status


def test_re_running_the_assessment_clears_the_flag_and_shows_the_hit_in_the_assessment(
    client, users, import_list
):
    case = under_review(users)
    import_list("w2,Kavoshgaran Sanat Pars Co.,Company,,IR\n")
    assert fresh(case).new_screening_hits == 1

    case_act(fresh(case), "rerun_assessment", actor=users["officer"])

    case = fresh(case)
    assert case.new_screening_hits == 0
    assert case.screening_alerts.get().acknowledged_at is not None
    run = case.assessments.first()
    assert [m["entity_id"] for m in run.result["parties"][0]["matches"]] == ["w2"]
    assert run.recommendation != "approve"
    client.force_login(users["officer"])
    assert case.reference not in client.get("/cases/", {"flagged": "1"}).content.decode()


def test_re_screening_runs_as_a_job_in_parts_with_progress(users, import_list, monkeypatch):
    """The list's change submits one job; its parts re-screen the open cases in chunks."""
    from catchall.web.cases import jobs
    from catchall.web.jobs.models import Job

    monkeypatch.setattr(jobs, "RESCREEN_PART", 2)
    cases = [under_review(users) for _ in range(3)] + [under_review(users, "Busan Ceramic Ltd")]
    import_list("w2,Kavoshgaran Sanat Pars Co.,Company,,IR\n")
    job = Job.objects.get(kind="cases.rescreen")
    assert job.state == "done" and (job.done, job.total) == (2, 2)
    assert (
        job.result["summary"] == "4 open cases re-screened against national-watch; 3 with new hits"
    )
    parts = job.children.order_by("seq")
    assert [len(p.params["case_ids"]) for p in parts] == [2, 2]
    assert [fresh(c).new_screening_hits for c in cases] == [1, 1, 1, 0]


def test_re_screening_asks_with_the_partys_evidence_as_the_assessment_does(
    users, tmp_path, django_capture_on_commit_callbacks
):
    """A passport number on the application decides a person match that the name alone would
    not make: re-screening after a list change uses it, as the assessment does."""
    data = application("Hossein Karimi")
    data["parties"][0] |= {"dob": "1971-03-02", "identifiers": ["passport:K77123456"]}
    case = case_create(actor=users["exporter"], data=data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case = fresh(case)

    path = tmp_path / "watch.csv"
    path.write_text(
        "id,name,schema,aliases,countries,identifiers\np1,Hosein Karimi Tabrizi,Person,,IR,K77123456\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        list_import(path, format="csv", name="national-watch", kind="denial")

    [alert] = fresh(case).screening_alerts.all()
    assert alert.entity_id == "p1" and alert.decision == "match"
    assert "K77123456" in alert.explanation


def test_the_case_page_names_a_partys_hit_with_its_list_countries_and_reasons(client, users):
    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()
    case = under_review(users, "Shahid Bakeri Industries")
    [party] = case.assessments.get().result["parties"]
    assert party["matches"][0]["entity_id"] == "poc-ir-sbig"  # the stored result keeps its ids
    client.force_login(users["officer"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    text = assert_named_not_coded(page, ids=("poc-ir-sbig",))
    assert "SHAHID BAGHERI INDUSTRIAL GROUP (Iran) on Programs of concern" in text
    assert "Why How the names met 'shahid' and 'shahid' are the same word" in text
    assert "List reference: poc-ir-sbig" in text
