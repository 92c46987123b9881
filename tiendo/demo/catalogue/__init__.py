"""The demo province as data: Hải Dương from 2020, its 2025 mergers, and the 34 provinces of the nation.

Agencies and places carry real names; people, enterprises and figures are generated (see generate.py).
No Django import: the generator turns these specs into records through the same services users call.

Modules: `specs` (the shapes and the reorganisation dates), `agencies` and `places` (the data), `build` (the
catalogue of the province or the nation assembled from them).
"""

from .agencies import (
    DEPARTMENT_MERGES,
    DEPARTMENTS,
    ENDED_IN_REFORM,
    MINISTRIES,
    MINISTRY_MERGES,
    NEW_DEPARTMENTS,
    NEW_MINISTRIES,
)
from .build import ascii_name, national_catalogue, province_catalogue
from .places import COMMUNE_SYLLABLES, HAI_DUONG_DISTRICTS, PROVINCES
from .specs import DEPARTMENT_REFORM, TWO_TIER, AgencySpec, Catalogue, MergeSpec, UnitSpec

__all__ = [
    "COMMUNE_SYLLABLES",
    "DEPARTMENTS",
    "DEPARTMENT_MERGES",
    "DEPARTMENT_REFORM",
    "ENDED_IN_REFORM",
    "HAI_DUONG_DISTRICTS",
    "MINISTRIES",
    "MINISTRY_MERGES",
    "NEW_DEPARTMENTS",
    "NEW_MINISTRIES",
    "PROVINCES",
    "TWO_TIER",
    "AgencySpec",
    "Catalogue",
    "MergeSpec",
    "UnitSpec",
    "ascii_name",
    "national_catalogue",
    "province_catalogue",
]
