"""Recording responses: once per key, validated in Vietnamese, contact only with consent, one audit record."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.core.codes import CODE_ALPHABET
from cchc.surveys import responses as responses_module
from cchc.surveys.models import Answer, CampaignStatus, Channel, Response
from cchc.surveys.responses import record_response


def stored(commune):
    with commune_scope(commune):
        return Response.objects.count(), Answer.objects.count()


def test_the_same_form_sent_twice_is_stored_once_and_the_second_call_gets_the_first(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    first = answer(campaign, {"1.1": 5, "2.3": "4", "3.2": 3.0, "4.1": ""}, key="phone-abc", channel=Channel.WEB)
    again = answer(campaign, {"1.1": 5, "2.3": "4", "3.2": 3.0, "4.1": ""}, key="phone-abc", channel=Channel.WEB)
    assert first.already_recorded is False
    assert again.already_recorded is True
    assert again.pk == first.pk
    assert again.receipt_code == first.receipt_code
    assert stored(commune_a) == (1, 3)  # the blank 4.1 is no answer
    with commune_scope(commune_a):
        assert dict(Answer.objects.values_list("criterion__code", "value")) == {"1.1": 5, "2.3": 4, "3.2": 3}
        records = CommuneLogEntry.objects.filter(content_type__model="response")
        assert records.count() == 1


def test_a_lost_race_on_the_key_returns_the_response_the_other_call_stored(
    commune_a, make_campaign, answer, monkeypatch
):
    campaign = make_campaign(commune_a)
    winner = answer(campaign, {"1.1": 4}, key="kiosk-7")
    # The other call looked for the key before the winner had stored it: it finds nothing, inserts,
    # and meets the unique constraint.
    real = responses_module.existing
    calls = []

    def late(commune, campaign, key):
        calls.append(key)
        return None if len(calls) == 1 else real(commune, campaign, key)

    monkeypatch.setattr(responses_module, "existing", late)
    loser = answer(campaign, {"1.1": 4}, key="kiosk-7")
    assert loser.pk == winner.pk
    assert loser.already_recorded is True
    assert len(calls) == 2  # looked once before inserting, once after the constraint refused it
    assert stored(commune_a) == (1, 1)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="two connections writing at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_threads_sending_the_same_form_store_it_once(commune_a, make_campaign, answer):  # pragma: no cover
    campaign = make_campaign(commune_a)
    results = []

    def send():
        results.append(answer(campaign, {"1.1": 5}, key="same"))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({r.pk for r in results}) == 1
    assert stored(commune_a) == (1, 1)


@pytest.mark.parametrize(
    ("answers", "code", "message"),
    [
        ({"1.1": 6}, "1.1", "giá trị “6” không hợp lệ: chỉ nhận số từ 1 đến 5 hoặc để trống"),
        ({"1.1": 0}, "1.1", "giá trị “0” không hợp lệ"),
        ({"2.2": "tốt"}, "2.2", "giá trị “tốt” không hợp lệ"),
        ({"3.1": 4.5}, "3.1", "giá trị “4.5” không hợp lệ"),
        ({"3.1": "inf"}, "3.1", "giá trị “inf” không hợp lệ"),
        ({"3.1": True}, "3.1", "giá trị “True” không hợp lệ"),
        ({"1.1": 5, "9.9": 5}, "9.9", "mã câu hỏi “9.9” không có trong phiếu của đợt khảo sát"),
        ({"R.1": 5}, "R.1", "mã câu hỏi “R.1” không có trong phiếu"),
    ],
)
def test_a_wrong_answer_is_refused_in_vietnamese_and_nothing_is_stored(
    commune_a, make_campaign, answer, answers, code, message
):
    campaign = make_campaign(commune_a)
    with pytest.raises(ValidationError) as refused:
        answer(campaign, answers)
    assert message in " ".join(refused.value.message_dict[code])
    assert stored(commune_a) == (0, 0)


def test_a_closed_campaign_takes_no_new_forms_but_a_retry_still_gets_its_receipt(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    sent = answer(campaign, {"1.1": 5}, key="retry-me")
    campaign.status = CampaignStatus.CLOSED
    with commune_scope(commune_a):
        campaign.save()
    with pytest.raises(ValidationError) as refused:
        answer(campaign, {"1.1": 5})
    assert "không còn nhận phiếu" in " ".join(refused.value.messages)
    retry = answer(campaign, {"1.1": 5}, key="retry-me")
    assert (retry.pk, retry.receipt_code, retry.already_recorded) == (sent.pk, sent.receipt_code, True)
    assert stored(commune_a) == (1, 1)


def test_the_public_form_is_refused_after_the_period_but_a_paper_form_can_still_be_typed_in(
    commune_a, make_campaign, answer
):
    import datetime as dt

    campaign = make_campaign(commune_a, period_start=dt.date(2020, 1, 1), period_end=dt.date(2020, 3, 31))
    with pytest.raises(ValidationError) as refused:
        answer(campaign, {"1.1": 5}, channel=Channel.WEB)
    assert "chưa mở hoặc đã hết hạn" in " ".join(refused.value.messages)
    answer(campaign, {"1.1": 5}, channel=Channel.PAPER)
    assert stored(commune_a) == (1, 1)


def test_contact_details_are_kept_only_with_consent_and_the_consent_is_timed(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    without = answer(campaign, {"1.1": 4}, contact_name="Lò Văn Páo", contact_phone="0912345678")
    with_consent = answer(campaign, {"1.1": 4}, contact_name="Hà Thị Mai", contact_phone="0987654321", consent=True)
    with commune_scope(commune_a):
        without.refresh_from_db()
        with_consent.refresh_from_db()
    assert (without.contact_name, without.contact_phone, without.contact_consent_at) == ("", "", None)
    assert (with_consent.contact_name, with_consent.contact_phone) == ("Hà Thị Mai", "0987654321")
    assert with_consent.contact_consent_at is not None
    with commune_scope(commune_a), pytest.raises(IntegrityError):
        Response.objects.filter(pk=without.pk).update(contact_phone="0912345678")


def test_each_response_gets_a_short_readable_receipt_code_of_its_own(commune_a, make_campaign, answer):
    campaign = make_campaign(commune_a)
    codes = {answer(campaign, {"1.1": 5}).receipt_code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 9
        assert code[4] == "-"
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)


def test_an_official_typing_paper_forms_is_recorded_and_an_overseer_may_not(
    commune_a, make_campaign, answer, make_official
):
    campaign = make_campaign(commune_a)
    clerk = make_official(commune_a, Role.JUSTICE)
    overseer = make_official(commune_a, Role.OVERSEER)
    response = answer(campaign, {"1.1": 5}, user=clerk)
    with commune_scope(commune_a):
        record = CommuneLogEntry.objects.get(content_type__model="response", object_id=str(response.pk))
    assert record.user == clerk
    with pytest.raises(PermissionDenied):
        answer(campaign, {"1.1": 5}, user=overseer)
    assert stored(commune_a) == (1, 1)


def test_a_response_for_commune_a_cannot_land_in_commune_bs_campaign(commune_a, commune_b, make_campaign):
    theirs = make_campaign(commune_b, title="Khảo sát của Phú Đình")
    with pytest.raises(PermissionDenied) as refused:
        record_response(
            commune=commune_a, campaign=theirs, answers={"1.1": 5}, channel=Channel.WEB, idempotency_key="x"
        )
    assert "thuộc xã khác" in str(refused.value)
    assert stored(commune_a) == (0, 0)
    assert stored(commune_b) == (0, 0)


def test_the_same_key_in_two_communes_is_two_responses(commune_a, commune_b, make_campaign, answer):
    a = make_campaign(commune_a)
    b = make_campaign(commune_b)
    first = answer(a, {"1.1": 5}, key="shared-key")
    second = answer(b, {"1.1": 1}, key="shared-key")
    assert first.pk != second.pk
    assert stored(commune_a) == (1, 1)
    assert stored(commune_b) == (1, 1)


def test_commune_bs_official_cannot_type_forms_into_commune_as_campaign(commune_a, commune_b, make_campaign, office_b):
    campaign = make_campaign(commune_a)
    for commune in (commune_a, commune_b):
        with pytest.raises(PermissionDenied):
            record_response(
                commune=commune,
                campaign=campaign,
                answers={"1.1": 5},
                channel=Channel.PAPER,
                idempotency_key="paper-1",
                user=office_b,
            )
    assert stored(commune_a) == (0, 0)
