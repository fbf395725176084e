from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class OfficialLoginForm(LoginForm):
    """Wagtail's login form leaves the password field unlabelled, so Django shows 'Password'."""

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].widget.attrs["placeholder"] = _("Nhập mật khẩu")
