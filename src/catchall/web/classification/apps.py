from django.apps import AppConfig


class ClassificationConfig(AppConfig):
    name = "catchall.web.classification"
    label = "classification"
