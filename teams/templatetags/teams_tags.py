from __future__ import annotations

from django import template

from teams.forms import supervision_offer_summary

register = template.Library()


@register.filter
def teams_supervision_summary(offer) -> str:
    """ "2 × 2 h offered, 1 used" for an offer from `supervision_offer_list`."""
    return supervision_offer_summary(offer)
