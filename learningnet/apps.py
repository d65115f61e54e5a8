from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningnetConfig(AppConfig):
    name = "learningnet"
    verbose_name = _("Læringsnett core")
