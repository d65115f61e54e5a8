from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.models import AuditLogEntry, Organisation, OutboxMessage, Region, RegionMembership, User
from core.resources import OrganisationResource


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "phone", "organisation", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "user", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "user__email"]
    list_select_related = ["user", "content_type"]
    readonly_fields = ["created_at", "action", "user", "content_type", "object_id", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: what waits for the broker, and why (the sweeper publishes it, not a person)."""

    list_display = ["created_at", "task", "status", "publish_attempts", "last_error", "done_at"]
    list_filter = ["status", "task"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
