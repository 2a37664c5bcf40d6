from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "innohub.servicedesk"
    label = "servicedesk"
    verbose_name = _("Services and support programmes")
