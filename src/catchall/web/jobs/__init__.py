"""Background jobs (list imports, re-screening, batch screening, PDFs) with stored state and
progress; the API for colleagues is described at the top of :mod:`.services`."""
