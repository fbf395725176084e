"""Who reads the commune-wide audit trail: its leaders and the superior level."""

from cchc.communes.access import roles_in
from cchc.communes.roles import Role

LOG_READERS = {Role.CHAIRMAN, Role.OFFICE, Role.OVERSEER, Role.PLATFORM_ADMIN}


def can_read_commune_log(user, commune) -> bool:
    return user.is_authenticated and bool(roles_in(user, commune) & LOG_READERS)
