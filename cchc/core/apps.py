from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        from . import page_cache  # noqa: F401  (connects what makes cached pages stale, in every process)
