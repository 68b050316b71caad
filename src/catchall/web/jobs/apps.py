from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "catchall.web.jobs"
    label = "jobs"

    def ready(self) -> None:
        # Every app's ``jobs`` module registers its job functions (``@job``) on import, so a
        # Celery worker and the web process know the same kinds.
        from django.utils.module_loading import autodiscover_modules

        from catchall.web.jobs import builtin, pdfs, prune  # noqa: F401

        autodiscover_modules("jobs")
