from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "catchall.web.cases"
    label = "cases"

    def ready(self) -> None:
        from catchall.web.cases.rescreen import register

        register()
