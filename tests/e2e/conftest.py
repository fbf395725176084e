"""Browser journeys: Playwright for Python driving Debian's Chromium (Playwright's own download
is not reachable here). Outside CI, a machine without Chromium skips them with a reason; with
CI=true a missing browser is a failure, never a skip."""

from __future__ import annotations

import os
import shutil

import pytest

from cchc.communes.testing import restore_wagtail_roots

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + ORM in the same thread

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError("CI=true but no Chromium was found: the browser journeys must run in CI.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium); browser journeys skipped")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def demo(live_server):
    """The demo communes, with the default site answering on the live server's port."""
    from cchc.demo.loading import load_demo

    restore_wagtail_roots()
    return load_demo(port=int(live_server.url.rsplit(":", 1)[1])).communes
