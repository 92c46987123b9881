"""Set up an installation for one of today's 34 provinces: its communes and agencies from the catalogue
(`tiendo.agencies.provinces`), the sectors projects are classified by, the first administrator, and the installation
run by the province's Department of Finance.

One transaction; what exists already (by code) is left as it is, so a second run writes nothing. The administrator
is created by the system (no author); everything else is written by the administrator, whose name the history
rows carry. A database set up for another province is refused.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from tiendo.accounts import services as account_services
from tiendo.agencies import loading as agency_loading
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.agencies.provinces import ProvinceEntry
from tiendo.core import access
from tiendo.domain.access import Role
from tiendo.domain.text import search_key
from tiendo.projects import loading as project_loading
from tiendo.projects.models import Sector
from tiendo.workdays.loading import load_declared_days

User = get_user_model()

# Sectors a project is classified by, with the demo's codes: (code, Vietnamese, English, Chinese)
SECTORS = [
    ("GT", "Giao thông", "Transport", "交通"),
    ("TL", "Thủy lợi, đê điều", "Irrigation and dykes", "水利与堤防"),
    ("YT", "Y tế", "Health", "医疗卫生"),
    ("GD", "Giáo dục và đào tạo", "Education and training", "教育培训"),
    ("VH", "Văn hóa, thể thao", "Culture and sports", "文化体育"),
    ("CB", "Công nghiệp chế biến, chế tạo", "Manufacturing", "加工制造业"),
    ("DT", "Điện tử", "Electronics", "电子"),
    ("DM", "Dệt may, da giày", "Textiles, garments and footwear", "纺织服装鞋类"),
    ("VL", "Vật liệu xây dựng", "Building materials", "建筑材料"),
    ("LOG", "Logistics và kho bãi", "Logistics and warehousing", "物流仓储"),
    ("BDS", "Bất động sản, khu đô thị", "Real estate and urban areas", "房地产与城市区"),
    ("NN", "Nông nghiệp công nghệ cao", "High-tech agriculture", "高科技农业"),
    ("NL", "Năng lượng", "Energy", "能源"),
    ("DL", "Du lịch", "Tourism", "旅游"),
    ("TM", "Thương mại, dịch vụ", "Trade and services", "商业服务"),
    ("MT", "Cấp thoát nước và môi trường", "Water supply, drainage and environment", "供排水与环境"),
    ("KCN", "Hạ tầng khu, cụm công nghiệp", "Industrial zone and cluster infrastructure", "工业区基础设施"),
]


class SetupRefused(Exception):
    """A setup that cannot go on: another province, an account that is not an administrator, a missing
    password; the message is one Vietnamese sentence."""


@dataclass
class SetupResult:
    province: str
    province_code: str
    units_created: int = 0
    units_total: int = 0
    communes: int = 0
    agencies_created: int = 0
    agencies_total: int = 0
    sectors_created: int = 0
    declared_days_created: int = 0
    admin: str = ""
    admin_created: bool = False
    password_changed: bool = False
    installation_created: bool = False
    operating_agency: str = ""

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created
            or self.agencies_created
            or self.sectors_created
            or self.declared_days_created
            or self.admin_created
            or self.password_changed
            or self.installation_created
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "changed": self.changed}


def refuse_other_province(entry: ProvinceEntry) -> None:
    """An installation serves one province: a database set up for another is refused, whole."""
    installation = Installation.current()
    if installation is None:
        return
    province = installation.province
    if province.code != entry.prefix:
        raise SetupRefused(
            f"Cơ sở dữ liệu này đã được thiết lập cho {province.unit_type} {province.name}: không thể thiết lập "
            f"thêm {entry.title}. Mỗi tỉnh, thành phố dùng một cơ sở dữ liệu riêng (DATABASE_URL)."
        )
    communes = [unit.code for unit in entry.units if unit.code != entry.prefix]
    if not AdminUnit.objects.filter(code__in=communes).exists():
        # the same province with communes of another making (the demo's): adding the real ones beside them would
        # give every commune two records of one name
        raise SetupRefused(
            f"Cơ sở dữ liệu này đã có {entry.title} nhưng không do tiendo setup tạo (ví dụ dữ liệu mẫu của tiendo "
            "demo): hãy thiết lập trên một cơ sở dữ liệu trống."
        )


def account_exists(username: str) -> bool:
    return User.objects.filter(username=username).exists()


@transaction.atomic
def set_up_province(entry: ProvinceEntry, *, admin: str, password: str | None) -> SetupResult:
    """Write what the province's catalogue entry holds and the database lacks; `password` None keeps an existing
    administrator's password (a new one needs it). Raises SetupRefused, or ValidationError for a password the
    validators refuse."""
    refuse_other_province(entry)
    result = SetupResult(province=entry.title, province_code=f"{entry.official_code:02d}")
    user = _administrator(admin, password, result)
    units = _units(entry, user, result)
    agencies = _agencies(entry, units, user, result)
    result.sectors_created = _sectors()
    # the days off and make-up working days the Government declared: deadlines count on them from the first day
    result.declared_days_created = load_declared_days(actor=user)
    if Installation.current() is None:
        operator = agencies[entry.operator_code]
        agency_loading.set_up_installation(units[entry.prefix], operator, actor=user)
        Installation.forget_names()
        result.installation_created = True
    owner = Installation.current().owner_agency  # type: ignore[union-attr]
    result.operating_agency = owner.name if owner else ""
    return result


def _administrator(username: str, password: str | None, result: SetupResult):
    result.admin = username
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise SetupRefused(f"Tài khoản quản trị '{username}' chưa có: cần mật khẩu (nhập hoặc --password-file).")
        user = User(username=username, role=Role.ADMIN.value, is_superuser=True, full_name="Quản trị hệ thống")
        account_services.create_user(user, actor=None, password=password)
        result.admin_created = True
        return user
    if not user.is_active or not access.can(user, "manage_users"):
        raise SetupRefused(
            f"Tài khoản '{username}' đã có nhưng không phải quản trị viên đang hoạt động: chọn tên khác cho --admin."
        )
    if password:
        account_services.set_password(user, actor=user, password=password, reason="Đặt mật khẩu khi thiết lập")
        result.password_changed = True
    return user


def _units(entry: ProvinceEntry, actor, result: SetupResult) -> dict[str, AdminUnit]:
    codes = [unit.code for unit in entry.units]
    existing = {unit.code: unit for unit in AdminUnit.objects.filter(code__in=codes)}
    province = existing.get(entry.prefix)
    new: list[AdminUnit] = []
    for spec in entry.units:
        if spec.code in existing:
            continue
        unit = AdminUnit(
            code=spec.code,
            name=spec.name,
            name_en=spec.name_en,
            name_zh=spec.name_zh,
            unit_type=spec.unit_type,
            level=spec.level,
            parent=None if spec.code == entry.prefix else province,
            valid_from=spec.valid_from,
            search_key=search_key(f"{spec.unit_type} {spec.name}"),
        )
        if spec.code == entry.prefix:
            province = unit
        new.append(unit)
    agency_loading.add_admin_units(new, actor=actor)
    result.units_created = len(new)
    result.units_total = len(codes)
    result.communes = len(codes) - 1
    return {**existing, **{unit.code: unit for unit in new}}


def _agencies(entry: ProvinceEntry, units: dict[str, AdminUnit], actor, result: SetupResult) -> dict[str, Agency]:
    codes = [agency.code for agency in entry.agencies]
    known = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
    new: dict[str, Agency] = {}
    for spec in entry.agencies:
        if spec.code in known:
            continue
        new[spec.code] = Agency(
            code=spec.code,
            name=spec.name,
            name_en=spec.name_en,
            name_zh=spec.name_zh,
            short_name=spec.short_name,
            kind=spec.kind,
            parent=(new.get(spec.parent) or known.get(spec.parent)) if spec.parent else None,
            admin_unit=units[spec.unit],
            valid_from=spec.valid_from,
            search_key=search_key(" ".join(p for p in (spec.name, spec.short_name, spec.code, spec.name_en) if p)),
        )
    agency_loading.add_agencies(list(new.values()), actor=actor)
    result.agencies_created = len(new)
    result.agencies_total = len(codes)
    return {**known, **new}


def _sectors() -> int:
    """The sectors a workbook may name, with the demo's codes, when none of that code exists."""
    known = set(Sector.objects.values_list("code", flat=True))
    missing = [Sector(code=c, name=vi, name_en=en, name_zh=zh) for c, vi, en, zh in SECTORS if c not in known]
    project_loading.add_sectors(missing)
    return len(missing)
