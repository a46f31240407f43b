"""A small read-only JSON API of clubs and meetings (session authentication),
scoped by `for_user` like every page. Dates are Jalali ("1403-01-15") both ways:
in the output, and in the `from` / `to` filters.

GET /api/clubs/                 ?county=<id>&status=<status>
GET /api/clubs/<id>/
GET /api/meetings/              ?club=<id>&from=1403-01-01&to=1403-01-31
GET /api/meetings/<id>/
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import include, path
from rest_framework import serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter

from clubs.models import Club, Meeting
from core.api import JalaliDateField


class ClubSerializer(serializers.ModelSerializer):
    neighborhood = serializers.CharField(source="neighborhood.name")
    county = serializers.CharField(source="neighborhood.county.name")
    county_id = serializers.IntegerField(source="neighborhood.county_id")
    status_label = serializers.CharField(source="get_status_display")
    founded_on = JalaliDateField(allow_null=True)
    opened_on = JalaliDateField(allow_null=True)
    last_meeting_on = JalaliDateField(allow_null=True)
    member_count = serializers.IntegerField()

    class Meta:
        model = Club
        fields = [
            "id",
            "name",
            "neighborhood",
            "county",
            "county_id",
            "status",
            "status_label",
            "location",
            "founded_on",
            "opened_on",
            "last_meeting_on",
            "member_count",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    club_name = serializers.CharField(source="club.name")
    kind_label = serializers.CharField(source="get_kind_display")
    held_on = JalaliDateField()
    group = serializers.SerializerMethodField()
    attendance_total = serializers.IntegerField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "club",
            "club_name",
            "kind",
            "kind_label",
            "group",
            "held_on",
            "starts_at",
            "place",
            "members_female",
            "members_male",
            "guests_female",
            "guests_male",
            "attendance_total",
            "decisions",
        ]

    def get_group(self, meeting: Meeting) -> str | None:
        return str(meeting.group) if meeting.group_id else None


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ScopedReadOnly(viewsets.ReadOnlyModelViewSet):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination

    def _int_param(self, name: str) -> int | None:
        value = self.request.query_params.get(name)
        if value in (None, ""):
            return None
        try:
            return int(value)
        except ValueError as exc:
            raise ValidationError({name: "عدد بفرستید."}) from exc

    def _date_param(self, name: str):
        value = self.request.query_params.get(name)
        if value in (None, ""):
            return None
        try:
            return JalaliDateField().to_internal_value(value)
        except serializers.ValidationError as exc:
            raise ValidationError({name: exc.detail}) from exc


class ClubViewSet(ScopedReadOnly):
    serializer_class = ClubSerializer

    def get_queryset(self):
        clubs = (
            Club.objects.for_user(self.request.user)
            .select_related("neighborhood__county")
            .annotate(
                member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True))
            )
            .order_by("pk")
        )
        county = self._int_param("county")
        if county is not None:
            clubs = clubs.filter(neighborhood__county_id=county)
        status = self.request.query_params.get("status")
        if status:
            clubs = clubs.filter(status=status)
        return clubs


class MeetingViewSet(ScopedReadOnly):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        meetings = (
            Meeting.objects.for_user(self.request.user)
            .select_related("club", "group__topic")
            .order_by("-held_on", "-pk")
        )
        club = self._int_param("club")
        if club is not None:
            meetings = meetings.filter(club_id=club)
        start, end = self._date_param("from"), self._date_param("to")
        if start is not None:
            meetings = meetings.filter(held_on__gte=start)
        if end is not None:
            meetings = meetings.filter(held_on__lte=end)
        return meetings


router = DefaultRouter()
router.include_root_view = False
router.register("clubs", ClubViewSet, basename="club")
router.register("meetings", MeetingViewSet, basename="meeting")

app_name = "clubs_api"
urlpatterns = [path("", include(router.urls))]
