from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cchc.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
