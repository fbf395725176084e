from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "cchc.communes"
    label = "communes"
    verbose_name = _("Xã, thôn, đơn vị")

    def ready(self):
        from . import checks, guards, signals  # noqa: F401
        from .scoping import register_scoped_form_fields

        register_scoped_form_fields()
