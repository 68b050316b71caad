from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "catchall.web.screening"
    label = "screening"
