import socket

from celery import shared_task
from django.utils import timezone


@shared_task(name="core.health_ping")
def health_ping() -> dict:
    """Proves a worker is alive and talking to the broker: returns who ran it and when."""
    return {"status": "ok", "worker_host": socket.gethostname(), "at": timezone.now().isoformat()}
