from django.contrib import admin

from networks.models import Invitation, Network, NetworkRole, PeriodExtension, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = PeriodExtension
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", "starts_on", "ends_on", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["owner", "parent"]
    autocomplete_fields = ["owner", "partners", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhaseInline, ExtensionInline]


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "starts_on", "ends_on"]
    list_filter = ["role", "network"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "network"]
    autocomplete_fields = ["user", "network", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["user", "network", "invited_by"]
    raw_id_fields = ["user", "invited_by", "network"]
    exclude = ["token_hash"]
