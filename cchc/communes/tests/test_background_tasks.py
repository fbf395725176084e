from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult


def test_the_task_worker_runs_what_an_admin_edit_enqueues_without_failures(
    client, commune_a, office_a, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes stale connections between tasks; here the connection is the test's own
    # transaction, which must stay open (on PostgreSQL closing it ends the test).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    client.force_login(office_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("thon-xom:add"), {"kind": "xom", "name": "Nà Mòn", "sort_order": 1})
        assert response.status_code == 302
        page = commune_a.root_page.specific
        page.title = "Trang chủ mới"
        page.save_revision().publish()
    assert DBTaskResult.objects.exists(), "publishing a page enqueues Wagtail's index tasks"
    call_command("db_worker", "--batch", "--queue-name", "default")
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").exists()
