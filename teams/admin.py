from django.contrib import admin

from teams.models import (
    MeetingTask,
    SupervisionOffer,
    SupervisionSession,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamOrganisation,
)


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


class SupervisionSessionInline(admin.TabularInline):
    model = SupervisionSession
    extra = 0


@admin.register(SupervisionOffer)
class SupervisionOfferAdmin(admin.ModelAdmin):
    list_display = ["team", "sessions_offered", "hours_per_session", "created_at"]
    list_filter = ["team__network"]
    search_fields = ["team__name"]
    list_select_related = ["team"]
    raw_id_fields = ["team", "offered_by"]
    inlines = [SupervisionSessionInline]


class MeetingTaskInline(admin.TabularInline):
    model = MeetingTask
    raw_id_fields = ["responsible"]
    extra = 0


@admin.register(TeamMeeting)
class TeamMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "held_on"]
    list_filter = ["team__network"]
    search_fields = ["title", "team__name"]
    list_select_related = ["team"]
    raw_id_fields = ["team", "created_by"]
    date_hierarchy = "held_on"
    inlines = [MeetingTaskInline]
