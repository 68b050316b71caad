"""List importers: the official UN, EU, UK and OFAC lists, FollowTheMoney JSON lines, the US
Consolidated Screening List and a simple CSV.

Pure functions from a file (or text stream) to an :class:`ImportReport`; they never touch the
database. Storing a report's entities, atomically and with an audit event, is the web layer's job.
"""

from .csl import read_csl
from .diff import EntityDiff, diff_entities
from .dispatch import FORMAT_LABELS, FORMATS, Format, detect_format, read_list
from .ftm import read_ftm
from .report import ImportReport, RowWarning
from .simple_csv import read_simple_csv

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "EntityDiff",
    "Format",
    "ImportReport",
    "RowWarning",
    "detect_format",
    "diff_entities",
    "read_csl",
    "read_ftm",
    "read_list",
    "read_simple_csv",
]
