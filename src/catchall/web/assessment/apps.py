from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "catchall.web.assessment"
    label = "assessment"
