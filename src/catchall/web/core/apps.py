from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "catchall.web.core"
    label = "catchall_core"
    verbose_name = "catchall core"
