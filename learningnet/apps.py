from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The project on top: URL root, home page, network pages that combine the apps, demo loader."""

    name = "learningnet"
    label = "site"
    verbose_name = _("Læringsnett")
