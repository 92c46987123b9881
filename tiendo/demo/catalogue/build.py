"""The catalogue assembled from the data: the demo province with its agencies of each era and its 2025 mergers,
and (national scale) the other provinces with generated communes."""

from __future__ import annotations

from datetime import date

from tiendo.domain.organisation import AgencyKind, UnitLevel, chinese_name

from .agencies import (
    CENTRAL_OFFICE_MERGES,
    CENTRAL_OFFICES,
    DEPARTMENT_MERGES,
    DEPARTMENTS,
    ENDED_IN_REFORM,
    MINISTRIES,
    MINISTRY_MERGES,
    NEW_DEPARTMENTS,
    NEW_MINISTRIES,
)
from .places import COMMUNE_SYLLABLES, HAI_DUONG_DISTRICTS, PROVINCES
from .specs import DEPARTMENT_REFORM, TWO_TIER, AgencySpec, Catalogue, MergeSpec, UnitSpec


def _agency_names(
    prefix: str, key: str, name: str, short: str, en: str, zh: str, place: str, place_en: str, place_zh: str
) -> dict:
    return {
        "code": f"{prefix}-{key}",
        "name": f"{name} {place}",
        "short_name": short,
        "name_en": f"{en}, {place_en}" if en else "",
        "name_zh": f"{place_zh}{zh}" if zh else "",
    }


def _province_agencies(
    prefix: str,
    unit_type: str,
    name: str,
    name_en: str,
    name_zh: str,
    *,
    with_old: bool,
    valid_to: date | None = None,
) -> list[AgencySpec]:
    """The party committee, council, committee and departments of one province."""
    place = f"{unit_type} {name}"
    place_en = (
        name_en if name_en.endswith("City") else f"{name_en} {'City' if unit_type == 'thành phố' else 'Province'}"
    )
    party = "Thành ủy" if unit_type == "thành phố" else "Tỉnh ủy"
    agencies = [
        AgencySpec(
            code=f"{prefix}-TU",
            name=f"{party} {name}",
            kind=AgencyKind.PARTY_COMMITTEE,
            short_name=party,
            name_en=f"{place_en} Party Committee",
            name_zh=f"{name_zh}委",
            unit=prefix,
            valid_to=valid_to,
        ),
        AgencySpec(
            code=f"{prefix}-HDND",
            name=f"Hội đồng nhân dân {place}",
            kind=AgencyKind.PEOPLES_COUNCIL,
            short_name=f"HĐND {'thành phố' if unit_type == 'thành phố' else 'tỉnh'}",
            name_en=f"People's Council of {place_en}",
            name_zh=f"{name_zh}人民议会",
            unit=prefix,
            valid_to=valid_to,
        ),
        AgencySpec(
            code=f"{prefix}-UBND",
            name=f"Ủy ban nhân dân {place}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            short_name=f"UBND {'thành phố' if unit_type == 'thành phố' else 'tỉnh'}",
            name_en=f"People's Committee of {place_en}",
            name_zh=f"{name_zh}人民委员会",
            unit=prefix,
            valid_to=valid_to,
        ),
    ]
    departments = [d for d in DEPARTMENTS if with_old or d[0] not in ENDED_IN_REFORM]
    for key, dept, short, en, zh in departments:
        agencies.append(
            AgencySpec(
                kind=AgencyKind.DEPARTMENT,
                parent=f"{prefix}-UBND",
                unit=prefix,
                valid_to=valid_to,
                **_agency_names(prefix, key, dept, short, en, zh, place, place_en, name_zh),
            )
        )
    for key, dept, short, en, zh in NEW_DEPARTMENTS:
        agencies.append(
            AgencySpec(
                kind=AgencyKind.DEPARTMENT,
                parent=f"{prefix}-UBND",
                unit=prefix,
                valid_from=DEPARTMENT_REFORM if with_old else None,
                valid_to=valid_to,
                **_agency_names(prefix, key, dept, short, en, zh, place, place_en, name_zh),
            )
        )
    return agencies


