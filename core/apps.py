from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    # The label predates the split of the project package from the core: the custom User is
    # `learningnet.User` (AUTH_USER_MODEL), and its tables and migration history keep that name.
    label = "learningnet"
    verbose_name = _("Læringsnett core")
