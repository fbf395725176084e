"""Every command of ours prints its help (in Vietnamese): a lazy translation there once crashed --help."""

import pytest
from django.core.management import get_commands, load_command_class

OURS = sorted((name, app) for name, app in get_commands().items() if app.startswith("cchc."))


def test_the_project_has_its_commands():
    assert {"load_demo", "import_plan", "export_plan", "create_commune"} <= {name for name, _ in OURS}


@pytest.mark.parametrize(("name", "app"), OURS)
def test_a_command_prints_its_help(name, app):
    command = load_command_class(app, name)
    text = command.create_parser("manage.py", name).format_help()
    assert command.help
    assert str(command.help)[:20] in " ".join(text.split())
