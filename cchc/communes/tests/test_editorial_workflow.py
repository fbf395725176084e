"""The portal's editorial line: the broadcaster writes, culture-information agrees or sends back,
the office publishes (now or at a set time). Driven through the admin screens as those officials.
"""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cchc.communes.roles import Role
from cchc.core.text import slugify_vi
from cchc.portal.models import StandardPage


@pytest.fixture
def line(commune_a, make_official):
    return {
        "writer": make_official(commune_a, Role.BROADCASTER),
        "reviewer": make_official(commune_a, Role.CULTURE_INFO),
        "publisher": make_official(commune_a, Role.OFFICE),
    }


def _submit_new_page(client, commune, title, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify_vi(title),
            "summary": "Tóm tắt",
            "body": rich_text("<p>Nội dung bài viết.</p>"),
        }
    )
    data.update(extra, **{"action-submit": "1"})
    add = reverse("wagtailadmin_pages:add", args=["portal", "standardpage", commune.root_page.pk])
    response = client.post(add, data)
    assert response.status_code == 302, [f.errors for f in [response.context["form"]]]
    return StandardPage.objects.get(title=title)


def _act(client, page, action, comment=""):
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def test_a_draft_goes_through_culture_information_then_the_office_which_publishes(client, commune_a, line):
    client.force_login(line["writer"])
    page = _submit_new_page(client, commune_a, "Xã triển khai dịch vụ công trực tuyến")
    assert not page.live
    assert page.current_workflow_task.name.startswith("Văn hóa - Thông tin")

    # The writer cannot approve their own draft; the office cannot skip the board's step.
    _act(client, page, "approve")
    client.force_login(line["publisher"])
    _act(client, page, "approve")
    page.refresh_from_db()
    assert page.current_workflow_task.name.startswith("Văn hóa - Thông tin")

    client.force_login(line["reviewer"])
    assert _act(client, page, "approve", "Đồng ý nội dung").status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name.startswith("Văn phòng")
    _act(client, page, "approve")  # the board does not publish
    page.refresh_from_db()
    assert not page.live

    client.force_login(line["publisher"])
    assert _act(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url, HTTP_HOST="dinh-bien.localhost").status_code == 200

    actions = list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", "user"))
    assert ("wagtail.workflow.start", line["writer"].pk) in actions
    assert ("wagtail.workflow.approve", line["reviewer"].pk) in actions
    assert ("wagtail.publish", line["publisher"].pk) in actions


def test_the_board_sends_a_draft_back_and_its_author_reads_why(client, commune_a, line):
    client.force_login(line["writer"])
    page = _submit_new_page(client, commune_a, "Bài cần sửa")
    client.force_login(line["reviewer"])
    _act(client, page, "reject", "   ")  # a reason is needed: nothing happens without one
    page.refresh_from_db()
    assert page.current_workflow_task.name.startswith("Văn hóa - Thông tin")
    assert _act(client, page, "reject", "Ghi rõ số điện thoại Bộ phận một cửa").status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task is None  # back with its author
    state = TaskState.objects.get(workflow_state__base_content_type__isnull=False, status=TaskState.STATUS_REJECTED)
    assert state.comment == "Ghi rõ số điện thoại Bộ phận một cửa"

    client.force_login(line["writer"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Ghi rõ số điện thoại Bộ phận một cửa" in edit.content.decode()


def test_a_scheduled_publication_appears_when_its_time_comes(client, commune_a, line):
    when = timezone.now() + dt.timedelta(hours=2)
    client.force_login(line["writer"])
    page = _submit_new_page(
        client,
        commune_a,
        "Thông báo lịch tiếp công dân",
        go_live_at=timezone.localtime(when).strftime("%d/%m/%Y %H:%M"),
    )
    client.force_login(line["reviewer"])
    _act(client, page, "approve")
    client.force_login(line["publisher"])
    _act(client, page, "approve")
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet

    later = timezone.now() + dt.timedelta(hours=2, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("run_periodic", "--once", stdout=io.StringIO())  # what `make run` keeps running
    page.refresh_from_db()
    assert page.live


def test_another_communes_leaders_cannot_act_on_this_communes_drafts(client, commune_a, commune_b, line, make_official):
    client.force_login(line["writer"])
    page = _submit_new_page(client, commune_a, "Bài của Định Biên")
    for role in (Role.CULTURE_INFO, Role.OFFICE, Role.CHAIRMAN):
        client.force_login(make_official(commune_b, role, username=f"b-{role}"))
        _act(client, page, "approve")
        page.refresh_from_db()
        assert page.current_workflow_task.name.startswith("Văn hóa - Thông tin")
    assert not Page.objects.get(pk=page.pk).live
