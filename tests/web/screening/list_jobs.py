"""The lists page's two steps, as an officer takes them: upload (a review job reads the file
and shows its report), then "Replace the list" (a job replaces it)."""

from __future__ import annotations

import re

from catchall.web.jobs.models import Job


def upload_and_replace(client, form: dict):
    """Returns (the review job's page, the replacement job) ; the replacement is None when
    the review failed."""
    r = client.post("/lists/", form)
    assert r.status_code == 302, r.content[:500]
    review_page = client.get(r.url)
    review = Job.objects.get(pk=int(re.search(r"/jobs/(\d+)/", r.url).group(1)))
    if review.state != "done":
        return review_page, None
    done = client.post(f"/lists/{review.params['name']}/replace/", {"review": review.pk})
    assert done.status_code == 302, done.content[:500]
    return review_page, Job.objects.get(pk=int(re.search(r"/jobs/(\d+)/", done.url).group(1)))
