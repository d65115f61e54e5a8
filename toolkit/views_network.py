"""The toolkit seen from above: figures per team for those who read across the network (never a
person's code or row), and the team's own wording of the collaboration checklist."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin
from teams import permissions as perm
from toolkit.models import ChecklistItem, ChecklistTemplate
from toolkit.selectors import MIN_RESPONDENTS, network_toolkit_figures
from toolkit.services import checklist_template_for, checklist_template_update


class NetworkToolkitView(PrivateNoStoreMixin, perm.NetworkPermissionMixin, TemplateView):
    """For the project group and those who read across the network: figures per team only."""

    template_name = "toolkit/network.html"
    permission = perm.TEAMS_VIEW_ALL

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            teams=network_toolkit_figures(teams=self.network.teams.all()),
            min_respondents=MIN_RESPONDENTS,
        )
        return ctx


network_toolkit_view = NetworkToolkitView.as_view()


# --- The team's checklist ---------------------------------------------------------------------------
class ChecklistTemplateForm(forms.Form):
    """One text field per item the team writes; the items carrying an average are not fields."""

    def __init__(self, *args, items: list[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            if item.source != ChecklistItem.Source.TEAM:
                continue
            self.fields[f"item_{item.number}"] = forms.CharField(
                label=_("Item %(number)s") % {"number": item.number},
                max_length=ChecklistItem._meta.get_field("text").max_length,
                initial=item.text,
                error_messages={"required": gettext_lazy("Write the item, or keep the text it has.")},
            )

    def texts(self) -> dict[int, str]:
        return {int(name.removeprefix("item_")): value for name, value in self.cleaned_data.items()}


class ChecklistTemplateView(PrivateNoStoreMixin, perm.TeamPermissionMixin, TemplateView):
    """The team's checklist: items 1 and 9 follow the conversations; the team words the others.
    Saving makes a new version, so checklists filled in before keep the wording they had."""

    template_name = "toolkit/checklist_template.html"
    team_permission = perm.TEAM_WORK

    def get_template(self) -> ChecklistTemplate:
        return checklist_template_for(team=self.team)

    def render_form(self, template: ChecklistTemplate, items: list[ChecklistItem], form, status=200):
        rows = [(item, form[name] if (name := f"item_{item.number}") in form.fields else None) for item in items]
        return self.render_to_response(
            self.get_context_data(checklist_template=template, rows=rows, form=form), status=status
        )

    def get(self, request, *args, **kwargs):
        template = self.get_template()
        items = list(template.items.all())
        return self.render_form(template, items, ChecklistTemplateForm(items=items))

    def post(self, request, *args, **kwargs):
        template = self.get_template()
        items = list(template.items.all())
        form = ChecklistTemplateForm(request.POST, items=items)
        if not form.is_valid():
            return self.render_form(template, items, form, status=400)
        try:
            saved = checklist_template_update(team=self.team, texts=form.texts(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(template, items, form, status=400)
        if saved.pk == template.pk:
            messages.info(request, _("Nothing was changed, so the checklist keeps its version."))
        else:
            messages.success(
                request,
                _("The checklist is saved as version %(version)s. Checklists filled in before keep their wording.")
                % {"version": saved.version},
            )
        return redirect("toolkit:checklist-template", slug=self.network.slug, pk=self.team.pk)


checklist_template_view = ChecklistTemplateView.as_view()
