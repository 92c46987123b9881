"""Likely duplicates of a petition among those the user may see (docs/legal/petitions.md PET-07), for the desk to
merge: the records come through the access layer, the comparison from tiendo.domain.petitions.duplicates."""

from datetime import timedelta

from django.utils.translation import gettext as _

from tiendo.core import access
from tiendo.domain.petitions import duplicates as rules

from .models import Petition, State, Topic

# a petition already merged into a group, or withdrawn, is no candidate: the group's head is
_LEFT_OUT = (State.MERGED, State.WITHDRAWN)


def _candidate(petition: Petition) -> rules.Candidate:
    return rules.Candidate(
        id=petition.pk,
        received_on=petition.received_on,
        text=f"{petition.title}\n{petition.text}",
        topic=petition.topic,
        enterprise_id=petition.enterprise_id,
        project_ids=frozenset(p.pk for p in petition.projects.all()),
    )


def reason_label(code: str, value: str) -> str:
    """One reason of a match in the active language."""
    if code == "similar_text":
        return _("%(percent)s%% of the wording in common") % {"percent": value}
    if code == "same_enterprise":
        return _("the same enterprise")
    if code == "same_project":
        return _("the same project")
    if code == "same_topic":
        label = Topic(value).label if value in Topic.values else value
        return _("the same topic (%(topic)s)") % {"topic": label}
    return code


def candidates_for(
    petition: Petition,
    user,
    *,
    threshold: float = rules.DEFAULT_THRESHOLD,
    window_days: int = rules.DEFAULT_WINDOW_DAYS,
    limit: int = 10,
) -> list[tuple[Petition, float, list[str]]]:
    """The petitions the user may see that are likely duplicates of `petition`: (petition, score in [0, 1], the
    reasons in the active language), best first. Nothing when the user may not see the petition itself."""
    visible = access.visible(user, Petition)
    if not visible.filter(pk=petition.pk).exists():
        return []
    start = petition.received_on - timedelta(days=window_days)
    end = petition.received_on + timedelta(days=window_days)
    others = (
        visible.filter(received_on__range=(start, end))
        .exclude(pk=petition.pk)
        .exclude(state__in=_LEFT_OUT)
        .prefetch_related("projects")
    )
    by_id = {other.pk: other for other in others}
    matches = rules.find_duplicates(
        _candidate(petition),
        [_candidate(other) for other in by_id.values()],
        threshold=threshold,
        window_days=window_days,
        limit=limit,
    )
    return [(by_id[m.id], m.score, [reason_label(code, value) for code, value in m.reasons]) for m in matches]
