"""Paper forms in: upload a spreadsheet of scores → preview with every row error → confirm.

Nothing is written before the confirm. The rows read at the preview are kept in the session and
checked again at the confirm (the team's records may have changed in between)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin
from core.imports import ImportFileError
from teams import permissions as perm
from toolkit.imports import COLUMNS, toolkit_import


class ToolkitImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8, comma or semicolon) or Excel (.xlsx), at most 2 MB."),
    )


# The toolkit's worked example: B-07 scores four areas 1, 4, 1 and 2 at the 1st conversation
# (average 8 / 4 = 2,0), and 5, 6, 4 and 5 at the 2nd (5,0): opplevd nytte 3,0.
EXAMPLE = [
    ("B-07", 1, "15.01.2024", "Bolig", 1),
    ("B-07", 1, "15.01.2024", "Økonomi", 4),
    ("B-07", 1, "15.01.2024", "Arbeid", 1),
    ("B-07", 1, "15.01.2024", "Venner og nettverk", 2),
    ("B-07", 2, "15.04.2024", "Bolig", 5),
    ("B-07", 2, "15.04.2024", "Økonomi", 6),
    ("B-07", 2, "15.04.2024", "Arbeid", 4),
    ("B-07", 2, "15.04.2024", "Venner og nettverk", 5),
]


class ToolkitImportView(PrivateNoStoreMixin, perm.TeamPermissionMixin, TemplateView):
    template_name = "toolkit/import.html"
    team_permission = perm.TEAM_WORK

    def session_key(self) -> str:
        return f"toolkit-import:{self.team.pk}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", ToolkitImportForm())
        ctx.update(columns=COLUMNS, example=EXAMPLE, example_header=";".join(COLUMNS))
        return ctx

    def render(self, status=200, **ctx):
        return self.render_to_response(self.get_context_data(**ctx), status=status)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        form = ToolkitImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(status=400, form=form)
        try:
            result = toolkit_import(
                team=self.team, rows_or_file=form.cleaned_data["file"], by=request.user, dry_run=True
            )
        except ImportFileError as exc:
            return self.render(status=400, form=form, file_errors=exc.messages)
        if result.ok:
            request.session[self.session_key()] = result.source_rows
        else:
            request.session.pop(self.session_key(), None)
        return self.render(status=200 if result.ok else 400, result=result)

    def confirm(self, request):
        rows = request.session.get(self.session_key())
        if not rows:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect(request.path)
        result = toolkit_import(team=self.team, rows_or_file=rows, by=request.user)
        if not result.written:
            return self.render(status=400, result=result)
        del request.session[self.session_key()]
        messages.success(
            request,
            _(
                "Import done. New people: %(people_new)s, people updated: %(people_updated)s, "
                "conversations: %(conversations)s, scores: %(scores)s."
            )
            % result.counts,
        )
        return redirect("toolkit:team", slug=self.network.slug, pk=self.team.pk)


toolkit_import_view = ToolkitImportView.as_view()
