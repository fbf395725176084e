"""Fixtures of the radio's tests: villages with speaker clusters, a script, a broadcaster."""

import pytest

from cchc.broadcasts.models import Script, SpeakerCluster
from cchc.communes.models import Village
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope


@pytest.fixture
def broadcaster_a(commune_a, make_official):
    return make_official(commune_a, Role.BROADCASTER)


@pytest.fixture
def make_cluster(db):
    """A cluster in a village of its own (created directly: the rows under test are elsewhere)."""

    def make(commune, name="Cụm loa xóm 1", *, village_name=None, ethnic=False, **extra):
        with commune_scope(commune):
            village = Village.objects.create(
                commune=commune, name=village_name or name.removeprefix("Cụm loa "), is_ethnic_minority=ethnic
            )
            return SpeakerCluster.objects.create(commune=commune, name=name, village=village, **extra)

    return make


@pytest.fixture
def make_script(db):
    def make(commune, title="Tuyên truyền cải cách hành chính", body="UBND xã thông báo lịch tiếp dân.", **extra):
        with commune_scope(commune):
            return Script.objects.create(commune=commune, title=title, body=body, **extra)

    return make
