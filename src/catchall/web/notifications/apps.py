from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "catchall.web.notifications"
    label = "notifications"
    verbose_name = "E-mail notifications"
