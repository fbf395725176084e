"""What each role may do with plans: leaders shape the plan, every unit reports on its tasks."""

from cchc.communes.roles import Role


def _perms(action_models: dict[str, list[str]]) -> set[str]:
    return {f"plans.{action}_{model}" for action, models in action_models.items() for model in models}


ALL = ["plan", "plansection", "task", "progressreport", "evidence", "outreachactivity", "budgetline", "planimport"]
REPORTING = ["progressreport", "evidence", "outreachactivity"]

PLAN_PERMISSIONS: dict[str, set[str]] = {
    Role.CHAIRMAN: _perms({"view": ALL, "add": ALL, "change": ALL, "delete": ["task", "plansection"]}),
    Role.OFFICE: _perms({"view": ALL, "add": ALL, "change": ALL, "delete": ["task", "plansection", *REPORTING]}),
    Role.CULTURE_INFO: _perms({"view": ALL, "add": ALL, "change": ALL, "delete": ["task", "plansection", *REPORTING]}),
    Role.BROADCASTER: _perms({"view": ALL, "add": REPORTING, "change": REPORTING}),
    Role.JUSTICE: _perms({"view": ALL, "add": REPORTING, "change": REPORTING}),
    Role.FINANCE: _perms(
        {"view": ALL, "add": [*REPORTING, "budgetline"], "change": [*REPORTING, "budgetline"], "delete": ["budgetline"]}
    ),
    Role.UNIT_MEMBER: _perms({"view": ALL, "add": REPORTING, "change": REPORTING}),
    Role.OVERSEER: _perms({"view": ALL}),
}
