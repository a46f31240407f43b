"""The Celery application: settings under CELERY_* in Django settings, tasks found in
every installed app's `tasks.py`."""

import os

from celery import Celery
from celery.signals import task_prerun, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("health_clubs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
@task_prerun.connect
def _persian_calendar_locale(**_kwargs) -> None:
    # jdatetime keeps its locale per thread: set it in every worker thread/process.
    from core.jalali import activate_persian_locale

    activate_persian_locale()