def province_catalogue() -> Catalogue:
    """Hải Dương 2020 → its departments merged (01/03/2025) → the province merged into Hải Phòng (01/07/2025)."""
    cat = Catalogue(home_province="HD", home_agency="HD-SKHDT")
    end_hd = date(2025, 6, 30)
    cat.units += [
        UnitSpec("HD", "Hải Dương", "tỉnh", UnitLevel.PROVINCE, name_en="Hai Duong Province", name_zh="海阳省"),
        UnitSpec("HP", "Hải Phòng", "thành phố", UnitLevel.PROVINCE, name_en="Hai Phong City", name_zh="海防市"),
    ]
    for code, unit_type, name, name_en, name_zh, communes in HAI_DUONG_DISTRICTS:
        cat.units.append(
            UnitSpec(
                f"HD-{code}",
                name,
                unit_type,
                UnitLevel.DISTRICT,
                parent="HD",
                valid_to=end_hd,
                name_en=name_en,
                name_zh=name_zh,
            )
        )
        for index, (commune_type, commune) in enumerate(communes, start=1):
            cat.units.append(
                UnitSpec(
                    f"HP-{code}-{index:02d}",
                    commune,
                    commune_type,
                    UnitLevel.COMMUNE,
                    parent="HP",
                    valid_from=TWO_TIER,
                    formed_from=(f"HD-{code}",),
                )
            )
    # the agencies of both cities, with their pre-2025 departments
    cat.agencies += _province_agencies("HD", "tỉnh", "Hải Dương", "Hai Duong", "海阳省", with_old=True)
    cat.agencies += _province_agencies("HP", "thành phố", "Hải Phòng", "Hai Phong", "海防市", with_old=True)
    cat.agencies += [
        AgencySpec(
            "HD-BQLKCN",
            "Ban Quản lý các khu công nghiệp tỉnh Hải Dương",
            AgencyKind.BOARD,
            "BQL các KCN",
            "Hai Duong Industrial Zones Authority",
            "海阳省工业区管理委员会",
            "HD-UBND",
            "HD",
        ),
        AgencySpec(
            "HD-BQLDA",
            "Ban Quản lý dự án đầu tư xây dựng tỉnh Hải Dương",
            AgencyKind.BOARD,
            "BQLDA ĐTXD tỉnh",
            "Hai Duong Construction Investment Project Management Board",
            "海阳省建设投资项目管理委员会",
            "HD-UBND",
            "HD",
        ),
        AgencySpec(
            "HP-BQLKKT",
            "Ban Quản lý Khu kinh tế Hải Phòng",
            AgencyKind.BOARD,
            "BQL KKT",
            "Hai Phong Economic Zone Authority",
            "海防经济区管理委员会",
            "HP-UBND",
            "HP",
        ),
        AgencySpec(
            "HP-BQLDA",
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông thành phố Hải Phòng",
            AgencyKind.BOARD,
            "BQLDA giao thông",
            "Hai Phong Transport Works Project Management Board",
            "海防市交通工程项目管理委员会",
            "HP-UBND",
            "HP",
        ),
    ]
    cat.agencies += _central_offices()
    for code, unit_type, name, name_en, name_zh, communes in HAI_DUONG_DISTRICTS:
        cat.agencies.append(
            AgencySpec(
                f"HD-UB-{code}",
                f"Ủy ban nhân dân {unit_type} {name}",
                AgencyKind.PEOPLES_COMMITTEE,
                f"UBND {unit_type} {name}",
                f"People's Committee of {name_en}",
                f"{name_zh}人民委员会",
                "HD-UBND",
                f"HD-{code}",
                valid_to=end_hd,
            )
        )
        for index, (commune_type, commune) in enumerate(communes, start=1):
            cat.agencies.append(
                AgencySpec(
                    f"HP-UB-{code}-{index:02d}",
                    f"Ủy ban nhân dân {commune_type} {commune}",
                    AgencyKind.COMMUNE,
                    f"UBND {commune_type} {commune}",
                    f"People's Committee of {ascii_name(commune)} {'Ward' if commune_type == 'phường' else 'Commune'}",
                    chinese_name(commune, f"{'坊' if commune_type == 'phường' else '社'}人民委员会"),
                    "HP-UBND",
                    f"HP-{code}-{index:02d}",
                    valid_from=TWO_TIER,
                )
            )
    for key, name, short, en, zh in [*MINISTRIES, *NEW_MINISTRIES]:
        cat.agencies.append(
            AgencySpec(
                f"TW-{key}",
                name,
                AgencyKind.CENTRAL,
                short,
                en,
                zh,
                valid_from=DEPARTMENT_REFORM if (key, name, short, en, zh) in NEW_MINISTRIES else None,
            )
        )

    cat.merges += [
        MergeSpec(
            DEPARTMENT_REFORM,
            "Nghị quyết 176/2025/QH15 ngày 18/02/2025",
            tuple(f"TW-{s}" for s in sources),
            f"TW-{target}",
        )
        for sources, target in MINISTRY_MERGES
    ]
    for prefix, decision in (
        ("HD", "Nghị định 45/2025/NĐ-CP; Quyết định 512/QĐ-UBND tỉnh Hải Dương"),
        ("HP", "Nghị định 45/2025/NĐ-CP; Quyết định 634/QĐ-UBND thành phố Hải Phòng"),
    ):
        cat.merges += [
            MergeSpec(DEPARTMENT_REFORM, decision, tuple(f"{prefix}-{s}" for s in sources), f"{prefix}-{target}")
            for sources, target in DEPARTMENT_MERGES
        ]
    province_merge = "Nghị quyết 202/2025/QH15 ngày 12/06/2025"
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD",), "HP", subject="unit"))
    surviving = [key for key, *_ in [*DEPARTMENTS, *NEW_DEPARTMENTS] if key not in ENDED_IN_REFORM]
    for key in ["TU", "HDND", "UBND", *surviving]:
        cat.merges.append(MergeSpec(TWO_TIER, province_merge, (f"HD-{key}",), f"HP-{key}"))
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD-BQLKCN",), "HP-BQLKKT"))
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD-BQLDA",), "HP-BQLDA"))
    for source, target, decision in CENTRAL_OFFICE_MERGES:
        cat.merges.append(MergeSpec(TWO_TIER, decision, (source,), target))
    return cat


