"""`catchall pdfs prune`: a summary line of what went (or would go, with --dry-run); an age
that is not a whole number of days exits 2 naming --older-than and deletes nothing."""

from __future__ import annotations

import json

import pytest

from tests.conftest import cli_home, run_cli, run_python

# Two stored PDFs, one unused for 40 days and one used today, and one audit count to compare.
MAKE_STORE = """
import datetime as dt
from catchall.web.bootstrap import prepare_database
prepare_database()
from django.utils import timezone
from catchall.web.jobs.models import StoredPdf
from catchall.web.jobs.pdfs import Prepared, html_to_pdf, save_stored
for name in ("old", "new"):
    html = f"<p>{name}</p>"
    save_stored(Prepared(html, name + ".pdf"), {}, html_to_pdf(html))
StoredPdf.objects.filter(name="old.pdf").update(
    last_used_at=timezone.now() - dt.timedelta(days=40)
)
"""

COUNT = """
from catchall.web.bootstrap import prepare_database
prepare_database()
from catchall.web.audit.models import AuditEvent
from catchall.web.jobs.models import StoredPdf
print(sorted(StoredPdf.objects.values_list("name", flat=True)),
      AuditEvent.objects.filter(action="pdfs.pruned").count())
"""


@pytest.fixture
def home(tmp_path):
    env = cli_home(tmp_path)
    run_python(MAKE_STORE, env)
    return env


def test_prune_dry_run_then_prune_with_a_summary_line(home):
    r = run_cli("pdfs", "prune", "--dry-run", env=home)
    assert r.returncode == 0, r.stderr
    assert (
        r.stdout.startswith("would delete 1 stored PDFs (") and "not used for 30 days" in r.stdout
    )
    assert run_python(COUNT, home) == "['new.pdf', 'old.pdf'] 0"
    r = run_cli("pdfs", "prune", "--older-than", "60", env=home)
    assert r.returncode == 0 and r.stdout.startswith("deleted 0 stored PDFs"), r.stderr
    r = run_cli("pdfs", "prune", "--json", env=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["count"], out["older_than_days"], out["dry_run"]) == (1, 30, False)
    assert out["bytes"] > 0
    assert run_python(COUNT, home) == "['new.pdf'] 1"


def test_an_age_that_is_not_a_whole_number_of_days_exits_2_and_writes_nothing(home):
    for bad in ("0", "-3", "2.5", "ten", ""):
        r = run_cli("pdfs", "prune", f"--older-than={bad}", env=home)
        assert r.returncode == 2 and r.stdout == "", bad
        assert "--older-than" in r.stderr and "whole number of days" in r.stderr, bad
        assert "Traceback" not in r.stderr, bad
    r = run_cli("pdfs", "prune", "--older-than", env=home)  # no value: a usage error
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert run_python(COUNT, home) == "['new.pdf', 'old.pdf'] 0"
