from accounts.roles import Role
from core.navigation import nav_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = user.primary_role
    return {
        "nav_items": nav_for(user, request.path),
        "primary_role_label": Role(role).label if role else "",
    }
