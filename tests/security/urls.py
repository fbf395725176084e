"""Every URL pattern of the project, from the resolver, with its path parameters filled with A's values."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.models import Task as WorkflowTaskModel

from .world import World, commune_models

# Patterns that no value of A's can fill, each with its reason. Keep this list short: a pattern
# missing here and not filled fails the suite, so that a new URL is never silently skipped.
UNFILLABLE = {
    "quan-tri/password_reset/confirm/<uidb64>/<token>/": "a signed one-time token, not an object id",
}

ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
APP_PARAMS = {"app_label", "app_name", "content_type_app_name"}
MODEL_PARAMS = {"model_name", "content_type_model_name"}
MAX_URLS_PER_PATTERN = 10


@dataclass
class Pattern:
    route: str
    parts: tuple
    name: str | None
    callback: object
    params: list[str] = field(default_factory=list)

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("quan-tri/")

    @property
    def view_model(self):
        kwargs = getattr(self.callback, "view_initkwargs", None) or {}
        model = kwargs.get("model") or getattr(getattr(self.callback, "view_class", None), "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        return model if isinstance(model, type) else None


def _walk(patterns, parts=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, (*parts, p.pattern))
        elif isinstance(p, URLPattern):
            yield (*parts, p.pattern), p


def _regex_groups(regex: str) -> list[tuple[int, int, str]]:
    """Top-level capturing groups of ``regex``: (start, end, name), unnamed ones named _0, _1…"""
    groups, depth, start, index, i = [], 0, 0, 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = regex.index("]", i + 1) + 1
            continue
        if char == "(":
            start = i if depth == 0 else start
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                body = regex[start : i + 1]
                named = re.match(r"\(\?P<(\w+)>", body)
                if named or not body.startswith("(?"):
                    groups.append((start, i + 1, named[1] if named else f"_{index}"))
                    index += 1
        i += 1
    return groups


def _part_params(part) -> list[str]:
    if isinstance(part, RoutePattern):
        return [m["name"] for m in ROUTE_PARAM.finditer(str(part))]
    return [name for _s, _e, name in _regex_groups(part.regex.pattern)]


def _fill_part(part, values: dict[str, str]) -> str:
    if isinstance(part, RoutePattern):
        return ROUTE_PARAM.sub(lambda m: values[m["name"]], str(part))
    assert isinstance(part, RegexPattern)
    regex = part.regex.pattern
    out, last = [], 0
    for start, end, name in _regex_groups(regex):
        out += [_literal(regex[last:start]), values[name]]
        last = end
    out.append(_literal(regex[last:]))
    return "".join(out)


def _literal(regex: str) -> str:
    return regex.lstrip("^").rstrip("$").replace(".*", "khong-co").replace("\\", "")


def all_patterns() -> list[Pattern]:
    found = []
    for parts, pattern in _walk(get_resolver().url_patterns):
        route = "".join(str(p) for p in parts)
        params = [name for part in parts for name in _part_params(part)]
        found.append(Pattern(route=route, parts=parts, name=pattern.name, callback=pattern.callback, params=params))
    return found


def _page_types() -> list[tuple[str, str]]:
    return [(m._meta.app_label, m._meta.model_name) for m in apps.get_models() if issubclass(m, Page)]


def _model_pairs(pattern: Pattern) -> list[tuple[str, ...]]:
    if pattern.name == "wagtail_bulk_action":
        from wagtail.admin.views.bulk_action.registry import bulk_action_registry

        bulk_action_registry._scan_for_bulk_actions()
        return [(app, model, action) for app, models in bulk_action_registry.actions.items()
                for model, actions in models.items() for action in actions]  # fmt: skip
    if "pages/" in pattern.route:
        return _page_types()
    if pattern.route.startswith("quan-tri/settings/"):
        from wagtail.contrib.settings.registry import registry

        return [(m._meta.app_label, m._meta.model_name) for m in registry] or [("communes", "commune")]
    if pattern.route.startswith("quan-tri/tag-autocomplete/"):
        return [(m._meta.app_label, m._meta.model_name) for m in (get_image_model(), get_document_model())]
    if pattern.route.startswith("quan-tri/workflows/tasks/add/"):
        return [(m._meta.app_label, m._meta.model_name) for m in apps.get_models() if issubclass(m, WorkflowTaskModel)]
    models = [*commune_models(), get_image_model(), get_document_model(), Page, WorkflowTaskModel]
    models += [m for m in apps.get_models() if issubclass(m, WorkflowTaskModel)]
    return [(m._meta.app_label, m._meta.model_name) for m in models]


def _ids(world: World, model) -> list[str]:
    return [str(pk) for pk in world.ids_of(model)]


def candidates(pattern: Pattern, param: str, world: World) -> list[str] | None:
    """A's values for one path parameter, or None when nothing of A's fits it."""
    route = pattern.route
    union = [str(pk) for pk in world.all_ids]
    if param in PAGE_PARAMS or (param == "pk" and (("pages/" in route and "api/" in route) or "revisions" in route)):
        return _ids(world, Page)
    if param in ("image_id",) or (param == "pk" and "images/" in route):
        return _ids(world, get_image_model())
    if param in ("document_id", "doc_id") or (param == "pk" and "documents/" in route):
        return _ids(world, get_document_model())
    if param == "_0" and pattern.name == "wagtaildocs_serve":
        return _ids(world, get_document_model())
    if param == "_1" and pattern.name == "wagtaildocs_serve":
        return [get_document_model().objects.get(pk=pk).filename for pk in world.ids_of(get_document_model())]
    if param == "_0" and pattern.name == "wagtail_serve":
        return world.page_paths
    if param.startswith("revision_id"):
        extra = {"revision_id_a": ["earliest", "live"], "revision_id_b": ["latest", "live"]}.get(param, [])
        return _ids(world, Revision) + extra
    if param == "task_state_id":
        return _ids(world, TaskState)
    if param == "workflow_state_id":
        return _ids(world, WorkflowState)
    if param == "task_id" and "workflows/" in route:
        return _ids(world, WorkflowTaskModel)
    if param == "plan_id":
        return _ids(world, apps.get_model("plans", "Plan"))
    if param == "import_id":
        return _ids(world, apps.get_model("plans", "PlanImport"))
    if param == "kind" and route.startswith("chi-so/"):
        from cchc.indices.catalogue import IndexKind

        return list(IndexKind.values)
    if param == "fmt":
        from cchc.plans.export import FORMATS

        return list(FORMATS)
    if param == "name":
        return world.private_names
    if param == "filter_spec":
        return ["original", "max-165x165"]
    if param == "action_name":
        if "api/" in route:
            from wagtail.admin.api.views import PagesAdminAPIViewSet

            return list(PagesAdminAPIViewSet.actions)
        return ["approve", "reject"]
    if param == "collection_id":
        return [str(world.a.collection_id)]
    if param == "object_id":
        return _ids(world, Page)
    if route.startswith("cuoc-thi/"):
        return {"slug": world.contest_slugs, "token": world.entry_tokens, "number": ["1"]}.get(param)
    if param in ("slug", "form_slug", "code"):
        if "api/" in route:
            return [world.a.slug] if param == "slug" else world.procedure_codes
        if param == "form_slug":
            return world.form_slugs
        if "linh-vuc/" in route:
            return world.field_slugs
        if "su-kien/" in route:
            return world.life_event_slugs
        return world.procedure_slugs
    if param in ("pk", "redirect_id") and pattern.view_model is not None:
        return _ids(world, pattern.view_model) or union
    if param in ("uidb64", "token"):
        return None
    return union  # the model cannot be known: every id of A, whatever its table


def filled_urls(pattern: Pattern, world: World) -> list[str] | None:
    """The URLs to probe for ``pattern``: one per value of each parameter (the product when it is small)."""
    if not pattern.params:
        return [_fill(pattern, {})]
    per_param: dict[str, list[str]] = {}
    pair_params = [p for p in pattern.params if p in APP_PARAMS | MODEL_PARAMS | {"action"}]
    for param in pattern.params:
        if param in pair_params:
            continue
        values = candidates(pattern, param, world)
        if not values:
            return None
        per_param[param] = values
    combos: list[dict[str, str]]
    single = [dict(zip(per_param, values, strict=True)) for values in itertools.product(*per_param.values())]
    if len(single) > MAX_URLS_PER_PATTERN:
        width = max(len(v) for v in per_param.values())
        single = [{k: v[i % len(v)] for k, v in per_param.items()} for i in range(width)]
    combos = single
    if pair_params:
        pairs = _model_pairs(pattern)
        combos = []
        for i, pair in enumerate(pairs):
            base = dict(single[i % len(single)])
            app = next(p for p in pair_params if p in APP_PARAMS)
            base[app] = pair[0]
            base[next(p for p in pair_params if p in MODEL_PARAMS)] = pair[1]
            if "action" in pair_params:
                base["action"] = pair[2] if len(pair) > 2 else "delete"
            combos.append(base)
    urls = []
    for values in combos:
        url = _fill(pattern, values)
        if url not in urls:
            urls.append(url)
    return urls


def _fill(pattern: Pattern, values: dict[str, str]) -> str:
    return "/" + "".join(_fill_part(part, values) for part in pattern.parts)


def resolves_to(url: str, pattern: Pattern) -> bool:
    try:
        match = resolve(url.split("?")[0])
    except Exception:
        return False
    return match.func is pattern.callback or getattr(match.func, "view_class", 0) is getattr(
        pattern.callback, "view_class", 1
    )
