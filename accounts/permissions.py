"""The Django-admin group of ministry admins: reference data and user accounts."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

MINISTRY_GROUP_NAME = "ستاد وزارت"

# app_label.model → actions ministry admins may take in the Django admin.
# Apps add their reference data here (thematic-topic catalogue, checklist template…).
MINISTRY_ADMIN_MODELS: dict[str, tuple[str, ...]] = {
    "regions.province": ("view", "change"),
    "regions.county": ("view", "change"),
    "regions.medicaluniversity": ("view", "add", "change"),
    "regions.neighborhood": ("view", "add", "change"),
    "accounts.user": ("view", "add", "change"),
    "accounts.roleassignment": ("view", "add", "change", "delete"),
    "clubs.club": ("view",),
    # The thematic-group catalogue and the partner NGOs / charities.
    "clubs.thematictopic": ("view", "add", "change"),
    "clubs.partner": ("view", "add", "change"),
    "surveys.questionnaire": ("view", "change"),
    "surveys.indicator": ("view", "change"),
    "forums.forum": ("view",),
    "forums.forumsession": ("view",),
    "forums.issue": ("view",),
    "forums.policy": ("view",),
    # The rollout template (versions are edited as drafts, then published) and the
    # universities' action plan; club rollouts: view and move to a new version.
    "rollout.templateversion": ("view", "add", "change"),
    "rollout.phase": ("view", "add", "change", "delete"),
    "rollout.strategy": ("view", "add", "change", "delete"),
    "rollout.activity": ("view", "add", "change", "delete"),
    "rollout.clubrollout": ("view", "change"),
    "rollout.planarea": ("view", "add", "change"),
    "rollout.planitem": ("view", "add", "change"),
}


def ministry_group_after_migrate(app_config, **_kwargs) -> None:
    """post_migrate runs once per app: sync once, after the last app's permissions exist."""
    if app_config is list(apps.get_app_configs())[-1]:
        ministry_group_sync()


def ministry_group_sync() -> Group:
    """Create or refresh the group (idempotent)."""
    group, _ = Group.objects.get_or_create(name=MINISTRY_GROUP_NAME)
    wanted = []
    for label, actions in MINISTRY_ADMIN_MODELS.items():
        app_label, model = label.split(".")
        try:
            content_type = ContentType.objects.get(app_label=app_label, model=model)
        except ContentType.DoesNotExist:
            continue  # the model's migration has not run yet
        wanted += list(
            Permission.objects.filter(
                content_type=content_type, codename__in=[f"{action}_{model}" for action in actions]
            )
        )
    group.permissions.set(wanted)
    return group
