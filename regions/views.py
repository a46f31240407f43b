from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.roles import Role
from regions.forms import NeighborhoodFilterForm, NeighborhoodForm
from regions.models import County, MedicalUniversity, Neighborhood

PAGE_SIZE = 50


@login_required
def neighborhood_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = NeighborhoodFilterForm(request.GET or None, user=user)
    neighborhoods = filters.filter(
        Neighborhood.objects.for_user(user).select_related("county__province", "county__university")
    ).annotate(club_count=Count("clubs"))
    page = Paginator(
        neighborhoods.order_by("county__name", "settlement_name", "name"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "regions/neighborhood_list.html",
        {
            "page": page,
            "filters": filters,
            "can_add": County.objects.for_user(user, "change").exists(),
        },
    )


@login_required
def neighborhood_create(request: HttpRequest) -> HttpResponse:
    if not County.objects.for_user(request.user, "change").exists():
        raise PermissionDenied
    form = NeighborhoodForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        neighborhood = form.save()
        messages.success(request, _("محله «%(name)s» ثبت شد.") % {"name": neighborhood.name})
        return redirect("regions:neighborhood_list")
    return render(request, "regions/neighborhood_form.html", {"form": form})


@login_required
def neighborhood_edit(request: HttpRequest, pk: int) -> HttpResponse:
    neighborhood = get_object_or_404(Neighborhood.objects.for_user(request.user, "change"), pk=pk)
    form = NeighborhoodForm(request.POST or None, instance=neighborhood, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("تغییرات محله ذخیره شد."))
        return redirect("regions:neighborhood_list")
    return render(
        request, "regions/neighborhood_form.html", {"form": form, "neighborhood": neighborhood}
    )


@login_required
def university_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.MINISTRY_ADMIN):
        raise PermissionDenied
    universities = (
        MedicalUniversity.objects.for_user(request.user)
        .select_related("province")
        .annotate(county_count=Count("counties", distinct=True))
        .order_by("province__name", "name")
    )
    return render(request, "regions/university_list.html", {"universities": universities})
