"""The jobs framework's own job: ``jobs.check`` asks the workers to answer (``catchall jobs
--check``): it splits into parts, each says which worker ran it, so a deployment can see its
workers take work from the broker and finish it."""

from __future__ import annotations

from catchall.core.errors import InputError
from catchall.web.jobs.services import job


def _collect(parent, children) -> dict:
    """Which processes (host:pid) and threads ran the parts."""
    return {
        "workers": sorted({c.worker.rsplit(":", 1)[0] for c in children if c.worker}),
        "threads": sorted({c.worker.rsplit(":", 1)[1] for c in children if c.worker}),
    }


@job("jobs.check", title="Checking the workers", collect=_collect)
def check(j, *, parts: int = 2):
    if not isinstance(parts, int) or not 1 <= parts <= 100:
        raise InputError("give between 1 and 100 parts", "parts")
    return j.fan_out("jobs.check_part", [{"n": i} for i in range(parts)])


@job("jobs.check_part", title="Checking a worker")
def check_part(j, *, n: int):
    j.progress(1, 1, f"part {n + 1} answered")
    return {"n": n, "worker": j.worker}
