"""The officials' radio script screens: the «Truyền thanh» menu, the form, the audio page, private audio
files, one click from a published article, and another commune's official kept out of all of them.

Stand-ins (see ``test_scripts_actions.radio_fakes``): ``normalize.to_spoken``, the worker's task, the
recording reader and ``rendering.audio_is_current`` while their modules are being written.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.broadcasts.models import AudioStatus, Script, SpeechTerm
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.portal.tests.news_helpers import publish_article

from .test_scripts_actions import install_fakes, wav_bytes


@pytest.fixture
def radio_fakes(monkeypatch):
    return install_fakes(monkeypatch)


def stored(commune, pk):
    with commune_scope(commune):
        return Script.objects.get(pk=pk)


def sidebar(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


RADIO_MENU = [
    ("Bài phát thanh", "bai-phat-thanh:index"),
    ("Lịch phát", "lich-phat:index"),
    ("Phát khẩn cấp", "phat-khan-cap:index"),
    ("Cụm loa", "cum-loa:index"),
    ("Chương trình", "chuong-trinh-phat-thanh:index"),
    ("Ý kiến thính giả", "y-kien-thinh-gia:index"),
    ("Từ điển đọc", "tu-dien-doc:index"),
    ("Phủ sóng loa các xóm", "cchc_broadcasts_coverage"),
]


def radio_submenu(client) -> list[tuple[str, str]]:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    found = []

    def walk(node):  # Wagtail's sidebar props: {"_type": "...SubMenuItem", "_args": [{label...}, [children]]}
        if isinstance(node, dict):
            args = node.get("_args") or []
            if str(node.get("_type", "")).endswith("SubMenuItem") and args[0].get("label") == "Truyền thanh":
                found.extend((item["_args"][0]["label"], item["_args"][0]["url"]) for item in args[1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props))
    return found


def test_the_radio_is_one_menu_with_every_screen_in_working_order(client, broadcaster_a, radio_fakes):
    client.force_login(broadcaster_a)
    assert radio_submenu(client) == [(label, reverse(name)) for label, name in RADIO_MENU]
    for label, name in RADIO_MENU:
        assert client.get(reverse(name)).status_code == 200, label


def test_the_overseer_sees_the_radio_to_read_it_but_no_emergency_button(client, commune_a, make_official):
    from cchc.communes.roles import Role

    client.force_login(make_official(commune_a, Role.OVERSEER))
    labels = [label for label, _url in radio_submenu(client)]
    assert "Phủ sóng loa các xóm" in labels
    assert "Phát khẩn cấp" not in labels


def test_a_broadcaster_writes_a_script_and_sees_its_spoken_text(client, commune_a, broadcaster_a, radio_fakes):
    client.force_login(broadcaster_a)
    form = client.get(reverse("bai-phat-thanh:add")).content.decode()
    assert "Tạo lại lời đọc từ nội dung" in form
    response = client.post(
        reverse("bai-phat-thanh:add"),
        {"title": "Lịch tiếp dân", "body": "Chủ tịch xã tiếp dân Thứ Năm", "spoken_text": "", "engine": "espeak"},
    )
    with commune_scope(commune_a):
        script = Script.objects.get()
    assert response["Location"] == reverse("cchc_broadcasts_script", args=[script.pk])
    assert script.spoken_text == "chủ tịch xã tiếp dân thứ năm"
    edit = client.get(reverse("bai-phat-thanh:edit", args=[script.pk])).content.decode()
    assert "chủ tịch xã tiếp dân thứ năm" in edit
    assert reverse("cchc_broadcasts_script", args=[script.pk]) in edit


def test_the_respeak_button_reads_the_body_without_saving(client, broadcaster_a, radio_fakes):
    client.force_login(broadcaster_a)
    response = client.post(reverse("cchc_broadcasts_respeak"), {"body": "Họp  THÔN"})
    assert response.json() == {"spoken": "họp thôn"}


def test_only_the_radio_roles_reach_the_script_screens(client, commune_a, make_official, radio_fakes):
    client.force_login(make_official(commune_a, Role.JUSTICE))
    assert client.get(reverse("bai-phat-thanh:add")).status_code in (302, 403)
    response = client.post(reverse("cchc_broadcasts_respeak"), {"body": "Tin"})
    assert response.status_code == 403
    assert "Phát thanh - Truyền thông" in response.json()["error"]


def test_commune_bs_official_cannot_reach_commune_as_script_by_any_url(
    client, commune_a, commune_b, make_official, make_script, radio_fakes
):
    script = make_script(commune_a, title="Bài của xã Định Biên")
    with commune_scope(commune_a):
        script.audio.save("a.mp3", ContentFile(b"ID3"), save=False)
        script.recording.save("b.wav", ContentFile(wav_bytes()), save=True)
    article = publish_article(commune_a, "Tin của xã Định Biên")
    client.force_login(make_official(commune_b, Role.BROADCASTER))
    assert "Bài của xã Định Biên" not in client.get(reverse("bai-phat-thanh:index")).content.decode()
    gets = [
        reverse("bai-phat-thanh:edit", args=[script.pk]),
        reverse("bai-phat-thanh:delete", args=[script.pk]),
        reverse("cchc_broadcasts_script", args=[script.pk]),
        reverse("cchc_broadcasts_file", args=[script.pk, "am-thanh"]),
        reverse("cchc_broadcasts_file", args=[script.pk, "ghi-am"]),
        reverse("cchc_broadcasts_recording_remove", args=[script.pk]),
        reverse("cchc_broadcasts_from_page", args=[article.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("bai-phat-thanh:edit", args=[script.pk]),
        reverse("cchc_broadcasts_render", args=[script.pk]),
        reverse("cchc_broadcasts_recording", args=[script.pk]),
        reverse("cchc_broadcasts_recording_remove", args=[script.pk]),
        reverse("cchc_broadcasts_from_page", args=[article.pk]),
    ]
    for url in posts:
        assert client.post(url, {"title": "x", "body": "x"}).status_code == 404, url
    script = stored(commune_a, script.pk)
    assert script.title == "Bài của xã Định Biên"
    assert script.audio_status == AudioStatus.NONE
    assert script.recording


def test_asking_for_audio_shows_progress_and_the_page_refreshes_itself(
    client, commune_a, broadcaster_a, make_script, radio_fakes, django_capture_on_commit_callbacks
):
    script = make_script(commune_a, spoken_text="ủy ban nhân dân xã thông báo")
    client.force_login(broadcaster_a)
    page = client.get(reverse("cchc_broadcasts_script", args=[script.pk])).content.decode()
    assert "Tạo âm thanh" in page
    assert 'http-equiv="refresh"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cchc_broadcasts_render", args=[script.pk]))
    assert response.status_code == 302
    assert radio_fakes.enqueued == [{"commune_id": commune_a.pk, "script_id": script.pk}]
    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo âm thanh…" in page
    assert '<meta http-equiv="refresh" content="5">' in page


def test_the_rendered_audio_plays_from_private_storage_for_the_communes_officials(
    client, commune_a, make_official, make_script, radio_fakes
):
    script = make_script(commune_a, audio_status=AudioStatus.READY, audio_duration=3.0)
    with commune_scope(commune_a):
        script.audio.save("bai.mp3", ContentFile(b"ID3-audio"), save=True)
    client.force_login(make_official(commune_a, Role.OVERSEER))
    page = client.get(reverse("cchc_broadcasts_script", args=[script.pk])).content.decode()
    url = reverse("cchc_broadcasts_file", args=[script.pk, "am-thanh"])
    assert f'<audio controls preload="none" src="{url}">' in page
    assert "Tạo âm thanh" not in page  # the overseer listens, does not ask
    response = client.get(url)
    assert response["Content-Type"] == "audio/mpeg"
    assert b"".join(response.streaming_content) == b"ID3-audio"
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_a_recording_is_uploaded_played_and_removed_after_confirmation(
    client, commune_a, broadcaster_a, make_script, radio_fakes
):
    script = make_script(commune_a)
    client.force_login(broadcaster_a)
    upload = SimpleUploadedFile("giong-doc.wav", wav_bytes(1.5), content_type="audio/wav")
    response = client.post(reverse("cchc_broadcasts_recording", args=[script.pk]), {"ban_ghi_am": upload})
    page = client.get(response["Location"]).content.decode()
    assert "Đã lưu bản ghi âm" in page
    url = reverse("cchc_broadcasts_file", args=[script.pk, "ghi-am"])
    assert f'src="{url}"' in page
    assert client.get(url)["Content-Type"] == "audio/wav"
    assert stored(commune_a, script.pk).recording_duration == pytest.approx(1.5)

    bad = SimpleUploadedFile("giong-doc.wav", b"not audio", content_type="audio/wav")
    response = client.post(reverse("cchc_broadcasts_recording", args=[script.pk]), {"ban_ghi_am": bad})
    assert "Không đọc được tệp ghi âm." in client.get(response["Location"]).content.decode()

    remove = reverse("cchc_broadcasts_recording_remove", args=[script.pk])
    assert "Có, xóa bản ghi âm" in client.get(remove).content.decode()
    assert stored(commune_a, script.pk).recording  # asking is not removing
    client.post(remove)
    assert not stored(commune_a, script.pk).recording


def test_a_published_article_offers_a_script_in_one_click(client, commune_a, office_a, radio_fakes):
    article = publish_article(commune_a, "Một cửa liên thông", summary="Xã mở bộ phận một cửa.")
    draft = publish_article(commune_a, "Bản nháp", publish=False)
    client.force_login(office_a)
    button = reverse("cchc_broadcasts_from_page", args=[article.pk])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Tạo bài phát thanh" in editor
    assert f'data-w-action-url-value="{button}"' in editor
    assert (
        reverse("cchc_broadcasts_from_page", args=[draft.pk])
        not in client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    )

    response = client.post(button)
    with commune_scope(commune_a):
        script = Script.objects.get()
    assert response["Location"] == reverse("bai-phat-thanh:edit", args=[script.pk])
    assert script.source_page_id == article.pk
    edit = client.get(response["Location"]).content.decode()
    assert "xã mở bộ phận một cửa." in edit


def test_a_broadcaster_makes_a_script_from_a_colleagues_article_from_the_radio_screens(
    client, commune_a, commune_b, broadcaster_a, radio_fakes, django_assert_num_queries
):
    # The broadcaster may not open a colleague's article in the page editor; the radio lists it instead.
    theirs = publish_article(commune_a, "Lịch tiếp công dân tháng 12", summary="UBND xã tiếp dân thứ 5 hằng tuần.")
    publish_article(commune_a, "Bản nháp chưa đăng", publish=False)
    publish_article(commune_b, "Tin của xã Phú Đình")
    client.force_login(broadcaster_a)
    index = client.get(reverse("bai-phat-thanh:index")).content.decode()
    chooser = reverse("cchc_broadcasts_sources")
    assert "Tạo từ tin bài" in index
    assert chooser in index
    page = client.get(chooser).content.decode()
    assert "Lịch tiếp công dân tháng 12" in page
    assert "Bản nháp chưa đăng" not in page
    assert "Tin của xã Phú Đình" not in page

    response = client.post(reverse("cchc_broadcasts_from_page", args=[theirs.pk]))
    with commune_scope(commune_a):
        script = Script.objects.get()
    assert response["Location"] == reverse("bai-phat-thanh:edit", args=[script.pk])
    assert "tiếp dân" in script.spoken_text
    # Once made, the article leads to its script rather than making another.
    again = client.get(chooser).content.decode()
    assert reverse("bai-phat-thanh:edit", args=[script.pk]) in again
    assert reverse("cchc_broadcasts_from_page", args=[theirs.pk]) not in again

    # The listing costs the same with three more articles.
    with CaptureQueriesContext(connection) as few:
        client.get(chooser)
    for n in range(3):
        publish_article(commune_a, f"Tin thêm {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(chooser)


def test_the_article_list_is_for_script_writers_only(client, commune_a, make_official, radio_fakes):
    publish_article(commune_a, "Tin đã đăng")
    client.force_login(make_official(commune_a, Role.FINANCE))
    response = client.get(reverse("cchc_broadcasts_sources"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain  # the admin's refusal: back home with the reason
    assert "không có quyền" in page
    assert "Tin đã đăng" not in page


def test_roles_outside_the_radio_see_no_script_button(client, commune_a, make_official, broadcaster_a, radio_fakes):
    article = publish_article(commune_a, "Một cửa liên thông")
    client.force_login(broadcaster_a)
    explorer = client.get(reverse("wagtailadmin_explore", args=[article.pk])).content.decode()
    assert reverse("cchc_broadcasts_from_page", args=[article.pk]) in explorer
    client.force_login(make_official(commune_a, Role.JUSTICE))
    editor = client.get(reverse("wagtailadmin_explore", args=[article.pk]))
    assert editor.status_code == 200
    assert reverse("cchc_broadcasts_from_page", args=[article.pk]) not in editor.content.decode()


def test_the_script_list_costs_the_same_queries_for_two_or_eight_scripts(
    client, commune_a, broadcaster_a, make_script, radio_fakes, django_assert_max_num_queries
):
    article = publish_article(commune_a, "Tin nguồn")
    for n in range(2):
        make_script(commune_a, title=f"Bài {n}", source_page=article)
    client.force_login(broadcaster_a)
    url = reverse("bai-phat-thanh:index")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(2, 8):
        make_script(commune_a, title=f"Bài {n}", source_page=article)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Tin nguồn") >= 8
    found = client.get(url, {"q": "Bài 3"}).content.decode()
    assert "Bài 3" in found
    assert "Bài 4" not in found


def test_the_reading_dictionary_is_the_communes_own_and_read_into_new_scripts(
    client, commune_a, commune_b, broadcaster_a, make_official, radio_fakes
):
    client.force_login(broadcaster_a)
    response = client.post(reverse("tu-dien-doc:add"), {"written": "HTX", "spoken": "hợp tác xã"})
    assert response.status_code == 302
    again = client.post(reverse("tu-dien-doc:add"), {"written": "HTX", "spoken": "hợp tác"})
    assert "Từ điển của xã đã có cách đọc cho từ này." in again.content.decode()
    client.post(reverse("bai-phat-thanh:add"), {"title": "Tin", "body": "HTX họp", "engine": "espeak"})
    with commune_scope(commune_a):
        term = SpeechTerm.objects.get()
        assert Script.objects.get().spoken_text == "hợp tác xã họp"

    client.force_login(make_official(commune_b, Role.BROADCASTER))
    assert "hợp tác xã" not in client.get(reverse("tu-dien-doc:index")).content.decode()
    assert client.get(reverse("tu-dien-doc:edit", args=[term.pk])).status_code == 404
    assert client.post(reverse("tu-dien-doc:delete", args=[term.pk])).status_code == 404

    client.force_login(make_official(commune_a, Role.JUSTICE))
    assert client.post(reverse("tu-dien-doc:delete", args=[term.pk])).status_code in (302, 403)
    with commune_scope(commune_a):
        assert SpeechTerm.objects.filter(pk=term.pk).exists()


def test_deleting_a_script_removes_its_audio_files(
    client, commune_a, broadcaster_a, make_script, radio_fakes, django_capture_on_commit_callbacks
):
    script = make_script(commune_a)
    with commune_scope(commune_a):
        script.recording.save("ghi-am.wav", ContentFile(wav_bytes()), save=True)
    path = script.recording.path
    client.force_login(broadcaster_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bai-phat-thanh:delete", args=[script.pk]))
    with commune_scope(commune_a):
        assert not Script.objects.filter(pk=script.pk).exists()
    assert not os.path.exists(path)


def test_a_failed_audio_says_why_and_offers_to_try_again(client, commune_a, broadcaster_a, make_script, radio_fakes):
    script = make_script(commune_a, audio_status=AudioStatus.FAILED, audio_error="Chưa cài giọng đọc Piper.")
    client.force_login(broadcaster_a)
    page = client.get(reverse("cchc_broadcasts_script", args=[script.pk])).content.decode()
    assert "Chưa cài giọng đọc Piper." in page
    assert "Tạo âm thanh</button>" in page
    assert 'http-equiv="refresh"' not in page
