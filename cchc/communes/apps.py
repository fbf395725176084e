from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "cchc.communes"
    label = "communes"
    verbose_name = "Xã, thôn, đơn vị"

    def ready(self):
        from . import checks, guards, signals  # noqa: F401
        from .scoping import register_scoped_form_fields

        register_scoped_form_fields()
