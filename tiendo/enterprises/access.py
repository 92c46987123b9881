"""Who sees and changes enterprises, registered in the access layer."""

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import Enterprise


def register() -> None:
    # deleted enterprises stay visible to those who may restore them; lists narrow to .alive() themselves
    access.register(
        Enterprise,
        visible=lambda actor, user: _visible(actor),
        can_change=lambda actor, enterprise: role_table.can_edit_enterprise(actor, enterprise.pk),
    )


def _visible(actor):
    enterprises = Enterprise.objects.all() if role_table.can_manage_enterprises(actor) else Enterprise.objects.alive()
    return access.scoped(enterprises, actor, role_table.enterprise_scope, enterprise="pk")


def get_enterprise_for_user(user, pk: int, *, edit: bool = False, include_deleted: bool = False) -> Enterprise:
    """An investor reaches only their own enterprise; others get the same 404 as for a missing one."""
    queryset = Enterprise.objects.all() if include_deleted else Enterprise.objects.alive()
    if edit:
        return access.get_for_change_or_404(user, Enterprise, queryset=queryset, pk=pk)
    return access.get_or_404(user, Enterprise, queryset=queryset, pk=pk)


def enterprises_for_user(user):
    return access.visible(user, Enterprise).alive()
