from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "catchall.web.audit"
    label = "audit"
