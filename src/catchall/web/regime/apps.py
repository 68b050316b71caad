from django.apps import AppConfig


class RegimeConfig(AppConfig):
    name = "catchall.web.regime"
    label = "regime"
    verbose_name = "Regime workbench"
    default_auto_field = "django.db.models.BigAutoField"
