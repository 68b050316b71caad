"""The regime's jobs: its PDFs (regime/pdfs.py) are made by the jobs framework's
``pdf.render``; importing them here registers them in every process that runs jobs."""

from catchall.web.regime import pdfs  # noqa: F401
