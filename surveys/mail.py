"""The e-mails to a survey's panel: a personal link each, in the person's own language. A member
who has answered in the meantime gets no reminder."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from surveys.models import PanelMember
from surveys.services import panel_token


def panel_mail_send(*, member_ids: list[int], base_url: str, reminder: bool) -> int:
    members = PanelMember.objects.filter(pk__in=member_ids, approved=True, user__is_active=True).select_related(
        "survey", "user"
    )
    messages = []
    for member in members:
        if reminder and member.answered:
            continue
        link = base_url.rstrip("/") + reverse("answer:personal", kwargs={"token": panel_token(member)})
        context = {"member": member, "survey": member.survey, "link": link, "reminder": reminder}
        with translation.override(member.user.preferred_language or settings.LANGUAGE_CODE):
            subject = " ".join(render_to_string("surveys/email/panel_subject.txt", context).split())
            body = render_to_string("surveys/email/panel.txt", context)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [member.user.email]))
    send_mass_mail(messages)
    return len(messages)
