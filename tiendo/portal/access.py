"""Who sees and changes the portal's records inside tiendo (the public's view is tiendo.portal.public)."""

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import CommuneShape, Opportunity, OpportunityDocument, ProcedureStep, Publication, Translation


def _reads_opportunities(actor, obj=None) -> bool:
    """The specialists who keep the opportunities, and the province's staff who read them (leaders)."""
    return role_table.can_manage_opportunities(actor) or role_table.sees_everything(actor)


def _staff(model):
    """Signed-in staff see every opportunity, draft or not; officers and investors read the portal like anyone."""
    return lambda actor, user: model.objects.all() if _reads_opportunities(actor) else model.objects.none()


def _manages(actor, obj) -> bool:
    return role_table.can_manage_opportunities(actor)


def register() -> None:
    access.register_check("read_opportunities", _reads_opportunities)  # the department's pages under /portal/
    access.register(Opportunity, visible=_staff(Opportunity), can_change=_manages)
    access.register(
        Translation,
        visible=_staff(Translation),
        can_change=lambda actor, t: role_table.can_translate_opportunities(actor),
    )
    for model in (ProcedureStep, OpportunityDocument):
        access.register(model, visible=_staff(model), can_change=_manages)
    access.register(
        CommuneShape,
        visible=lambda actor, user: access.scoped(CommuneShape.objects.all(), actor, role_table.directory_scope),
        can_change=lambda actor, s: role_table.can_manage_users(actor),
    )
    access.register(
        Publication,
        visible=lambda actor, user: (
            Publication.objects.all() if role_table.can_read_open_data(actor) else Publication.objects.none()
        ),
    )
