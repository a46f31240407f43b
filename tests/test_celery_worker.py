"""A real Celery worker runs a task over the real Redis broker.

Needs REDIS_URL (`.ci/run` sets it). Where Redis is not configured the test is
skipped with a plain message — unless REQUIRE_SERVICES is set, as in CI, where a
missing broker is a failure.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from config.celery_app import app
from core.tasks import health_ping

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but REDIS_URL is not")
        pytest.skip("REDIS_URL is not set: the real-worker test needs Redis")
    return url


@pytest.mark.services
def test_a_real_worker_runs_the_health_task(redis_url):
    queue = f"health-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config.celery_app",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert app.conf.broker_url.startswith("redis://"), "settings read REDIS_URL as the broker"
    previous = app.conf.task_always_eager
    try:
        app.conf.task_always_eager = False
        result = health_ping.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while not result.ready():
            assert worker.poll() is None, worker.stdout.read().decode()
            assert time.monotonic() < deadline, "the worker did not run the task within 60 s"
            time.sleep(0.2)
        payload = result.get(timeout=5)
        assert payload["status"] == "ok"
        assert payload["worker_host"]
    finally:
        app.conf.task_always_eager = previous
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
