"""A project's schedule, outcome, legal basis and money: milestones due and done, the documents behind them,
capital sources and, for slow and stalled projects, the extensions granted (INV-02). A mixin of
`generator.Generator`."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

from tiendo.domain.money import format_vnd
from tiendo.domain.projects import CapitalSourceKind as Src
from tiendo.domain.projects import DepositStatus as Dep
from tiendo.domain.projects import ExtensionReason as Why
from tiendo.domain.projects import MilestoneKind as MK
from tiendo.domain.projects import ProjectKind, ProjectStatus
from tiendo.domain.text import clean
from tiendo.projects.models import (
    Project,
)

from .context import MilestonePlan, Plan
from .measures import _coordinate, _days, _vnd, add_months, deposit_for, month_end
from .vocabulary import TRIEU, TWO_TIER, TY, USD_RATE

REASON_TEXT = {
    Why.FORCE_MAJEURE: "ảnh hưởng của dịch Covid-19 (sự kiện bất khả kháng)",
    Why.STATE_LAND_DELAY: "Nhà nước chậm bàn giao đất do vướng mắc bồi thường, giải phóng mặt bằng",
    Why.STATE_REQUEST: "theo yêu cầu của cơ quan nhà nước có thẩm quyền",
    Why.PLANNING_CHANGE: "điều chỉnh quy hoạch chung, quy hoạch phân khu",
    Why.OBJECTIVE_CHANGE: "điều chỉnh mục tiêu, quy mô dự án",
    Why.CAPITAL_INCREASE: "tăng vốn đầu tư, mở rộng quy mô",
    Why.OTHER: "khó khăn về tài chính của nhà đầu tư",
}
SMALL_PUBLIC = 45 * TY  # below it public works are funded from one source (the local budget)
PROGRAMME_WORKS = (5 * TY, 30 * TY)  # a commune's works a national target programme co-funds
SMALL_PRIVATE = 30 * TY  # below it an investor funds the project from its own capital
EXCEPTIONS = (Why.FORCE_MAJEURE, Why.STATE_LAND_DELAY, Why.STATE_REQUEST, Why.PLANNING_CHANGE)  # INV-02


class Schedules:
    """The schedule side of `generator.Generator`: milestones, documents, capital and extensions."""

    # -- schedule, outcome, legal basis, money ------------------------------------------------------------------
    def _schedule(
        self,
        *,
        kind,
        sector,
        template,
        behaviour,
        decided,
        place,
        zone,
        agency_key,
        investor_pk,
        country,
        total,
        land,
        group,
        name,
        name_en,
        name_zh,
    ) -> Plan:
        rng = self.rng
        today = self.today
        public = kind == ProjectKind.PUBLIC
        outside = land is not None and zone is None
        end_kind = template.end
        kinds: list[MK] = []
        dues: dict[MK, date] = {}
        if public:
            approved = decided + _days(rng, 60, 300)
            base = approved
            if land:
                kinds.append(MK.SITE_CLEARANCE)
                dues[MK.SITE_CLEARANCE] = base = approved + _days(rng, 180, 450)
            kinds.append(MK.LAND_HANDOVER)
            dues[MK.LAND_HANDOVER] = base = base + _days(rng, 30, 150)
            kinds.append(MK.CONSTRUCTION_START)
            dues[MK.CONSTRUCTION_START] = base = base + _days(rng, 30, 120)
            span = {"C": (300, 720), "B": (540, 1260), "A": (900, 1800), "national": (1200, 2000)}[group]
            kinds.append(MK.COMPLETION)
            dues[MK.COMPLETION] = base + _days(rng, *span)
        else:
            approved = decided
            scale = min(1.0, math.log10(max(total / TY, 2)) / 3.5)  # 0.09 (small) .. 1 (3,000 bn and more)
            kinds.append(MK.CAPITAL_CONTRIBUTION)
            base = decided
            if outside:
                kinds.append(MK.SITE_CLEARANCE)
                dues[MK.SITE_CLEARANCE] = base = decided + _days(rng, 180, 540)
            if land:
                kinds.append(MK.LAND_HANDOVER)
                dues[MK.LAND_HANDOVER] = base = base + (_days(rng, 30, 180) if outside else _days(rng, 30, 240))
            kinds.append(MK.CONSTRUCTION_START)
            dues[MK.CONSTRUCTION_START] = base = base + _days(rng, 60, 270)
            kinds.append(end_kind)
            dues[end_kind] = base = base + timedelta(days=int(rng.randint(270, 540) * (0.6 + scale)))
            dues[MK.CAPITAL_CONTRIBUTION] = min(base, decided + _days(rng, 270, 1080))
        for kind_ in kinds:
            dues[kind_] = month_end(dues[kind_])  # schedules are registered by month ("tháng 6/2023")

        # what happened: slip accumulates along the chain; a stalled project stops at one milestone
        chain = [k for k in kinds if k != MK.CAPITAL_CONTRIBUTION]
        stall_at = rng.randrange(len(chain)) if behaviour == 2 else None
        actual: dict[MK, date | None] = {}
        slip, previous = 0, decided
        for i, kind_ in enumerate(chain):
            if stall_at is not None and i >= stall_at:
                actual[kind_] = None
                continue
            if behaviour == 0:
                slip = max(-90, min(slip + rng.randint(-50, 35), 60))
            else:
                step = rng.randint(45, 330) * (1.6 if kind_ == MK.SITE_CLEARANCE else 1.0)
                slip += int(step)
            done = max(dues[kind_] + timedelta(days=slip), previous + _days(rng, 15, 60))
            if done >= today or (i and actual[chain[i - 1]] is None):
                actual[kind_] = None
            else:
                actual[kind_] = previous = done
        if MK.CAPITAL_CONTRIBUTION in kinds:
            due = dues[MK.CAPITAL_CONTRIBUTION]
            done = {0: due - _days(rng, 0, 200), 1: due + _days(rng, 60, 700), 2: None}[behaviour]
            if done is not None and behaviour == 0:
                done = max(done, decided + _days(rng, 20, 90))
            actual[MK.CAPITAL_CONTRIBUTION] = done if done is not None and done < today else None

        milestones = [MilestonePlan(k, dues[k], dues[k], actual[k]) for k in kinds]
        documents: list[tuple[str, str, date, str, str]] = []
        by_kind = {m.kind: m for m in milestones}
        self._adjust(milestones, behaviour, decided, kind, documents, agency_key)

        # status
        end = by_kind[end_kind if not public else MK.COMPLETION]
        works = by_kind[MK.CONSTRUCTION_START]
        ended = None
        if end.done:
            status = ProjectStatus.COMPLETED if public or sector == "BDS" else ProjectStatus.OPERATING
            ended = end.done if status == ProjectStatus.COMPLETED else None
        elif works.done or (MK.LAND_HANDOVER in by_kind and by_kind[MK.LAND_HANDOVER].done):
            status = ProjectStatus.IMPLEMENTING
        else:
            status = ProjectStatus.PREPARING
        stall = None
        if behaviour == 2:
            stuck = chain[stall_at]
            stall = min(today, max(decided, by_kind[stuck].first_due - _days(rng, 30, 240)))
            if not public and decided < date(2022, 7, 1) and rng.random() < 0.3:
                terminated = by_kind[stuck].current_due + _days(rng, 365, 900)
                if terminated < today - timedelta(days=30):
                    status, ended = ProjectStatus.TERMINATED, terminated
            elif rng.random() < 0.12:
                status = ProjectStatus.SUSPENDED

        # site clearance figures
        if MK.SITE_CLEARANCE in by_kind:
            m = by_kind[MK.SITE_CLEARANCE]
            area = int(land * rng.uniform(0.85, 1.0))
            households = max(3, int(area / rng.uniform(250, 1500)))
            planned = _vnd(area * rng.uniform(150_000, 900_000) + households * rng.uniform(20, 150) * TRIEU)
            share = (
                1.0
                if m.done
                else rng.uniform(0.25, 0.95)
                if m.first_due - _days(rng, 0, 365) < today
                else (rng.uniform(0.0, 0.4))
            )
            m.clearance = (
                area,
                int(area * share),
                households,
                int(households * min(1.0, share * 1.05)),
                planned,
                _vnd(planned * share),
            )

        # legal basis
        ctx = self.ctx
        province_unit = self.agency("UBND", decided)
        policy_number = policy_date = certificate_number = certificate_date = None
        if public:
            policy_date = decided
            local = bool(agency_key) and "-UB-" in agency_key
            if local:
                council = "Hội đồng nhân dân " + (
                    place.district if decided < TWO_TIER and ctx.home else f"{place.unit_type} {place.name}"
                )
            else:
                council = ctx.agency_names[self.agency("HDND", decided)]
            policy_number = self.resolution_number(decided)
            documents.append(
                (
                    "policy",
                    policy_number,
                    decided,
                    council,
                    f"Quyết định chủ trương đầu tư dự án, nhóm {group}, tổng mức đầu tư {format_vnd(total)}.",
                )
            )
            approver = ctx.agency_names.get(agency_key, "") if local else ctx.agency_names[province_unit]
            documents.append(
                (
                    "other",
                    self.decision_number(approved, "QĐ-UBND"),
                    approved,
                    approver,
                    "Quyết định phê duyệt dự án đầu tư xây dựng.",
                )
            )
        else:
            registrar = ctx.agency_names[agency_key]
            needs_policy = outside or sector in ("KCN",) or total >= 2_000 * TY and not zone
            if needs_policy:
                policy_date = decided
                policy_number = self.decision_number(decided, "QĐ-UBND")
                documents.append(
                    (
                        "policy",
                        policy_number,
                        decided,
                        ctx.agency_names[province_unit],
                        "Chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư.",
                    )
                )
            if kind == ProjectKind.FDI or zone or rng.random() < 0.6:
                certificate_number = self.certificate_number()
                certificate_date = decided + (_days(rng, 7, 60) if needs_policy else timedelta())
                summary = f"Cấp Giấy chứng nhận đăng ký đầu tư lần đầu; tổng vốn đầu tư {format_vnd(total)}"
                if kind == ProjectKind.FDI:
                    usd = f"{total / USD_RATE[decided.year] / TRIEU:.1f}".replace(".", ",")
                    summary += f" (tương đương {usd} triệu USD)"
                documents.append(("certificate", certificate_number, certificate_date, registrar, summary + "."))
        land_decision = land_handover = None
        if land:
            handed = by_kind.get(MK.LAND_HANDOVER)
            cleared = by_kind.get(MK.SITE_CLEARANCE)
            if handed and handed.done:
                land_handover = handed.done
                if outside:
                    land_decision = max(
                        cleared.done if cleared and cleared.done else decided, handed.done - _days(rng, 5, 45)
                    )
            elif cleared and cleared.done and outside:
                day = cleared.done + _days(rng, 15, 120)
                land_decision = day if day < today else None
            if land_decision:
                documents.append(
                    (
                        "land",
                        self.decision_number(land_decision, "QĐ-UBND"),
                        land_decision,
                        ctx.agency_names[self.agency("UBND", land_decision)],
                        f"Quyết định {'giao đất' if public else 'cho thuê đất'} {land:,} m².".replace(",", "."),
                    )
                )
        if status == ProjectStatus.TERMINATED:
            documents.append(
                (
                    "other",
                    self.decision_number(ended, "QĐ-UBND"),
                    ended,
                    ctx.agency_names[self.agency("UBND", ended)],
                    "Quyết định chấm dứt hoạt động dự án đầu tư (Điều 48 khoản 2 Luật Đầu tư).",
                )
            )

        # capital increase for some running private projects (an amended certificate)
        if not public and certificate_number and status != ProjectStatus.TERMINATED and rng.random() < 0.1:
            day = decided + _days(rng, 200, 1500)
            if day < today:
                before = total
                total = _vnd(total * rng.uniform(1.2, 2.0))
                documents.append(
                    (
                        "adjustment",
                        certificate_number,
                        day,
                        ctx.agency_names[self.agency("BQLKCN" if zone else "SKHDT", day)],
                        f"Điều chỉnh tăng tổng vốn đầu tư từ {format_vnd(before)} lên {format_vnd(total)}.",
                    )
                )

        # deposit (ký quỹ): projects the State gives land to, outside zones (INV-06/07)
        deposit, deposit_status = 0, Dep.NOT_REQUIRED
        if not public and outside:
            deposit = deposit_for(total)
            if status == ProjectStatus.TERMINATED:
                deposit_status = Dep.FORFEITED if rng.random() < 0.6 else Dep.REQUIRED
            elif status in (ProjectStatus.OPERATING, ProjectStatus.COMPLETED) and rng.random() < 0.6:
                deposit_status = Dep.REFUNDED
            else:
                deposit_status = Dep.REQUIRED if rng.random() < (0.3 if behaviour else 0.06) else Dep.PAID

        # capital sources, as a project of this size and kind is funded: a commune's works and small works from
        # the local budget alone; the central budget (and ODA) only in the province's large works (group A/B or
        # from 45 bn); investors from their own capital, with bank loans for the larger projects
        if public:
            local = bool(agency_key) and "-UB-" in agency_key
            if local and PROGRAMME_WORKS[0] <= total <= PROGRAMME_WORKS[1] and rng.random() < 0.3:
                # a national target programme (new rural areas) pays most of a commune's road or school
                central = rng.choice([0.5, 0.6, 0.7])
                sources = [(Src.CENTRAL_BUDGET, central), (Src.LOCAL_BUDGET, 1 - central)]
            elif local or total < SMALL_PUBLIC:
                sources = [(Src.LOCAL_BUDGET, 1.0)]
            elif group in ("A", "B", "national") and rng.random() < 0.12:
                oda = rng.uniform(0.5, 0.8)
                sources = [(Src.ODA, oda), (Src.LOCAL_BUDGET, 1 - oda)]
            elif group in ("A", "B", "national") or rng.random() < 0.3:
                central = rng.choice([0.3, 0.5, 0.7])
                sources = [(Src.CENTRAL_BUDGET, central), (Src.LOCAL_BUDGET, 1 - central)]
            else:
                sources = [(Src.LOCAL_BUDGET, 1.0)]
        elif total < SMALL_PRIVATE:
            sources = [(Src.EQUITY, 1.0)]
        else:
            equity = (
                rng.choice([1.0, 0.5, 0.4, 0.3, 0.25, 0.2])
                if kind == ProjectKind.PRIVATE
                else (rng.choice([1.0, 1.0, 0.6, 0.4, 0.3]))
            )
            sources = [(Src.EQUITY, equity), (Src.LOAN, 1 - equity)]
        amounts = [(s.value, _vnd(total * share)) for s, share in sources if share > 0]
        amounts[-1] = (amounts[-1][0], total - sum(a for _s, a in amounts[:-1]))

        if ctx.home:
            lat, lon = place.centre
            latitude = _coordinate(lat + rng.uniform(-0.01, 0.01))  # around its commune (context.commune_centre)
            longitude = _coordinate(lon + rng.uniform(-0.01, 0.01))
        else:
            latitude = longitude = None
        code = self.code(decided)
        name = clean(name)
        project = Project(
            code=code,
            name=name,
            name_en=name_en,
            name_zh=name_zh,
            kind=kind.value,
            status=status.value,
            group=group,
            sector_id=self.sectors[sector],
            commune_id=place.pk,
            zone_id=zone[0] if zone else None,
            latitude=latitude,
            longitude=longitude,
            investor_id=investor_pk,
            agency_id=ctx.agencies.get(agency_key) if agency_key else None,
            total_investment=total,
            policy_decision_number=policy_number or "",
            policy_decision_date=policy_date,
            certificate_number=certificate_number or "",
            certificate_date=certificate_date,
            land_area_m2=Decimal(land) if land else None,
            land_decision_date=land_decision,
            land_handover_date=land_handover,
            deposit_amount=deposit,
            deposit_status=deposit_status.value,
            search_key=Project.make_search_key(code, name, name_en),
        )
        # progress curve: works from construction start to the end milestone (done, or projected when slow)
        works_start = works.done or (None if behaviour == 2 else works.current_due + timedelta(days=max(slip, 0)))
        if end.done:
            works_end = end.done
        elif behaviour == 2:
            works_end = None
        else:
            works_end = max(end.current_due, end.first_due + timedelta(days=max(slip, 0) + rng.randint(60, 400)))
        plan = Plan(
            project,
            milestones,
            amounts,
            documents,
            behaviour,
            decided,
            works_start,
            works_end,
            stall,
            ended,
            reporter=self.reporter(project, investor_pk),
        )
        if not public and end_kind == MK.OPERATION:
            per_job = {"DT": 0.4, "DM": 0.25, "CB": 1.5, "KCN": 20.0}.get(sector, 3.0) * TY  # investment per worker
            plan.jobs = max(10, int(total / per_job * rng.uniform(0.5, 1.5)))
            plan.revenue = _vnd(total * rng.uniform(0.3, 1.6))
        return plan

    def _adjust(self, milestones, behaviour, decided, kind, documents, agency_key) -> None:
        """Extensions granted to slow and stalled projects: 6–24 months, for every milestone still open."""
        rng, today = self.rng, self.today
        chance = (0.025, 0.30, 0.42)[behaviour]
        if rng.random() >= chance:
            return
        cumulative = 0
        last = decided + timedelta(days=60)
        for round_ in range(2 if rng.random() < 0.35 else 1):
            late = [
                m
                for m in milestones
                if (m.done is None or m.done > m.current_due + timedelta(days=30))
                and m.current_due - timedelta(days=90) <= today
                and (m.done is None or m.done > last)
            ]
            if not late:
                return
            first = min(late, key=lambda m: m.current_due)
            day = min(
                max(first.current_due + _days(rng, -75, 150), last + timedelta(days=90)), today - timedelta(days=7)
            )
            if day <= last:
                return
            months = rng.choice([6, 6, 9, 12, 12, 12, 18, 24]) if round_ == 0 else rng.choice([6, 6, 9, 12])
            cumulative += months
            covid = date(2020, 3, 1) <= day <= date(2022, 6, 30)
            if covid and rng.random() < 0.6:
                reason = Why.FORCE_MAJEURE
            elif cumulative > 24 and rng.random() < 0.8:
                reason = rng.choice(
                    [Why.STATE_LAND_DELAY, Why.STATE_LAND_DELAY, Why.PLANNING_CHANGE, Why.STATE_REQUEST]
                )
            else:
                reason = rng.choices(list(Why), [0, 30, 10, 10, 5, 5, 25])[0]
            if kind == ProjectKind.PUBLIC:
                number = self.resolution_number(day)
                issuer = self.ctx.agency_names.get(self.agency("HDND", day), "")
            else:
                number = self.decision_number(day, "QĐ-UBND")
                issuer = self.ctx.agency_names[self.agency("UBND", day)]
            touched = 0
            for m in milestones:
                if m.done is not None and m.done <= day:
                    continue
                new_due = month_end(add_months(m.current_due, months))
                m.adjustments.append((number, day, m.current_due, new_due, reason.value))
                m.current_due = new_due
                touched += 1
            if touched:
                documents.append(
                    (
                        "adjustment",
                        number,
                        day,
                        issuer,
                        f"Điều chỉnh tiến độ thực hiện dự án thêm {months} tháng; lý do: {REASON_TEXT[reason]}.",
                    )
                )
            last = day
