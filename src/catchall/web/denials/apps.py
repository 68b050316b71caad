from django.apps import AppConfig


class DenialsConfig(AppConfig):
    name = "catchall.web.denials"
    label = "denials"
    verbose_name = "Denial notifications"

    def ready(self) -> None:
        """Every assessment runs the no-undercut check (registered once)."""
        from catchall.web.assessment.services import DENIAL_CHECKS
        from catchall.web.denials.checks import no_undercut_check

        if no_undercut_check not in DENIAL_CHECKS:
            DENIAL_CHECKS.append(no_undercut_check)
