"""Batch screening as a job: the parties split into parts that workers screen in parallel;
the results are read back in input order (the job page's CSV and JSON lines downloads, the
API, ``catchall screen --batch --distributed``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catchall.core.errors import InputError
from catchall.core.screening import batch_io
from catchall.web.jobs.models import Job
from catchall.web.jobs.services import job, submit


def part_size() -> int:
    """Parties per part (CATCHALL_BATCH_PART, default 500): big enough that a part's overhead
    is small, small enough that every worker gets parts and progress moves."""
    from django.conf import settings

    return max(1, settings.CATCHALL_BATCH_PART)


def submit_batch(
    parties: list[dict[str, Any]],
    lists: list[str] | None,
    *,
    user=None,
    context: str = "batch",
    skipped: list[str] | None = None,
) -> Job:
    """Queue the screening of ``parties`` (checked queries as JSON, batch_io.query_to_dict)."""
    from catchall.web.screening.selectors import screening_lists_for

    # unknown list: InputError; None: every list, the confidential ones included
    used = screening_lists_for(user if user is not None else "cli", lists)
    return submit(
        "screen.batch",
        {
            "parties": parties,
            "lists": lists,
            "context": context,
            "skipped": skipped or [],
            "every_list": used is None,
        },
        user=user,
    )


def may_read_batch(j: Job, user) -> bool:
    """The results name hits on the lists screened: the reader must still be cleared for them
    (a batch over every list, confidential ones included, only for who may receive those)."""
    from catchall.web.accounts.confidentiality import may_receive_confidential
    from catchall.web.screening.selectors import screening_lists_for

    lists = j.params.get("lists")
    if j.params.get("every_list", not lists):  # before every_list was kept: the strict reading
        return may_receive_confidential(user)
    try:
        screening_lists_for(user, lists)
    except InputError:
        return False
    return True


def _collect(parent: Job, children: list[Job]) -> dict[str, Any]:
    counts = {"match": 0, "possible": 0, "clear": 0}
    for c in children:
        for decision, n in c.result["counts"].items():
            counts[decision] = counts.get(decision, 0) + n
    total = sum(counts.values())
    skipped = parent.params.get("skipped") or []
    return {
        "summary": f"{total:,} parties screened: {counts['match']:,} match, "
        f"{counts['possible']:,} possible, {counts['clear']:,} clear"
        + (f"; {len(skipped):,} row{'s' if len(skipped) != 1 else ''} skipped" if skipped else ""),
        "parties": total,
        "counts": counts,
        "skipped": skipped[:1000],
        "hits": _hits(children),
    }


MAX_HITS_SHOWN = 100


def _hits(children: list[Job]) -> list[dict[str, Any]]:
    """The parties that met a listed entry, in input order (the first MAX_HITS_SHOWN), in
    words for the job page: the party, the verdict and the entries it met, with their lists'
    titles and countries (the downloads keep every result with its ids)."""
    from catchall.web.screening.words import DECISIONS, matches_for_people

    found = []
    for c in children:
        for r in c.result.get("results", []):
            if r.get("decision") in ("match", "possible"):
                found.append(r)
        if len(found) >= MAX_HITS_SHOWN:
            break
    found = found[:MAX_HITS_SHOWN]
    # every hit's entries in words at once: the lists' titles and the entries' authorities
    # are read from the database once for the page, not once per party
    shown = [r.get("matches", [])[:3] for r in found]
    in_words = iter(matches_for_people([m for ms in shown for m in ms]))
    keys = ("name", "list_title", "countries", "verdict", "programmes")
    return [
        {
            "row": r.get("id") or "",
            "name": (r.get("query") or {}).get("name", ""),
            "decision": r["decision"],
            "verdict": DECISIONS[r["decision"]],
            "matches": [{k: m[k] for k in keys} for m in (next(in_words) for _ in ms)],
        }
        for r, ms in zip(found, shown, strict=True)
    ]


def batch_results(j: Job) -> Iterator[dict[str, Any]]:
    """The results of a finished batch job, in input order."""
    for part in j.children.order_by("seq").only("result").iterator(chunk_size=10):
        yield from part.result["results"]


def _csv(j: Job):
    return (
        f"screening-{j.pk}.csv",
        "text/csv; charset=utf-8",
        (piece.encode("utf-8") for piece in batch_io.csv_chunks(batch_results(j))),
    )


def _jsonl(j: Job):
    return (
        f"screening-{j.pk}.jsonl",
        "application/x-ndjson; charset=utf-8",
        ((batch_io.json_line(r) + "\n").encode("utf-8") for r in batch_results(j)),
    )


@job(
    "screen.batch",
    title="Screening a batch of parties",
    collect=_collect,
    downloads={"csv": _csv, "jsonl": _jsonl},
    template="screening/job_batch.html",
    allowed=may_read_batch,
)
def screen_batch(
    j, *, parties: list[dict], lists=None, context="batch", skipped=(), every_list=None
):
    size = part_size()
    parts = [parties[i : i + size] for i in range(0, len(parties), size)]
    return j.fan_out(
        "screen.batch_part",
        [{"parties": p, "lists": lists, "context": context} for p in parts],
    )


@job("screen.batch_part", title="Screening a part of a batch")
def screen_batch_part(j, *, parties: list[dict], lists=None, context="batch"):
    from catchall.web.screening.index import result_to_dict
    from catchall.web.screening.services import screen_parties

    queries = [batch_io.query_from_dict(p) for p in parties]
    actor = j.created_by if j.created_by_id else "cli"
    results = [
        result_to_dict(r)
        for r in screen_parties(queries, lists=lists, actor=actor, context=context)
    ]
    counts: dict[str, int] = {}
    for r in results:
        counts[r["decision"]] = counts.get(r["decision"], 0) + 1
    j.progress(len(results), len(results), f"{len(results):,} parties screened")
    return {"results": results, "counts": counts}
