"""The access layer: the one place every page, form, API endpoint, command and template asks who sees what.

The rules are the role table of tiendo.domain.access. Each app's access module registers, per model, a policy
derived from it: `visible(actor, user)` (a queryset of what the actor may see) and `can_change(actor, obj)`; and
object checks such as "report_on" a project. Everything else calls the functions below with a user (signed in or
anonymous) and never reads a role itself: a test fails when it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from tiendo.domain import access as role_table
from tiendo.domain.access import Actor


@dataclass(frozen=True)
class Policy:
    visible: Callable[[Actor, Any], models.QuerySet]
    can_change: Callable[[Actor, Any], bool] | None = None


@dataclass(frozen=True)
class Published:
    """What the public visitor sees of a kind of record: which records, and of each only these fields."""

    records: Callable[[], models.QuerySet]
    fields: tuple[str, ...]


_policies: dict[type[models.Model], Policy] = {}
_checks: dict[str, Callable[[Actor, Any], bool]] = {}
_published: dict[type[models.Model], Published] = {}


def register(
    model: type[models.Model],
    *,
    visible: Callable[[Actor, Any], models.QuerySet],
    can_change: Callable[[Actor, Any], bool] | None = None,
) -> None:
    """An app says, for one of its models, which records an actor sees and whether it may change one."""
    _policies[model] = Policy(visible, can_change)


def register_check(name: str, check: Callable[[Actor, Any], bool]) -> None:
    """A named check about one record that is not "see" or "change", e.g. "report_on" a project."""
    _checks[name] = check


def register_published(model: type[models.Model], *, records: Callable[[], models.QuerySet], fields) -> None:
    """The one place (tiendo.portal.public) says what the public sees of a kind of record: the records and the
    fields. A visitor who has not signed in then sees exactly these through `visible`."""
    _published[model] = Published(records, tuple(fields))


def published_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields of a kind of record a public page or the open data may print (none if it is not published)."""
    entry = _published.get(model)
    return entry.fields if entry else ()


def registered() -> dict[type[models.Model], Policy]:
    return dict(_policies)


def actor_of(user) -> Actor:
    """The rules' view of a user; an anonymous visitor (or none) is the public."""
    if user is None or not getattr(user, "is_authenticated", False):
        return role_table.PUBLIC_ACTOR
    return user.role_table_actor


def _policy(model) -> Policy:
    try:
        return _policies[model]
    except KeyError:
        raise LookupError(f"no access policy registered for {model.__name__}") from None


def visible(user, model: type[models.Model]) -> models.QuerySet:
    """What the user may see of a kind of record (for a visitor who has not signed in: what is published)."""
    actor = actor_of(user)
    if role_table.sees_published_only(actor) and model in _published:
        return _published[model].records()
    return _policy(model).visible(actor, user)


def get_or_404(user, model: type[models.Model], /, *, queryset: models.QuerySet | None = None, **lookup):
    """One visible record, or the same 404 for a missing one, a forbidden one and a malformed lookup ("abc" as a
    pk). `queryset` narrows the visible records further (select_related, a parent)."""
    records = visible(user, model)
    if queryset is not None:
        records = queryset & records  # the caller's select_related and ordering, the layer's filter
    try:
        return records.get(**lookup)
    except (model.DoesNotExist, model.MultipleObjectsReturned, ValueError, TypeError, ValidationError, OverflowError):
        raise Http404 from None


def can_change(user, obj: models.Model) -> bool:
    policy = _policy(type(obj))
    if policy.can_change is None:
        return False
    return policy.can_change(actor_of(user), obj)


def get_for_change_or_404(
    user, model: type[models.Model], /, *, forbidden: type[Exception] = Http404, queryset=None, **lookup
):
    """A record the user may change. One it may not even see is a 404; one it sees but may not change raises
    `forbidden` (Http404 by default, PermissionDenied where the page says "not allowed")."""
    obj = get_or_404(user, model, queryset=queryset, **lookup)
    if not can_change(user, obj):
        raise forbidden
    return obj


def can(user, capability: str, obj: Any = None) -> bool:
    """A named capability of the role table ("manage_plans"), or with obj a registered check ("report_on")."""
    actor = actor_of(user)
    if obj is not None or capability in _checks:
        return _checks[capability](actor, obj)
    return role_table.can(actor, capability)


def require(user, capability: str, obj: Any = None) -> None:
    """PermissionDenied unless the user has the capability."""
    if not can(user, capability, obj):
        raise PermissionDenied


def scope(user, rule: Callable[[Actor], role_table.Scope]) -> role_table.Scope:
    return rule(actor_of(user))


def scoped(
    queryset: models.QuerySet,
    actor: Actor,
    rule: Callable[[Actor], role_table.Scope],
    *,
    agency: str | None = None,
    enterprise: str | None = None,
    agency_filter: Callable[[models.QuerySet, frozenset[int]], models.QuerySet] | None = None,
) -> models.QuerySet:
    """Narrow a queryset by a scope rule: `agency` / `enterprise` name the field holding the record's agency or
    enterprise (or `agency_filter` filters by the actor's agencies). A scope the kind does not know sees nothing."""
    kind = rule(actor)
    if kind == role_table.Scope.ALL:
        return queryset
    if kind == role_table.Scope.AGENCY and agency_filter is not None:
        return agency_filter(queryset, actor.agency_ids)
    if kind == role_table.Scope.AGENCY and agency:
        return queryset.filter(**{f"{agency}__in": actor.agency_ids})
    if kind == role_table.Scope.ENTERPRISE and enterprise and actor.enterprise_id:
        return queryset.filter(**{enterprise: actor.enterprise_id})
    return queryset.none()


def users_with(capability: str):
    """Active users who have a capability of their role (e.g. "receives_extension_requests"): whom to notify."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, role__in=sorted(role_table.roles_with(capability)))


class Capabilities:
    """Templates ask `{% if can.manage_tasks %}`: each name is looked up once per request."""

    def __init__(self, user) -> None:
        self._user = user
        self._cache: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._cache:
            if name not in role_table.CAPABILITIES:
                raise KeyError(name)
            self._cache[name] = can(self._user, name)
        return self._cache[name]

    def __contains__(self, name: str) -> bool:
        return name in role_table.CAPABILITIES
