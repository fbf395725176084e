"""Send GET and POST to every filled URL as one user and collect what leaked or changed."""

from __future__ import annotations

import copy
import io
import json
import logging
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .urls import UNFILLABLE, Pattern, all_patterns, filled_urls, resolves_to
from .world import PUBLIC_TOKEN, SECRET_TOKEN, Snapshot, World, commune_models

MAX_BODY = 8 * 1024 * 1024
DATE = re.compile(r"^[\d/:\-. ]*$")

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@dataclass
class Finding:
    url: str
    method: str
    who: str
    what: str

    def __str__(self) -> str:
        return f"{self.method:4} {self.url}  [{self.who}]  {self.what}"


@dataclass
class Report:
    who: str
    patterns: int = 0
    urls: int = 0
    requests: int = 0
    findings: list[Finding] = field(default_factory=list)
    unfilled: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    snapshots: int = 0

    def summary(self) -> str:
        lines = [
            f"{self.who}: {self.patterns} URL patterns, {self.urls} filled URLs, {self.requests} requests, "
            f"{len(self.findings)} findings, {len(self.server_errors)} server errors, {self.snapshots} row snapshots",
        ]
        lines += [f"  slow: {t:.2f}s {what}" for t, what in sorted(self.slowest, reverse=True)[:5]]
        lines += [f"  unfilled: {route}" for route in self.unfilled]
        lines += [f"  500: {e}" for e in self.server_errors[:15]]
        lines += [f"  {f}" for f in self.findings]
        return "\n".join(lines)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        chunks, size = [], 0
        for chunk in response.streaming_content:
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                break
        if hasattr(response, "close"):
            response.close()
        body = b"".join(chunks)
    else:
        body = response.content[:MAX_BODY]
    if body.startswith(b"PK"):  # Word, Excel: read the parts
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                body += b"".join(archive.read(name) for name in archive.namelist())
        except (zipfile.BadZipFile, KeyError, ValueError):
            pass
    return body


def leaks(response, *, admin: bool) -> list[str]:
    """A's markers in the body (HTML, JSON, files, Word parts) or in any header (Location…)."""
    body = _body(response)
    try:
        unescaped = json.dumps(json.loads(body), ensure_ascii=False).encode() if body[:1] in (b"{", b"[") else b""
    except ValueError:
        unescaped = b""
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items()).encode()
    found = []
    tokens = [SECRET_TOKEN, PUBLIC_TOKEN] if admin else [SECRET_TOKEN]
    for token in tokens:
        for where, data in (("body", body + unescaped), ("headers", headers)):
            hits = sorted({m.decode().upper() for m in token.findall(data)})
            if hits:
                found.append(f"{where} shows A's {', '.join(hits[:4])}{'…' if len(hits) > 4 else ''}")
    return found


def _plausible_values(world: World, *, as_b: bool) -> dict[str, list[str]]:
    """Values a form over any of our models would accept, pointing at A's rows (the last one of each
    model: for the unit member, the other unit's task and report)."""
    data: dict[str, list[str]] = {}
    targets = [*commune_models(), Page, get_image_model(), get_document_model()]
    for model in targets:
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if f.name in data or f.primary_key:
                continue
            if f.is_relation and f.related_model is not None:
                ids = world.ids_of(f.related_model)
                if ids:
                    data[f.name] = [str(ids[-1])] if not f.many_to_many else [str(i) for i in ids]
            elif f.choices:
                data[f.name] = [str(f.choices[-1][0])]
            elif isinstance(f, models.BooleanField):
                data[f.name] = ["on"]
            elif isinstance(f, models.DateTimeField):
                data[f.name] = ["2022-03-15 08:00"]
            elif isinstance(f, models.DateField):
                data[f.name] = ["2022-03-15"]
            elif isinstance(f, (models.IntegerField, models.DecimalField, models.FloatField)):
                data[f.name] = ["100"]
            elif isinstance(f, (models.CharField, models.TextField)):
                data[f.name] = ["QZXE sửa đổi"]
    b_root = str(world.b.root_page_id)
    data.update(
        {
            "status": ["approved"],
            "percent": ["100"],
            "id": [str(i) for i in world.all_ids],
            "commune": [str(world.a.pk)],
            "new_title": ["QZXE bản sao"],
            "new_slug": ["qzxe-ban-sao"],
            "new_parent_page": [b_root if as_b else str(world.a.root_page_id)],
            "copy_subpages": ["on"],
            "publish_copies": ["on"],
            "action-publish": ["action-publish"],
            "evidence-TOTAL_FORMS": ["0"],
            "evidence-INITIAL_FORMS": ["0"],
            "evidence-MIN_NUM_FORMS": ["0"],
            "evidence-MAX_NUM_FORMS": ["1000"],
        }
    )
    return data


def _json_body(world: World, *, as_b: bool) -> str:
    target = world.b.root_page_id if as_b else world.a.root_page_id
    revisions = world.ids_of(apps.get_model("wagtailcore", "Revision"))
    return json.dumps(
        {"destination_page_id": target, "recursive": True, "keep_live": True, "update_slugs": True,
         "new_title": "QZXE", "new_slug": "qzxe", "position": 0, "revision_id": revisions[-1] if revisions else 1}
    )  # fmt: skip


