"""The demo's messages go through the public action and running the loader again changes nothing."""

import pytest

from cchc.communes.scoping import commune_scope
from cchc.feedback.demo import MESSAGES, load_demo_feedback
from cchc.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def test_the_demo_messages_are_stored_once(commune_a):
    load_demo_feedback(commune_a)
    load_demo_feedback(commune_a)
    with commune_scope(commune_a):
        stored = list(Feedback.objects.filter(commune=commune_a))
    assert len(stored) == len(MESSAGES)
    assert {f.channel for f in stored} == {"web", "truc_tiep", "dien_thoai"}
    assert sum(1 for f in stored if f.contact_phone) == 1
