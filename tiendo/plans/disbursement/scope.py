"""The part of a plan a disbursement page or command shows, its rows narrowed by the access layer.

A scope built for a user (`scope_for`) reads the lines, items and disbursement rows through
`tiendo.core.access.visible`: the province's staff see every project, an officer the projects of its agency (and
its predecessors), as plans/access.py registers. A scope without a user is the whole province (the transfer
proposal, the services). Either may be narrowed further to one project or one source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.http import Http404

from tiendo.core import access

from ..models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion


@dataclass(frozen=True)
class Scope:
    """The part of a plan a page shows: every project, the projects a user may see, one project, one source."""

    viewer: Any = None  # the user whose access narrows the rows; None: every project of the province
    project_id: int | None = None
    source_id: int | None = None

    def restrict(self, queryset, project: str):
        """Keep the rows of the projects in scope; `project` is the path to the project ("item__project__")."""
        if self.viewer is not None:
            queryset = queryset & access.visible(self.viewer, queryset.model)
        if self.project_id is not None:
            queryset = queryset.filter(**{f"{project}id": self.project_id})
        return queryset

    def lines(self, version: PlanVersion | None):
        if version is None:
            return PlanLine.objects.none()
        lines = self.restrict(PlanLine.objects.filter(version=version), "item__project__")
        return lines.filter(source_id=self.source_id) if self.source_id else lines

    def items(self, version: PlanVersion | None):
        if version is None:
            return PlanItem.objects.none()
        items = self.restrict(PlanItem.objects.filter(version=version), "project__")
        if self.source_id:
            items = items.filter(
                pk__in=PlanLine.objects.filter(version=version, source_id=self.source_id).values("item_id")
            )
        return items

    def disbursements(self, plan: Plan):
        rows = self.restrict(Disbursement.objects.filter(plan=plan), "project__")
        return rows.filter(source_id=self.source_id) if self.source_id else rows

    def but(self, **changes) -> Scope:
        return replace(self, **changes)


def scope_for(user, **narrower) -> Scope:
    """What the user may see of the plans' disbursement (the access layer's rules); a 404 for who sees none."""
    if not access.can(user, "read_plans"):
        raise Http404
    return Scope(viewer=user, **narrower)
