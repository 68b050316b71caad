"""``catchall notifications``: send the daily deadline reminders now (for cron)."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _db, app, emit, parse_date

notifications_app = typer.Typer(help="E-mail notifications.", no_args_is_help=True)
app.add_typer(notifications_app, name="notifications")


@notifications_app.command("remind")
def remind(
    on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD; today if omitted")] = None,
) -> None:
    """Send each person their digest of deadlines due within a week or overdue (once a day:
    running it again the same day sends nothing new)."""
    day = parse_date(on, "--date")
    _db()
    from catchall.web.notifications.services import send_reminders

    emit(send_reminders(day))
