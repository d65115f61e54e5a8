from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    # The label predates the split of the project package from the core: the custom User is
    # `learningnet.User` (AUTH_USER_MODEL), and its tables and migration history keep that name.
    label = "learningnet"
    verbose_name = _("Læringsnett core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from core.sessions import stamp_at_login
        from core.text import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="core.norwegian_collation")
        user_logged_in.connect(stamp_at_login, dispatch_uid="core.session_stamp_at_login")
