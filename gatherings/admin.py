from django.contrib import admin

from gatherings.models import Gathering
from networks import admin as networks_admin
from networks.models import Network


class GatheringInline(admin.TabularInline):
    model = Gathering
    extra = 0


# The network's page in the back office lists its gatherings too.
admin.site.unregister(Network)


@admin.register(Network)
class NetworkAdmin(networks_admin.NetworkAdmin):
    inlines = [*networks_admin.NetworkAdmin.inlines, GatheringInline]


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "number", "starts_on", "ends_on", "mode"]
    list_filter = ["mode", "network"]
    list_select_related = ["network"]
