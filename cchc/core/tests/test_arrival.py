"""The arrival stamp: taken at the front of the WSGI application, read back by the views that need it."""

from __future__ import annotations

import datetime as dt
import io
import time

from django.test import RequestFactory

from cchc.core.arrival import ENVIRON_KEY, arrived_at, stamp_arrival


def test_the_front_stamps_the_time_a_request_arrived():
    seen = {}

    def app(environ, start_response):
        time.sleep(0.05)  # the request waited (middleware, database) before the view read the clock
        seen["at"] = environ[ENVIRON_KEY]
        start_response("200 OK", [])
        return [b""]

    before = time.time()
    stamp_arrival(app)({"wsgi.input": io.BytesIO()}, lambda *args: None)
    assert before <= seen["at"] < before + 0.05
    request = RequestFactory().get("/", **{ENVIRON_KEY: seen["at"]})
    assert arrived_at(request) == dt.datetime.fromtimestamp(seen["at"], tz=dt.UTC)


def test_without_a_stamp_the_current_time_counts():
    before = dt.datetime.now(tz=dt.UTC)
    assert before <= arrived_at(RequestFactory().get("/")) <= dt.datetime.now(tz=dt.UTC)