def _central_offices() -> list[AgencySpec]:
    """The central agencies' local offices the enterprises' tax, customs and fire-safety petitions go to (not the
    province's departments), placed in the province they serve."""
    return [
        AgencySpec(
            code,
            name,
            AgencyKind.CENTRAL,
            short,
            en,
            zh,
            ministry,
            code.split("-")[0],
            valid_from=TWO_TIER if code.startswith("HP-") else None,
        )
        for code, name, short, en, zh, ministry in CENTRAL_OFFICES
    ]


def ascii_name(text: str) -> str:
    from tiendo.domain.text import search_key

    return " ".join(word.capitalize() for word in search_key(text).split())


def national_catalogue(communes_per_province: int = 98) -> Catalogue:
    """The demo province plus the 33 other provinces of today, each with departments and generated communes."""
    cat = province_catalogue()
    for code, unit_type, name, name_en, name_zh in PROVINCES:
        if code == "HP":
            continue
        prefix = f"P{code}"
        cat.units.append(UnitSpec(prefix, name, unit_type, UnitLevel.PROVINCE, name_en=f"{name_en}", name_zh=name_zh))
        cat.agencies += _province_agencies(prefix, unit_type, name, name_en, name_zh, with_old=False)
        for index in range(1, communes_per_province + 1):
            first = COMMUNE_SYLLABLES[(index * 7 + len(name)) % len(COMMUNE_SYLLABLES)]
            second = COMMUNE_SYLLABLES[(index * 13 + len(code) * 3) % len(COMMUNE_SYLLABLES)]
            commune_type = "phường" if index % 4 == 0 else "xã"
            commune = f"{first} {second}" if first != second else f"{first} {index}"
            if index > len(COMMUNE_SYLLABLES):
                commune = f"{commune} {index // len(COMMUNE_SYLLABLES) + 1}"
            unit_code = f"{prefix}-{index:03d}"
            cat.units.append(
                UnitSpec(unit_code, commune, commune_type, UnitLevel.COMMUNE, parent=prefix, valid_from=TWO_TIER)
            )
            cat.agencies.append(
                AgencySpec(
                    f"{prefix}-UB-{index:03d}",
                    f"Ủy ban nhân dân {commune_type} {commune}",
                    AgencyKind.COMMUNE,
                    f"UBND {commune_type} {commune}",
                    f"People's Committee of {ascii_name(commune)}, {name_en}",
                    f"{name_zh} {chinese_name(commune, ('坊' if commune_type == 'phường' else '社') + '人民委员会')}",
                    f"{prefix}-UBND",
                    unit_code,
                    valid_from=TWO_TIER,
                )
            )
    return cat
