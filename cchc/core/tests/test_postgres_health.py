"""The health check that asks the socket first: no round trip for a live connection, a new connection
when the server has ended the old one (PostgreSQL only: SQLite connections are not kept)."""

from __future__ import annotations

import time
from unittest import mock

import psycopg
import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kept connections are PostgreSQL's"),
]


@pytest.fixture
def kept():
    """A connection of its own, as a worker keeps one between requests, with health checks on."""
    wrapper = connections.create_connection("default")
    wrapper.health_check_enabled = True
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _new_request(wrapper) -> None:
    wrapper.health_check_done = False  # what Django's request_started handler does


def test_a_live_connection_is_kept_without_a_round_trip(kept):
    pid = _backend_pid(kept)
    _new_request(kept)
    with mock.patch.object(type(kept), "is_usable", side_effect=AssertionError("round trip")) as asked:
        kept.close_if_health_check_failed()
    assert not asked.called
    assert _backend_pid(kept) == pid


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(kept):
    pid = _backend_pid(kept)
    with psycopg.connect(**kept.get_connection_params(), autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    deadline = time.monotonic() + 5
    while kept.quiet() and time.monotonic() < deadline:  # the notice reaches the socket
        time.sleep(0.01)
    assert not kept.quiet()
    _new_request(kept)
    kept.close_if_health_check_failed()
    assert _backend_pid(kept) != pid  # the request's first query runs on a new connection, no error


def test_a_connection_inside_a_transaction_is_checked_the_usual_way(kept):
    kept.set_autocommit(False)
    with kept.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert not kept.quiet()
    kept.rollback()
    kept.set_autocommit(True)
    assert kept.quiet()
