"""Demo neighborhoods and clubs in three universities, and one user per role."""

from __future__ import annotations

from accounts.models import RoleAssignment, User
from accounts.permissions import ministry_group_sync
from accounts.roles import Role
from clubs.models import Club, ClubStatus
from regions.models import County, MedicalUniversity, Neighborhood, NeighborhoodKind, SettlementType

# (county code, settlement, neighborhood, kind, population, deprived org)
NEIGHBORHOODS = [
    ("2301", "تهران", "دروازه غار", NeighborhoodKind.URBAN, 21000, "welfare"),
    ("2301", "تهران", "هرندی", NeighborhoodKind.URBAN, 18000, "relief_committee"),
    ("2301", "تهران", "خاک سفید", NeighborhoodKind.INFORMAL, 35000, "executive_hq"),
    ("2310", "اسلامشهر", "قائمیه", NeighborhoodKind.URBAN, 27000, ""),
    ("0916", "مشهد", "گلشهر", NeighborhoodKind.INFORMAL, 90000, "executive_hq"),
    ("0916", "مشهد", "التیمور", NeighborhoodKind.INFORMAL, 60000, "red_crescent"),
    ("0916", "مشهد", "طلاب", NeighborhoodKind.URBAN, 40000, ""),
    ("0707", "شیراز", "سعدی", NeighborhoodKind.URBAN, 30000, ""),
    ("0707", "شیراز", "سجادیه", NeighborhoodKind.INFORMAL, 45000, "relief_committee"),
    ("0707", "شیراز", "دروازه کازرون", NeighborhoodKind.URBAN, 22000, ""),
]
VILLAGES = [
    ("0916", "کنه بیست", "روستای کنه بیست", 3500),
    ("0707", "قلات", "روستای قلات", 4200),
]


def _neighborhoods() -> dict[str, Neighborhood]:
    made = {}
    for county_code, settlement, name, kind, population, org in NEIGHBORHOODS:
        made[name], _ = Neighborhood.objects.get_or_create(
            county=County.objects.get(code=county_code),
            settlement_name=settlement,
            name=name,
            defaults={
                "settlement_type": SettlementType.CITY,
                "kind": kind,
                "population": population,
                "is_deprived": bool(org),
                "deprived_program_org": org,
            },
        )
    for county_code, settlement, name, population in VILLAGES:
        made[name], _ = Neighborhood.objects.get_or_create(
            county=County.objects.get(code=county_code),
            settlement_name=settlement,
            name=name,
            defaults={
                "settlement_type": SettlementType.VILLAGE,
                "kind": NeighborhoodKind.RURAL,
                "population": population,
            },
        )
    return made


def _user(username: str, first: str, last: str, password: str, *, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "is_staff": staff,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _assign(user: User, role: str, **place) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, **place)


def seed(context: dict) -> None:
    password = context["password"]
    neighborhoods = _neighborhoods()
    clubs = {}
    for name, neighborhood in neighborhoods.items():
        clubs[name], _ = Club.objects.get_or_create(
            neighborhood=neighborhood,
            name=f"کانون سلامت محله {name}",
            defaults={"status": ClubStatus.ACTIVE},
        )
    universities = {
        code: MedicalUniversity.objects.get(code=code) for code in ("tums", "mashhad", "shiraz")
    }
    tehran_county = County.objects.get(code="2301")

    admin = _user("admin", "مریم", "احمدی", password, staff=True)
    _assign(admin, Role.MINISTRY_ADMIN)
    admin.groups.add(ministry_group_sync())
    tums = _user("tums_staff", "علی", "رضایی", password)
    _assign(tums, Role.UNIVERSITY_STAFF, university=universities["tums"])
    mums = _user("mums_staff", "زهرا", "حسینی", password)
    _assign(mums, Role.UNIVERSITY_STAFF, university=universities["mashhad"])
    sums = _user("sums_staff", "رضا", "کریمی", password)
    _assign(sums, Role.UNIVERSITY_STAFF, university=universities["shiraz"])
    province = _user("tehran_province", "حسن", "موسوی", password)
    _assign(province, Role.PROVINCE_SECRETARIAT, province=tehran_county.province)
    county = _user("tehran_county", "فاطمه", "نوری", password)
    _assign(county, Role.COUNTY_SECRETARIAT, county=tehran_county)
    facilitator = _user("facilitator", "سارا", "محمدی", password)
    _assign(facilitator, Role.FACILITATOR, club=clubs["دروازه غار"])
    _assign(facilitator, Role.FACILITATOR, club=clubs["هرندی"])
    secretary = _user("secretary", "محمد", "جعفری", password)
    _assign(secretary, Role.CLUB_SECRETARY, club=clubs["دروازه غار"])

    context.update(
        neighborhoods=neighborhoods,
        clubs=clubs,
        universities=universities,
        users=[
            ("admin", Role.MINISTRY_ADMIN.label),
            ("tums_staff", f"{Role.UNIVERSITY_STAFF.label} — {universities['tums']}"),
            ("mums_staff", f"{Role.UNIVERSITY_STAFF.label} — {universities['mashhad']}"),
            ("sums_staff", f"{Role.UNIVERSITY_STAFF.label} — {universities['shiraz']}"),
            ("tehran_province", f"{Role.PROVINCE_SECRETARIAT.label} — تهران"),
            ("tehran_county", f"{Role.COUNTY_SECRETARIAT.label} — تهران"),
            ("facilitator", f"{Role.FACILITATOR.label} — دروازه غار، هرندی"),
            ("secretary", f"{Role.CLUB_SECRETARY.label} — دروازه غار"),
        ],
        demo_users={
            "admin": admin,
            "tums_staff": tums,
            "mums_staff": mums,
            "sums_staff": sums,
            "tehran_province": province,
            "tehran_county": county,
            "facilitator": facilitator,
            "secretary": secretary,
        },
    )
