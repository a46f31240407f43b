from django.contrib import admin

from regions.models import County, MedicalUniversity, Neighborhood, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(MedicalUniversity)
class MedicalUniversityAdmin(admin.ModelAdmin):
    list_display = ("name", "province", "code")
    list_filter = ("province",)
    search_fields = ("name", "code")
    list_select_related = ("province",)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "province", "university")
    list_filter = ("province", "university")
    list_editable = ("university",)
    search_fields = ("name", "code")
    list_select_related = ("province", "university")


@admin.register(Neighborhood)
class NeighborhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "settlement_name", "county", "kind", "is_deprived", "population")
    list_filter = ("kind", "is_deprived", "deprived_program_org", "county__province")
    search_fields = ("name", "settlement_name", "county__name")
    autocomplete_fields = ["county"]
    list_select_related = ("county",)
