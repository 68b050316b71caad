"""The job pages in Chromium: a batch upload (and its error), a running job's page with its
progress bar, the finished batch with its downloads, a list file's review; axe at 1366 and 390
px, no sideways scrolling, screenshots of each."""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import audit_widths

pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BATCH = "id,name,country\np1,Shahid Hemmat Industrial Group,IR\np2,Neckar GmbH,DE\np3,,IR\n"

_audit = functools.partial(audit_widths, prefix="jobs")


@pytest.fixture
def officer(transactional_db):
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("olga", "licensing_officer", org, "Olga Officer", password="pass phrase 77")


def test_batch_upload_running_and_finished_job_pages(browser, live_server, officer, tmp_path):
    from catchall.web.jobs.models import Job

    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(120_000)
    problems: list[str] = []
    pg.goto("/login/")
    pg.get_by_label("Username").fill("olga")
    pg.get_by_label("Password").fill("pass phrase 77")
    pg.get_by_role("button", name="Log in").click()

    pg.goto("/screen/batch/")
    _audit(pg, "batch-form", problems)
    pg.get_by_role("button", name="Screen the batch").click()
    assert pg.title().startswith("Error:")
    _audit(pg, "batch-error", problems)

    path = tmp_path / "parties.csv"
    path.write_text(BATCH, encoding="utf-8")
    pg.get_by_label("CSV file of parties").set_input_files(str(path))
    pg.get_by_role("button", name="Screen the batch").click()
    assert "2 parties screened" in pg.content()
    assert pg.get_by_role("link", name="Results as CSV (spreadsheet)").is_visible()
    _audit(pg, "batch-done", problems)

    running = Job.objects.create(
        kind="screen.batch",
        state="running",
        done=3,
        total=8,
        message="3 of 8 parts done",
        created_by=officer,
    )
    pg.goto(f"/jobs/{running.pk}/")
    bar = pg.get_by_role("progressbar", name="Progress: 3 of 8 parts done")
    assert bar.get_attribute("value") == "3" and bar.get_attribute("max") == "8"
    # The running page reloads itself (meta refresh, as asked: no JavaScript) and offers to
    # stop that, which WCAG 2.2.1 accepts; axe cannot see the offer, so its rule is off here
    # and the page without the refresh is audited in full.
    assert pg.get_by_role("link", name="Stop refreshing").is_visible()
    _audit(pg, "running", problems, {"rules": {"meta-refresh": {"enabled": False}}})
    pg.get_by_role("link", name="Stop refreshing").click()
    assert pg.locator('meta[http-equiv="refresh"]').count() == 0
    _audit(pg, "running-no-refresh", problems)

    lst = tmp_path / "watch.csv"
    lst.write_text("id,name,schema,aliases,countries\na,Alpha Trading,Company,,IR\n")
    pg.goto("/lists/")
    pg.get_by_label("File").set_input_files(str(lst))
    pg.get_by_label("List name").fill("watch")
    pg.get_by_label("Format").select_option("csv")
    pg.get_by_role("button", name="Import").click()
    assert "1 to import" in pg.content()
    _audit(pg, "list-review", problems)
    pg.get_by_role("button", name="Replace the list watch").click()
    assert pg.get_by_role("link", name="See the list watch").is_visible()
    _audit(pg, "list-replaced", problems)
    ctx.close()
    assert not problems, "\n\n".join(problems)
