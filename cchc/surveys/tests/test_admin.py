"""The campaigns screen: scoped to the official's commune; only the office and the leaders create campaigns."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope
from cchc.surveys.actions import EditCampaign
from cchc.surveys.models import Campaign


def test_an_official_sees_only_the_campaigns_of_their_commune(
    client, commune_a, commune_b, make_campaign, office_a, office_b
):
    mine = make_campaign(commune_a, title="Khảo sát Định Biên quý IV")
    make_campaign(commune_b, title="Khảo sát Phú Đình quý IV")
    client.force_login(office_b)
    page = client.get(reverse("khao-sat:index")).content.decode()
    assert "Khảo sát Phú Đình quý IV" in page
    assert "Khảo sát Định Biên quý IV" not in page
    assert client.get(reverse("khao-sat:edit", args=[mine.pk])).status_code == 404


def test_the_office_creates_a_campaign_on_the_official_template(client, commune_a, office_a, official_template):
    client.force_login(office_a)
    form = client.get(reverse("khao-sat:add")).content.decode()
    assert "Phiếu khảo sát sự hài lòng theo Quyết định 2640/QĐ-BNV" in form
    response = client.post(
        reverse("khao-sat:add"),
        {
            "title": "Khảo sát năm 2026",
            "template": official_template.pk,
            "period_start": "01/10/2026",
            "period_end": "31/12/2026",
            "scope_note": "Hộ tịch, chứng thực",
            "sample_target": "90",
            "respondents": "Người đã giải quyết thủ tục tại xã",
            "status": "open",
            "formula": "share_satisfied",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with commune_scope(commune_a):
        campaign = Campaign.objects.get()
        assert (campaign.title, campaign.sample_target, campaign.commune) == ("Khảo sát năm 2026", 90, commune_a)
        record = CommuneLogEntry.objects.get(content_type__model="campaign", object_id=str(campaign.pk))
    assert (record.action, record.user) == ("wagtail.create", office_a)


@pytest.mark.parametrize("role", [Role.CULTURE_INFO, Role.JUSTICE, Role.OVERSEER])
def test_other_roles_may_not_create_campaigns(client, commune_a, make_official, make_campaign, role):
    official = make_official(commune_a, role)
    client.force_login(official)
    assert client.get(reverse("khao-sat:add")).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        make_campaign(commune_a, user=official)
    with commune_scope(commune_a):
        assert not Campaign.objects.exists()


def test_commune_bs_office_cannot_change_commune_as_campaign_through_the_action(commune_a, make_campaign, office_b):
    theirs = make_campaign(commune_a)
    theirs.title = "Đổi tên"
    with pytest.raises(PermissionDenied):
        EditCampaign(theirs, user=office_b).execute()
    with all_communes():
        assert Campaign.objects.get(pk=theirs.pk).title == "Khảo sát năm 2026"


def test_two_campaigns_of_one_commune_cannot_share_a_title(commune_a, commune_b, make_campaign):
    from django.core.exceptions import ValidationError

    make_campaign(commune_a)
    make_campaign(commune_b)  # another commune may use the same title
    with pytest.raises(ValidationError) as refused:
        make_campaign(commune_a)
    assert "Xã đã có đợt khảo sát mang tên này." in str(refused.value)