def harvest_form(html: bytes, path: str, plausible: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """The biggest POST form of the page that posts back to ``path``, as the browser would send it,
    its free-text fields edited and its drop-downs set to A's other rows where offered."""
    soup = BeautifulSoup(html, "lxml")
    best = None
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = form.get("action") or ""
        if action and urlsplit(action).path != path:
            continue
        data: dict[str, list[str]] = {}
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if not name or element.has_attr("disabled"):
                continue
            if element.name == "input":
                kind = (element.get("type") or "text").lower()
                if kind in ("submit", "button", "image", "reset", "file"):
                    continue
                if kind in ("checkbox", "radio") and not element.has_attr("checked"):
                    continue
                value = element.get("value", "on" if kind in ("checkbox", "radio") else "")
                if kind == "text" and value and not DATE.match(value):
                    value += " QZXE"
            elif element.name == "textarea":
                value = element.text + " QZXE"
            else:
                options = [o.get("value", o.text) for o in element.find_all("option")]
                wanted = [v for v in plausible.get(name, []) if v in options]
                selected = [o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")]
                value = (wanted or selected or [v for v in options if v] or [""])[0]
            data.setdefault(name, []).append(value)
        if best is None or len(data) > len(best):
            best = data
    return best


@dataclass
class Probe:
    world: World
    who: str
    user: object
    host: str
    check_leaks: bool
    allowed_change: Callable[[str, tuple, dict | None, dict | None], bool]
    report: Report = field(init=False)

    def __post_init__(self):
        self.report = Report(who=self.who)
        self.client = Client(raise_request_exception=False, HTTP_HOST=self.host)
        self.client.force_login(self.user)
        self.as_b = self.user == self.world.official_b
        self.plausible = _plausible_values(self.world, as_b=self.as_b)
        self.json_body = _json_body(self.world, as_b=self.as_b)
        self.search = "QZXA"
        self.id_query = "&".join(f"id={i}" for i in self.world.all_ids)
        # Pages alone too: Wagtail's page choosers fail on an id that is no page, hiding what they show.
        self.page_query = "&".join(f"id={i}" for i in self.world.ids_of(Page))

    def run(self) -> Report:
        patterns = all_patterns()
        self.report.patterns = len(patterns)
        self.baseline = Snapshot.take([self.world.a, self.world.b])
        logging.disable(logging.CRITICAL)
        try:
            for pattern in patterns:
                urls = filled_urls(pattern, self.world)
                if urls is None:
                    if pattern.route not in UNFILLABLE:
                        self.report.unfilled.append(pattern.route)
                    continue
                for url in urls:
                    if not resolves_to(url, pattern):
                        self.report.unfilled.append(f"{pattern.route} (filled as {url}, which resolves elsewhere)")
                        continue
                    self.report.urls += 1
                    self._probe_url(pattern, url)
        finally:
            logging.disable(logging.NOTSET)
        return self.report

    def _probe_url(self, pattern: Pattern, url: str) -> None:
        cookies = copy.deepcopy(self.client.cookies)
        self.seen: set = set()
        with transaction.atomic():
            self._requests(pattern, url)
            transaction.set_rollback(True)
        self.client.cookies = cookies

    def _requests(self, pattern: Pattern, url: str) -> None:
        variants = [url]
        if not pattern.params and self.check_leaks:  # lists, choosers, bulk actions, APIs: A's rows by id and word
            variants += [
                f"{url}?{self.id_query}",
                f"{url}?{self.page_query}",
                f"{url}?q={self.search}&search={self.search}",
            ]
        form = None
        for variant in variants:
            response = self._send("GET", variant, pattern)
            if variant == url and response.status_code == 200 and "html" in response.get("Content-Type", ""):
                form = harvest_form(response.content, url, self.plausible)
        # One POST: the page's own form sent back, else a body any of our forms would take (a delete or
        # other POST-only endpoint ignores the extra keys, so an empty POST would add nothing).
        if "/api/" in url:
            self._send("POST", url, pattern, body=self.json_body)
        else:
            self._send("POST", url, pattern, data=form if form is not None else self.plausible)
        if not pattern.params:
            self._send("POST", f"{url}?{self.id_query}", pattern, data=self.plausible)

    def _send(self, method: str, url: str, pattern: Pattern, *, data=None, body=None):
        started = time.perf_counter()
        # Any INSERT, UPDATE or DELETE the request ran (works alike on SQLite and PostgreSQL).
        with CaptureQueriesContext(connection) as ran:
            if method == "GET":
                response = self.client.get(url)
            elif body is not None:
                response = self.client.post(url, body, content_type="application/json")
            else:
                response = self.client.post(url, data)
        self.report.requests += 1
        self.report.slowest.append((time.perf_counter() - started, f"{method} {url}"))
        self.report.slowest = sorted(self.report.slowest, reverse=True)[:5]
        label = "POST" + ("(form)" if data else "(json)" if body else "") if method == "POST" else "GET"
        if response.status_code >= 500:
            self.report.server_errors.append(f"{label} {url}")
        if self.check_leaks:
            for what in leaks(response, admin=pattern.is_admin):
                self._find(url, label, what)
        if any(WRITE.match(query["sql"]) for query in ran.captured_queries):
            self._check_rows(url, label)
        return response

    def _find(self, url: str, method: str, what: str) -> None:
        key = (url, method.split("(")[0], what)
        if key not in self.seen:
            self.seen.add(key)
            self.report.findings.append(Finding(url, method, self.who, what))

    def _check_rows(self, url: str, method: str) -> None:
        after = Snapshot.take([self.world.a, self.world.b])
        self.report.snapshots += 1
        for kind, key, before_values, after_values in self.baseline.changes(after):
            if self.allowed_change(kind, key, before_values, after_values):
                continue
            self._find(url, method, f"{kind} {key[1]} #{key[2]} of commune {key[0]}")
