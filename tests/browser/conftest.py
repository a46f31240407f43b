"""Playwright drives Debian's Chromium (/usr/bin/chromium); the browser download of
Playwright itself does not work here. Without Chromium these tests are skipped and
`make test` says so."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: browser tests skipped")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fa-IR", "timezone_id": "Asia/Tehran"}


@pytest.fixture
def phone_context_args():
    return {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, username, password) through the real login page."""

    def _sign_in(page, username, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("نام کاربری یا ایمیل").fill(username)
        page.get_by_label("گذرواژه").fill(password)
        page.get_by_role("button", name="ورود").click()
        page.wait_for_url(f"{live_server.url}/")

    return _sign_in
