"""The kiosk at the one-stop desk: the same form, large, under a secret address; after each form the
receipt for a few seconds, then an empty form for the next respondent, with no JavaScript."""

from __future__ import annotations

import html
import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command

from cchc.audit.models import CommuneLogEntry
from cchc.communes.scoping import commune_scope
from cchc.surveys.actions import EditCampaign
from cchc.surveys.management.commands.survey_kiosk import issue_kiosk_token
from cchc.surveys.models import CampaignStatus, Channel, Response
from cchc.surveys.public_views import RECEIPT_SALT

KEY = re.compile(r'name="key" value="([^"]+)"')
REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+);url=([^"]+)">')


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def host(commune) -> dict:
    return {"HTTP_HOST": commune.site.hostname}


@pytest.fixture
def campaign(commune_a, make_campaign):
    campaign = make_campaign(commune_a)
    issue_kiosk_token(campaign)
    return campaign


def kiosk_url(campaign) -> str:
    return f"/khao-sat/quay/{campaign.kiosk_token}/"


def load(client, campaign) -> tuple[str, str]:
    page = client.get(kiosk_url(campaign), **host(campaign.commune))
    assert page.status_code == 200
    text = page.content.decode()
    return text, html.unescape(KEY.search(text).group(1))


def stored(campaign):
    with commune_scope(campaign.commune):
        return list(Response.objects.filter(campaign=campaign))


def test_the_kiosk_form_goes_back_to_a_fresh_form_a_minute_after_the_last_touch(client, campaign, settings):
    page, _key = load(client, campaign)
    assert "}, 60 * 1000);" in page  # the script's idle timer, restarted by every touch
    seconds, url = REFRESH.search(page).groups()  # a tablet without scripts: a fixed reload instead
    assert (int(seconds), html.unescape(url)) == (300, kiosk_url(campaign))
    assert page.index("<noscript><meta") < page.index(REFRESH.search(page).group(0))
    settings.SURVEY_KIOSK_IDLE_SECONDS = 90
    page, _key = load(client, campaign)
    assert "}, 90 * 1000);" in page
    assert page.count('type="radio"') == 22 * 5
    assert 'class="kiosk"' in page
    assert 'href="/thu-tuc-hanh-chinh/"' not in page  # no way off the form to the rest of the portal


def test_a_kiosk_form_is_stored_as_kiosk_then_the_receipt_returns_to_an_empty_form_in_five_seconds(client, campaign):
    _page, key = load(client, campaign)
    sent = client.post(kiosk_url(campaign), {"key": key, "q-4.1": "5"}, **host(campaign.commune))
    assert sent.status_code == 302
    receipt = client.get(sent["Location"], **host(campaign.commune)).content.decode()
    (response,) = stored(campaign)
    assert response.channel == Channel.KIOSK
    assert f"Mã phiếu: {response.receipt_code}" in receipt
    seconds, url = REFRESH.search(receipt).groups()
    assert (int(seconds), html.unescape(url)) == (5, kiosk_url(campaign))
    _page, next_key = load(client, campaign)
    assert next_key != key  # the next respondent never sends the previous form again


def test_a_double_tap_at_the_kiosk_shows_the_same_receipt_and_stores_one_form(client, campaign):
    _page, key = load(client, campaign)
    first = client.post(kiosk_url(campaign), {"key": key, "q-1.1": "4"}, **host(campaign.commune))
    second = client.post(kiosk_url(campaign), {"key": key, "q-1.1": "4"}, **host(campaign.commune))
    # The same receipt: its ticket is signed with the time, so two taps a second apart read differently.
    tickets = [r["Location"].rstrip("/").rsplit("/", 1)[1] for r in (first, second)]
    assert len({signing.loads(t, salt=RECEIPT_SALT) for t in tickets}) == 1
    assert len(stored(campaign)) == 1


def test_the_kiosk_is_not_held_to_the_per_address_limit(client, campaign, settings):
    settings.SURVEY_FORMS_PER_HOUR_PER_IP = 2
    for _number in range(5):
        _page, key = load(client, campaign)
        assert client.post(kiosk_url(campaign), {"key": key, "q-1.1": "4"}, **host(campaign.commune)).status_code == 302
    assert len(stored(campaign)) == 5


def test_a_leaked_kiosk_address_is_still_limited_under_its_token(client, campaign, settings):
    settings.SURVEY_FORMS_PER_HOUR_PER_KIOSK = 2
    codes = []
    for _number in range(3):
        _page, key = load(client, campaign)
        codes.append(client.post(kiosk_url(campaign), {"key": key, "q-1.1": "4"}, **host(campaign.commune)).status_code)
    assert codes == [302, 302, 429]


def test_a_web_key_cannot_be_sent_to_the_kiosk(client, campaign):
    page = client.get(f"/khao-sat/{campaign.pk}/", **host(campaign.commune)).content.decode()
    web_key = html.unescape(KEY.search(page).group(1))
    assert client.post(kiosk_url(campaign), {"key": web_key, "q-1.1": "4"}, **host(campaign.commune)).status_code == 400
    assert stored(campaign) == []


def test_a_wrong_token_or_another_communes_token_is_not_found(client, campaign, commune_b, make_campaign):
    assert client.get("/khao-sat/quay/khong-dung-ma-may-nay-dau/", **host(campaign.commune)).status_code == 404
    theirs = make_campaign(commune_b, title="Khảo sát Phú Đình")
    issue_kiosk_token(theirs)
    assert client.get(kiosk_url(theirs), **host(campaign.commune)).status_code == 404
    assert client.get(kiosk_url(theirs), **host(commune_b)).status_code == 200


def test_a_renewed_token_retires_the_old_address_with_an_audit_record(client, campaign):
    old = kiosk_url(campaign)
    issue_kiosk_token(campaign, renew=True)
    assert client.get(old, **host(campaign.commune)).status_code == 404
    assert client.get(kiosk_url(campaign), **host(campaign.commune)).status_code == 200
    with commune_scope(campaign.commune):
        assert CommuneLogEntry.objects.filter(object_id=str(campaign.pk), action="wagtail.edit").count() == 2


def test_the_command_prints_the_kiosk_address_and_keeps_the_token(campaign, capsys):
    call_command("survey_kiosk", commune=campaign.commune.slug, campaign=campaign.title)
    printed = capsys.readouterr().out.strip()
    assert printed == f"http://dinh-bien.localhost{kiosk_url(campaign)}"


def test_a_closed_campaign_at_the_kiosk_says_so_and_keeps_refreshing(client, campaign):
    campaign.status = CampaignStatus.CLOSED
    EditCampaign(campaign).execute()
    page = client.get(kiosk_url(campaign), **host(campaign.commune)).content.decode()
    assert "Đợt khảo sát đã kết thúc" in page
    assert REFRESH.search(page)
