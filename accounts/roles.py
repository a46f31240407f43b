"""The roles of the portal and the level of the place tree each one is held over."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scopes import Level


class Role(models.TextChoices):
    MINISTRY_ADMIN = "ministry_admin", _("کارشناس ستاد وزارت (اداره کل اجتماعی سلامت)")
    UNIVERSITY_STAFF = "university_staff", _("کارشناس معاونت اجتماعی دانشگاه")
    PROVINCE_SECRETARIAT = "province_secretariat", _("دبیرخانه مجمع سلامت استان")
    COUNTY_SECRETARIAT = "county_secretariat", _("دبیرخانه مجمع سلامت شهرستان")
    FACILITATOR = "facilitator", _("تسهیلگر محلی")
    CLUB_SECRETARY = "club_secretary", _("دبیر کانون")


# Which level of the place tree each role's assignment names.
ROLE_LEVELS: dict[str, tuple[Level, ...]] = {
    Role.MINISTRY_ADMIN: (),
    Role.UNIVERSITY_STAFF: (Level.UNIVERSITY,),
    Role.PROVINCE_SECRETARIAT: (Level.PROVINCE,),
    Role.COUNTY_SECRETARIAT: (Level.COUNTY,),
    Role.FACILITATOR: (Level.NEIGHBORHOOD, Level.CLUB),
    Role.CLUB_SECRETARY: (Level.CLUB,),
}

# Roles that change club data (ministry admins and forum secretariats read it).
EDITOR_ROLES = frozenset({Role.UNIVERSITY_STAFF, Role.FACILITATOR, Role.CLUB_SECRETARY})

# When a user holds several roles, the home page opens on the broadest.
ROLE_PRECEDENCE = [
    Role.MINISTRY_ADMIN,
    Role.UNIVERSITY_STAFF,
    Role.PROVINCE_SECRETARIAT,
    Role.COUNTY_SECRETARIAT,
    Role.FACILITATOR,
    Role.CLUB_SECRETARY,
]
