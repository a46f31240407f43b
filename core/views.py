from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import Role
from clubs.rollout.selectors import home_rollout
from core.selectors import home_stats

CLUB_HOME_ROLES = (Role.FACILITATOR, Role.CLUB_SECRETARY)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.primary_role
    assignments = user.cached_role_assignments()
    return render(
        request,
        "core/home.html",
        {
            "role": role,
            "role_label": Role(role).label if role else "",
            "assignments": assignments,
            "stats": home_stats(user) if role else [],
            # Facilitators and club secretaries: their clubs and what is due.
            "club_home": _club_home(user) if role in CLUB_HOME_ROLES else None,
            "rollout_home": home_rollout(user) if role else {},
        },
    )


def _club_home(user):
    from clubs.selectors import club_home

    return club_home(user)
