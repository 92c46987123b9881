"""Who sees and changes petitions and dialogue conferences, registered in the access layer.

Staff see every petition; an officer those its agency answers for or is concerned by (and their group's); an
investor its enterprise's own. Conferences: staff and officers."""

from django.db.models import Q

from tiendo.core import access
from tiendo.domain import access as role_table

from .models import Attachment, Conference, Pause, Petition, StateChange


def _agency_filter(queryset, agency_ids):
    return queryset.filter(Q(agency_id__in=agency_ids) | Q(concerned_agencies__in=agency_ids)).distinct()


def _petitions(actor, user):
    return access.scoped(
        Petition.objects.all(),
        actor,
        role_table.petition_scope,
        enterprise="enterprise_id",
        agency_filter=_agency_filter,
    )


def _through_petition(model):
    def visible(actor, user):
        return model.objects.filter(petition__in=_petitions(actor, user).values("pk"))

    return visible


def _conferences(actor, user):
    return Conference.objects.all() if role_table.can_read_conferences(actor) else Conference.objects.none()


def handles(actor, petition) -> bool:
    return role_table.can_handle_petition(actor, petition.agency_id)


def register() -> None:
    access.register(Petition, visible=_petitions, can_change=handles)
    access.register(StateChange, visible=_through_petition(StateChange))
    access.register(
        Pause, visible=_through_petition(Pause), can_change=lambda actor, pause: handles(actor, pause.petition)
    )
    access.register(
        Attachment, visible=_through_petition(Attachment), can_change=lambda actor, a: handles(actor, a.petition)
    )
    access.register(
        Conference, visible=_conferences, can_change=lambda actor, c: role_table.can_manage_petitions(actor)
    )
    # the petitioner's own moves: rate, reopen, withdraw, reply with the information asked for
    access.register_check(
        "act_as_petitioner", lambda actor, petition: role_table.can_rate_petition(actor, petition.enterprise_id)
    )
    access.register_check("handle_petition", handles)
