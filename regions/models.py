"""The place tree everything hangs on: province → county → neighborhood, and the
medical-sciences university serving each county."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.scopes import Level, ScopedQuerySet


class ProvinceQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "counties__university",
        Level.PROVINCE: "pk",
        Level.COUNTY: "counties",
        Level.NEIGHBORHOOD: "counties__neighborhoods",
        Level.CLUB: "counties__neighborhoods__clubs",
    }
    scope_multivalued = True


class Province(models.Model):
    code = models.CharField(_("کد آماری"), max_length=2, unique=True)
    name = models.CharField(_("نام"), max_length=100, unique=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("استان")
        verbose_name_plural = _("استان‌ها")

    def __str__(self) -> str:
        return self.name


class UniversityQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "pk",
        Level.PROVINCE: "counties__province",
        Level.COUNTY: "counties",
        Level.NEIGHBORHOOD: "counties__neighborhoods",
        Level.CLUB: "counties__neighborhoods__clubs",
    }
    scope_multivalued = True


class MedicalUniversity(models.Model):
    """دانشگاه (یا دانشکده) علوم پزشکی: its social deputy runs the programme in the
    counties it serves."""

    code = models.SlugField(_("شناسه"), max_length=40, unique=True)
    name = models.CharField(_("نام"), max_length=150, unique=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="universities",
        verbose_name=_("استان محل استقرار"),
    )

    objects = UniversityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("دانشگاه علوم پزشکی")
        verbose_name_plural = _("دانشگاه‌های علوم پزشکی")

    def __str__(self) -> str:
        return self.name


class CountyQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "university",
        Level.PROVINCE: "province",
        Level.COUNTY: "pk",
        Level.NEIGHBORHOOD: "neighborhoods",
        Level.CLUB: "neighborhoods__clubs",
    }
    scope_multivalued = True
    # Adding or editing neighborhoods of a county is the university's work.
    change_roles = frozenset({Role.UNIVERSITY_STAFF})


class County(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="counties", verbose_name=_("استان")
    )
    code = models.CharField(_("کد آماری"), max_length=4, unique=True)
    name = models.CharField(_("نام"), max_length=100)
    university = models.ForeignKey(
        MedicalUniversity,
        on_delete=models.PROTECT,
        related_name="counties",
        verbose_name=_("دانشگاه علوم پزشکی"),
    )

    objects = CountyQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("شهرستان")
        verbose_name_plural = _("شهرستان‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="county_unique_name_in_province"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SettlementType(models.TextChoices):
    CITY = "city", _("شهر")
    VILLAGE = "village", _("روستا")


class NeighborhoodKind(models.TextChoices):
    URBAN = "urban", _("محله شهری")
    RURAL = "rural", _("روستایی")
    INFORMAL = "informal", _("حاشیه شهر / سکونتگاه غیررسمی")


class DeprivedProgramOrg(models.TextChoices):
    """Organizations responsible for the deprived-neighborhoods programme."""

    EXECUTIVE_HQ = "executive_hq", _("ستاد اجرایی فرمان امام")
    RELIEF_COMMITTEE = "relief_committee", _("کمیته امداد")
    RED_CRESCENT = "red_crescent", _("هلال احمر")
    WELFARE = "welfare", _("سازمان بهزیستی")


class NeighborhoodQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "county__university",
        Level.PROVINCE: "county__province",
        Level.COUNTY: "county",
        Level.NEIGHBORHOOD: "pk",
        Level.CLUB: "clubs",
    }
    scope_multivalued = True
    change_roles = frozenset({Role.UNIVERSITY_STAFF})


class Neighborhood(models.Model):
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="neighborhoods", verbose_name=_("شهرستان")
    )
    settlement_type = models.CharField(
        _("نوع سکونتگاه"),
        max_length=10,
        choices=SettlementType.choices,
        default=SettlementType.CITY,
    )
    settlement_name = models.CharField(_("نام شهر یا روستا"), max_length=100)
    name = models.CharField(_("نام محله"), max_length=150)
    kind = models.CharField(
        _("نوع محله"),
        max_length=10,
        choices=NeighborhoodKind.choices,
        default=NeighborhoodKind.URBAN,
    )
    population = models.PositiveIntegerField(_("جمعیت"), null=True, blank=True)
    is_deprived = models.BooleanField(_("محله کم‌برخوردار"), default=False)
    deprived_program_org = models.CharField(
        _("سازمان مسئول محله کم‌برخوردار"),
        max_length=20,
        choices=DeprivedProgramOrg.choices,
        blank=True,
    )
    insured_share = models.DecimalField(
        _("درصد جمعیت بیمه‌شده"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    objects = NeighborhoodQuerySet.as_manager()

    class Meta:
        ordering = ["county__name", "settlement_name", "name"]
        verbose_name = _("محله")
        verbose_name_plural = _("محله‌ها")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "settlement_name", "name"],
                name="neighborhood_unique_in_settlement",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(is_deprived=True) & ~models.Q(deprived_program_org="")
                    | models.Q(is_deprived=False, deprived_program_org="")
                ),
                name="neighborhood_deprived_has_org",
                violation_error_message=_(
                    "محله کم‌برخوردار باید سازمان مسئول داشته باشد و محله دیگر نه."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(insured_share__isnull=True)
                | models.Q(insured_share__gte=0, insured_share__lte=100),
                name="neighborhood_insured_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.settlement_name})"
