"""Admin viewsets for commune data: every one of them is scoped to the official's commune.

Listings, edit, delete, history and choosers fetch through the model's scoped manager inside
the request's commune scope (opened by ``CommuneMiddleware``), so another commune's object is
a 404. New objects get the request's commune; the commune is never a form field.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .scoping import is_commune_scoped, rescope_choice_fields


class CommuneOwnedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rescope_choice_fields(self)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                rescope_choice_fields(form)

    def save(self, commit=True):
        # Inline children (evidence of a report…) belong to their parent's commune.
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                if is_commune_scoped(type(form.instance)):
                    form.instance.commune = self.instance.commune
        return super().save(commit=commit)

    def _get_validation_exclusions(self):
        # The commune is set on the instance, not in the form; unique constraints that
        # include it must still be checked here rather than fail in the database.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("commune")
        # Fields derived in clean() (a published procedure's code) take part in unique checks too.
        for constraint in self._meta.model._meta.constraints:
            if "commune" in getattr(constraint, "fields", ()):
                exclusions.difference_update(constraint.fields)
        return exclusions


class RefusalAsFormError:
    """An action's refusal (its Vietnamese reason) is shown on the form, not as a bare 403 page."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PermissionDenied as refusal:
            reason = str(refusal) or _("Bạn không có quyền làm việc này.")
            form.add_error(None, reason)
            self.produced_error_code = "permission_denied"
            self.produced_error_message = reason
            return self.form_invalid(form)


class CommuneCreateView(RefusalAsFormError, generic.CreateView):
    def get_initial_form_instance(self):
        return self.model(commune=self.request.commune)


class CommuneEditView(RefusalAsFormError, generic.EditView):
    pass


class CommuneDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PermissionDenied as refusal:
            messages.error(self.request, str(refusal) or _("Bạn không có quyền làm việc này."))
            return redirect(self.get_success_url())


class CommuneOwnedViewSet(ModelViewSet):
    """Base of every admin viewset over a ``CommuneOwned`` model."""

    add_view_class = CommuneCreateView
    edit_view_class = CommuneEditView
    delete_view_class = CommuneDeleteView
    copy_view_class = type("CommuneCopyView", (generic.CopyView,), {})
    commune_owned = True

    base_form_class = CommuneOwnedForm  # a viewset may name a subclass with choices narrowed to the user

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler is None:
            handler = ObjectList(self.form_fields)
        handler.base_form_class = self.base_form_class
        return handler.bind_to_model(self.model)


class CommuneViewSetGroup(ModelViewSetGroup):
    pass


class ReadOnlyURLFinder(ModelAdminURLFinder):
    """Links to a row (from the audit log, say) open its inspect page, for whoever may view the model."""

    def get_edit_url(self, instance):
        opts = instance._meta
        if self.user is not None and not self.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return None
        return self.construct_edit_url(instance)


class ReadOnlyViewSetMixin:
    """Screens that only read: the listing, the inspect page and (``read_only_history``) the history; no add,
    edit, copy or delete view is built and no link leads to one. For what citizens wrote, which stays as
    written, and for platform data officials only consult."""

    inspect_view_enabled = True
    copy_view_enabled = False
    read_only_history = True

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, "usage_url_name": None, **kwargs}
        )

    @property
    def url_finder_class(self):
        return type(
            f"{self.model.__name__}URLFinder", (ReadOnlyURLFinder,), {"edit_url_name": self.get_url_name("inspect")}
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]
        if self.read_only_history:
            patterns += [
                path(f"history/<{conv}:pk>/", self.history_view, name="history"),
                path(f"history-results/<{conv}:pk>/", self.history_results_view, name="history_results"),
            ]
        return patterns
