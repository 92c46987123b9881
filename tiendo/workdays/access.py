"""Who sees and changes the declared days, registered in the access layer: every signed-in user reads the
calendar (deadlines are counted on it); an administrator keeps it."""

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import DeclaredDay


def _visible(actor, user):
    return DeclaredDay.objects.all() if role_table.signed_in(actor) else DeclaredDay.objects.none()


def register() -> None:
    access.register(DeclaredDay, visible=_visible, can_change=lambda actor, day: role_table.can_manage_calendar(actor))
