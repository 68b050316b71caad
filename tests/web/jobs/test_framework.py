"""The jobs framework in the test suite's inline mode and, for real, in the embedded thread
mode: state, progress, results, failures, one unfinished job per key, chunks in input order."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import threading

import pytest

from catchall.core.errors import InputError
from catchall.web.jobs.models import Job
from catchall.web.jobs.services import UNEXPECTED, job, submit, wait
from tests.conftest import CLI

pytestmark = pytest.mark.django_db

SEEN: list[tuple[int, int | None, str]] = []


@job("tests.count", title="Counting")
def count(j, *, to: int, fail_at: int | None = None, boom: bool = False):
    for i in range(1, to + 1):
        j.progress(i, to, f"counted {i}")
        SEEN.append((i, Job.objects.get(pk=j.pk).done, threading.current_thread().name))
        if fail_at == i:
            raise InputError(f"cannot count past {i}", "to")
        if boom and i == to:
            raise RuntimeError("secret internals")
    return {"summary": f"counted to {to}", "sum": sum(range(to + 1))}


@job("tests.twice", title="Submitting itself again")
def twice(j, *, name: str):
    again = submit("tests.twice", {"name": name}, key=f"twice:{name}")
    return {"same": again.pk == j.pk}


def _square_collect(parent, children):
    return {"squares": [c.result["square"] for c in children]}


@job("tests.squares", title="Squares in parts", collect=_square_collect)
def squares(j, *, numbers: list[int]):
    return j.fan_out("tests.square", [{"n": n} for n in numbers])


@job("tests.square", title="A square")
def square(j, *, n: int):
    if n < 0:
        raise InputError(f"{n} is negative", "n")
    return {"square": n * n}


@pytest.fixture(autouse=True)
def _clear():
    SEEN.clear()


def test_a_job_runs_with_progress_and_keeps_its_result(django_user_model):
    user = django_user_model.objects.create_user("ann")
    j = wait(submit("tests.count", {"to": 3}, user=user))
    assert j.state == "done" and j.result == {"summary": "counted to 3", "sum": 6}
    assert (j.done, j.total, j.message) == (3, 3, "counted 3")
    assert [done for _, done, _ in SEEN] == [1, 2, 3]  # each step written as it happened
    assert j.created_by == user and j.started_at <= j.finished_at and j.error == ""


def test_bad_input_fails_the_job_with_its_message():
    j = wait(submit("tests.count", {"to": 5, "fail_at": 2}))
    assert j.state == "failed" and j.error == "to: cannot count past 2" and j.done == 2


def test_an_unexpected_error_fails_the_job_without_internals(caplog):
    with caplog.at_level(logging.ERROR, logger="catchall.jobs"):
        j = wait(submit("tests.count", {"to": 1, "boom": True}))
    assert j.state == "failed" and j.error == UNEXPECTED and "secret" not in j.error
    assert "secret internals" in caplog.text  # the traceback is in the log


def test_a_second_submit_with_the_key_of_an_unfinished_job_returns_that_job():
    j = wait(submit("tests.twice", {"name": "a"}, key="twice:a"))
    assert j.result == {"same": True}
    assert Job.objects.filter(kind="tests.twice").count() == 1
    # once it finished, the key is free again
    k = submit("tests.twice", {"name": "a"}, key="twice:a")
    assert k.pk != j.pk and Job.objects.filter(kind="tests.twice").count() == 2


def test_parts_run_as_child_jobs_and_the_result_keeps_input_order():
    j = wait(submit("tests.squares", {"numbers": [3, 1, 2, 5]}))
    assert j.state == "done" and j.result == {"squares": [9, 1, 4, 25]}
    assert (j.done, j.total) == (4, 4)
    assert [c.seq for c in j.children.order_by("seq")] == [0, 1, 2, 3]


def test_a_failed_part_fails_the_whole_job():
    j = wait(submit("tests.squares", {"numbers": [1, -2, 3]}))
    assert j.state == "failed" and j.error == "part 2 of 3: n: -2 is negative"


def test_no_parts_is_done_at_once():
    j = wait(submit("tests.squares", {"numbers": []}))
    assert j.state == "done" and j.result == {"squares": []}


def test_params_must_be_json():
    with pytest.raises(TypeError):
        submit("tests.count", {"to": object()})
    with pytest.raises(LookupError):
        submit("tests.nothing", {})


def test_embedded_mode_runs_jobs_in_background_threads_of_the_process(tmp_path):
    """The default without a broker, for real: a CLI process with its own SQLite file submits a
    job that splits into parts; the pool's threads run them while the main thread waits."""
    env = {
        **os.environ,
        "CATCHALL_HOME": str(tmp_path),
        "CATCHALL_JOBS": "embedded",
        "CATCHALL_BROKER_URL": "",
        "DATABASE_URL": "",
    }
    proc = subprocess.Popen(
        [str(CLI), "jobs", "--check", "--json", "--wait", "60"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    d = json.loads(out)
    assert d["state"] == "done" and (d["progress"]["done"], d["progress"]["total"]) == (2, 2)
    assert d["result"]["workers"] == [f"{socket.gethostname()}:{proc.pid}"]
    assert d["result"]["threads"] and all(
        t.startswith("catchall-job") for t in d["result"]["threads"]
    )
