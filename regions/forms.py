from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm
from regions.models import County, Neighborhood, NeighborhoodKind


class NeighborhoodForm(PortalModelForm):
    class Meta:
        model = Neighborhood
        fields = [
            "county",
            "settlement_type",
            "settlement_name",
            "name",
            "kind",
            "population",
            "is_deprived",
            "deprived_program_org",
            "insured_share",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = (
            County.objects.for_user(user, "change").select_related("province").order_by("name")
        )
        self.fields["county"].label_from_instance = lambda county: (
            f"{county.name} ({county.province.name})"
        )
        self.fields["population"].widget.attrs["inputmode"] = "numeric"
        self.fields["insured_share"].widget.attrs["inputmode"] = "decimal"


class NeighborhoodFilterForm(PortalForm):
    q = forms.CharField(label=_("جستجو"), required=False)
    county = forms.ModelChoiceField(
        label=_("شهرستان"), queryset=County.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("نوع محله"), choices=[("", _("همه")), *NeighborhoodKind.choices], required=False
    )
    deprived = forms.BooleanField(label=_("فقط محلات کم‌برخوردار"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.for_user(user).order_by("name")

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(
                Q(name__icontains=data["q"]) | Q(settlement_name__icontains=data["q"])
            )
        if data["county"]:
            queryset = queryset.filter(county=data["county"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["deprived"]:
            queryset = queryset.filter(is_deprived=True)
        return queryset
