from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "catchall.web.accounts"
    label = "accounts"
