from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from networks.models import (
    Gathering,
    Network,
    NetworkRole,
    Organisation,
    PeriodExtension,
    Phase,
    Region,
    RegionMembership,
)
from networks.resources import OrganisationResource


@admin.register(Organisation)
class OrganisationAdmin(ImportExportModelAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "kind", "municipality_number", "county", "parent"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "municipality_number", "org_number"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


class RegionMembershipInline(admin.TabularInline):
    model = RegionMembership
    autocomplete_fields = ["municipality"]
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [RegionMembershipInline]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = PeriodExtension
    extra = 0


class GatheringInline(admin.TabularInline):
    model = Gathering
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", "starts_on", "ends_on", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["owner", "parent"]
    autocomplete_fields = ["owner", "partners", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhaseInline, ExtensionInline, GatheringInline]


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "starts_on", "ends_on"]
    list_filter = ["role", "network"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "network"]
    autocomplete_fields = ["user", "network", "organisation"]


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "number", "starts_on", "ends_on", "mode"]
    list_filter = ["mode", "network"]
    list_select_related = ["network"]
