from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scopes import Level, ScopedQuerySet


class ClubStatus(models.TextChoices):
    FORMING = "forming", _("در حال تشکیل")
    ACTIVE = "active", _("فعال")
    DORMANT = "dormant", _("غیرفعال")
    CLOSED = "closed", _("منحل")


class ClubQuerySet(ScopedQuerySet):
    scope_paths = {
        Level.UNIVERSITY: "neighborhood__county__university",
        Level.PROVINCE: "neighborhood__county__province",
        Level.COUNTY: "neighborhood__county",
        Level.NEIGHBORHOOD: "neighborhood",
        Level.CLUB: "pk",
    }


class Club(models.Model):
    """کانون سلامت محله: the community-based organization of one neighborhood."""

    name = models.CharField(_("نام کانون"), max_length=200)
    neighborhood = models.ForeignKey(
        "regions.Neighborhood",
        on_delete=models.PROTECT,
        related_name="clubs",
        verbose_name=_("محله"),
    )
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=ClubStatus.choices, default=ClubStatus.FORMING
    )
    address = models.CharField(_("نشانی"), max_length=300, blank=True)
    founded_on = models.DateField(_("تاریخ تشکیل"), null=True, blank=True)
    opened_on = models.DateField(_("تاریخ افتتاحیه"), null=True, blank=True)
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    objects = ClubQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("کانون سلامت محله")
        verbose_name_plural = _("کانون‌های سلامت محله")

    def __str__(self) -> str:
        return self.name
