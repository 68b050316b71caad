from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "catchall.web.tokens"
    label = "tokens"
    verbose_name = "API tokens"
