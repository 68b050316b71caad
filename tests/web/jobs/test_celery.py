"""The jobs framework against a real broker: the Redis on 127.0.0.1:6379 and a Celery worker
started here (``catchall worker``), sharing a SQLite database with the submitting CLI.
Skipped only when Redis does not answer (CI has one)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import uuid

import pytest

from tests.conftest import CLI, run_cli

REDIS_URL = os.environ.get("CATCHALL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture(scope="module")
def broker_env(tmp_path_factory) -> dict[str, str]:
    """An installation of its own: its data folder and a queue no other test run shares."""
    return {
        "CATCHALL_HOME": str(tmp_path_factory.mktemp("celery-home")),
        "CATCHALL_BROKER_URL": REDIS_URL,
        "CATCHALL_JOBS": "",
        "CATCHALL_JOBS_QUEUE": f"catchall-test-{uuid.uuid4().hex}",
        "DATABASE_URL": "",
        "CATCHALL_BATCH_PART": "3",  # a small batch still splits into several parts
    }


@pytest.fixture(scope="module")
def worker(broker_env, tmp_path_factory):
    assert run_cli("jobs", env=broker_env).returncode == 0  # the schema, before the worker
    log = tmp_path_factory.mktemp("worker-log") / "worker.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(CLI), "worker", "--concurrency", "2", "--loglevel", "INFO"],
            env={**os.environ, **broker_env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    yield {"proc": proc, "log": log}
    stop_worker(proc)


def stop_worker(proc: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM), then cold (SIGQUIT: its pool processes go too), then kill."""
    for sig in (signal.SIGTERM, signal.SIGQUIT, signal.SIGKILL):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue


def test_a_worker_takes_jobs_from_redis_and_runs_their_parts(broker_env, worker):
    r = run_cli("jobs", "--check", "--json", "--wait", "90", env=broker_env)
    assert r.returncode == 0, (r.stderr, worker["log"].read_text()[-3000:])
    d = json.loads(r.stdout)
    assert d["state"] == "done" and d["progress"]["done"] == 2
    # the parts ran in the worker's processes, not in the submitting CLI
    assert d["result"]["workers"] and all(
        not w.endswith(f":{os.getpid()}") for w in d["result"]["workers"]
    )
    assert worker["proc"].poll() is None


BATCH = "id,name,country\n" + "".join(
    f"q{i},{name},{cc}\n"
    for i, (name, cc) in enumerate(
        [
            ("Shahid Hemmat Industrial Group", "IR"),
            ("Neckar Umformtechnik GmbH", "DE"),
            ("Shahid Bakeri Industries", "IR"),
            ("Korea Mining Development Trading Corporation", "KP"),
            ("Busan Ceramic Components Ltd", "KR"),
            ("Aerospace Industries Organization", "IR"),
            ("Kavoshgaran Sanat Pars", "IR"),
            ("Tanmia Precision", "SY"),
        ]
        * 2
    )
)


@pytest.mark.parametrize("fmt", [(), ("--json",), ("--csv",)], ids=["text", "json", "csv"])
def test_distributed_batch_prints_what_a_local_run_prints(broker_env, worker, tmp_path, fmt):
    path = tmp_path / "parties.csv"
    path.write_text(BATCH, encoding="utf-8")
    local = run_cli(
        "screen", "--batch", str(path), *fmt, env={**broker_env, "CATCHALL_JOBS": "inline"}
    )
    spread = run_cli("screen", "--batch", str(path), "--distributed", *fmt, env=broker_env)
    assert local.returncode == 0 and spread.returncode == 0, (spread.stderr, local.stderr)
    assert spread.stdout == local.stdout and spread.stdout.count("q15") == 1
    shown = json.loads(run_cli("jobs", "--json", "--limit", "1", env=broker_env).stdout)[0]
    assert shown["kind"] == "screen.batch" and shown["progress"]["total"] == 6  # 16 rows / 3
