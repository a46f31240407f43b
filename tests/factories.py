"""factory_boy factories for the portal's models; each app's tests add theirs here."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import RoleAssignment, User
from clubs.models import Club, ClubStatus
from regions.models import County, MedicalUniversity, Neighborhood, NeighborhoodKind, Province


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name = factory.Sequence(lambda n: f"استان {n}")


class UniversityFactory(DjangoModelFactory):
    class Meta:
        model = MedicalUniversity

    code = factory.Sequence(lambda n: f"univ-{n}")
    name = factory.Sequence(lambda n: f"دانشگاه علوم پزشکی {n}")
    province = factory.SubFactory(ProvinceFactory)


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"{n + 1000:04d}")
    name = factory.Sequence(lambda n: f"شهرستان {n}")
    university = factory.SubFactory(UniversityFactory, province=factory.SelfAttribute("..province"))


class NeighborhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighborhood

    county = factory.SubFactory(CountyFactory)
    settlement_name = factory.LazyAttribute(lambda o: o.county.name)
    name = factory.Sequence(lambda n: f"محله {n}")
    kind = NeighborhoodKind.URBAN
    population = 10000


class ClubFactory(DjangoModelFactory):
    class Meta:
        model = Club

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    name = factory.LazyAttribute(lambda o: f"کانون سلامت {o.neighborhood.name}")
    status = ClubStatus.ACTIVE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"آزمون {n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
