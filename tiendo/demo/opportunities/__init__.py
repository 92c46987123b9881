"""The demo's projects open for investment: 24 opportunities of the former Hải Dương (from 01/07/2025 part of Hải
Phòng), listed in the provincial plan, a sector plan or the People's Committee's decisions, each with its place,
size, indicative capital, the form its investor is selected by, its land, incentives, procedure steps and contact.

Decisions:
- **Through the services, on their days.** Each opportunity is drafted, given its steps, translated, reviewed,
  published, edited and closed through tiendo.portal.services by the department's specialist, under the demo's
  clock, so the kept history and the translations' fingerprints are those the services make.
- **The form fits the trade** (docs/legal/opportunities.md OPP-01 to OPP-07): industrial-zone projects, a hospital,
  farms and the relic-zone resort by the investor's proposal with policy approval; urban areas, the waste-to-energy
  plant, a market and a school two investors asked for by bidding; commercial centres and a housing area by auction
  of land-use rights; the water plant as a PPP. A hospital or a school is never auctioned.
- **Durations from the law, agencies of today.** The steps are those whose statutory duration the research found
  (OPP-03, OPP-09 to OPP-11), decided by the agencies that exist today (Hải Phòng's People's Committee, Department
  of Finance, Economic Zone Authority, Department of Agriculture and Environment, Department of Construction).
- **Translations with real cases**: English reviewed for most, Chinese reviewed for the projects aimed at foreign
  investors (electronics, supporting industry, logistics), drafts, missing ones, and one English summary that fell
  back to draft when the Vietnamese was edited after its review.
- **Real where checked, INVENTED where not, and said so** in each data module's docstring and the README's
  "Opportunities: what is real, what is invented".

Modules: `procedure` (the steps, the listing documents, the desks), `specs` (the shape), `industry`, `urban`,
`society` (the data), `loading` (the phase).
"""

from .loading import load

__all__ = ["load"]
