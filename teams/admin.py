from django.contrib import admin

from teams.models import Team, TeamMembership, TeamOrganisation


class TeamOrganisationInline(admin.TabularInline):
    model = TeamOrganisation
    autocomplete_fields = ["organisation"]
    extra = 0


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    autocomplete_fields = ["user", "organisation"]
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "status"]
    list_filter = ["status", "network"]
    search_fields = ["name"]
    list_select_related = ["network"]
    filter_horizontal = ["regions"]
    inlines = [TeamOrganisationInline, TeamMembershipInline]
