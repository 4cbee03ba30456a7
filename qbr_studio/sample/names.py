"""Fixed lists behind the sample review: our company, the CSM's book of 40 accounts, name pools.

Everything here is fictional. The account table is hand-made so the demo tells a coherent
story (who is healthy, who is slipping, who renews when); the generator adds the noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

COMPANY = "Northwind Analytics"
CSM = "Maya Okafor"
TEAM = "Enterprise East"
CURRENCY = "USD"

PRODUCTS: dict[str, str] = {
    "I": "Insight",
    "P": "Pipelines",
    "F": "Forecast",
    "A": "Assist",
    "G": "Govern",
}
"""Our product suite by one-letter code: Insight (dashboards, the core product and home of the key
feature, building and scheduling dashboards), Pipelines (data integration), Forecast (predictive
models), Assist (plain-English questions answered by AI), Govern (access and data governance)."""

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, used instead of ``strftime("%B")``, which follows the process locale."""

ACCOUNT_MANAGERS: dict[str, str] = {
    "Northeast": "Daniel Reyes",
    "Mid-Atlantic": "Priya Natarajan",
    "Great Lakes": "Tom Whitaker",
    "Southeast": "Sofia Lindqvist",
    "Eastern Canada": "Sofia Lindqvist",
}
"""Our account manager for each region of the Enterprise East territory."""


class Profile(str, Enum):
    """The usage story of an account over the 18 months of data, which also sets its health.

    GROW: utilization climbs to 80–90 % (green). FLAT: stuck near 60 %, few users build
    dashboards (yellow). DECLINE: healthy until mid-period, then falls to ~30 % (red).
    RECOVER: the deep-dive account, dipped after a merger and climbing back (yellow).
    """

    GROW = "grow"
    FLAT = "flat"
    DECLINE = "decline"
    RECOVER = "recover"


@dataclass(frozen=True)
class AccountSeed:
    """One hand-made row of the sample book.

    ``key`` is a short handle the narratives use to find the account; ``arr`` is in dollars;
    ``renewal_offset`` is the number of months after the last month of the quarter under review
    in which the contract renews (0 = later this month, 1–3 = next quarter, ...); ``products`` is
    a string of :data:`PRODUCTS` codes; ``partner`` is (partner name, how the customer uses it).
    """

    key: str
    name: str
    industry: str
    region: str
    profile: Profile
    arr: int
    renewal_offset: int
    products: str
    domain: str
    partner: tuple[str, str] | None = None


G, F, D, R = Profile.GROW, Profile.FLAT, Profile.DECLINE, Profile.RECOVER

IMPLEMENTATION = "Implementation"
STAFF_AUG = "Staff augmentation"
LARKSPUR = ("Larkspur Data Consulting", IMPLEMENTATION)
FERNCLIFF = ("Ferncliff Partners", IMPLEMENTATION)
TALVIO = ("Talvio Technical Staffing", STAFF_AUG)
BLUEPINE = ("Bluepine Technical Services", STAFF_AUG)

HC, MF, RT, FS = "Healthcare", "Manufacturing", "Retail", "Financial services"
LG, ED, PS, MD = "Logistics", "Education", "Public sector", "Media"
EN, PR, HO = "Energy & utilities", "Professional services", "Hospitality"
NE, MA, GL, SE, CA = "Northeast", "Mid-Atlantic", "Great Lakes", "Southeast", "Eastern Canada"

# fmt: off
ACCOUNTS: tuple[AccountSeed, ...] = (
    AccountSeed("riverbend", "Riverbend Health Network", HC, MA, R, 540_000, 2, "IPF",
                "riverbendhealth.org", LARKSPUR),
    AccountSeed("cedarvalley", "Cedar Valley Medical Partners", HC, NE, G, 165_000, 8, "IP",
                "cedarvalleymed.org"),
    AccountSeed("lakeshore", "Lakeshore Pediatric Alliance", HC, GL, G, 88_000, 9, "I",
                "lakeshorepeds.org"),
    AccountSeed("summitcare", "Summitcare Home Health", HC, SE, D, 72_000, 3, "IA",
                "summitcarehh.com"),
    AccountSeed("ambrose", "Ambrose Clinical Laboratories", HC, NE, F, 120_000, 7, "IPG",
                "ambroselabs.com"),
    AccountSeed("halvorsen", "Halvorsen Precision Components", MF, GL, G, 310_000, 4, "IPF",
                "halvorsenprecision.com", FERNCLIFF),
    AccountSeed("ironbridge", "Ironbridge Fabrication", MF, GL, F, 64_000, 10, "I",
                "ironbridgefab.com"),
    AccountSeed("kestrel", "Kestrel Aerospace Systems", MF, NE, G, 475_000, 8, "IPFG",
                "kestrelaero.com", BLUEPINE),
    AccountSeed("tidewater", "Tidewater Packaging Co.", MF, SE, D, 135_000, 5, "IP",
                "tidewaterpkg.com"),
    AccountSeed("marlow", "Marlow Industrial Coatings", MF, MA, G, 48_000, 11, "I",
                "marlowcoatings.com"),
    AccountSeed("brennanholt", "Brennan & Holt Machine Works", MF, GL, G, 36_000, 9, "I",
                "brennanholt.com"),
    AccountSeed("juniperlane", "Juniper Lane Outfitters", RT, NE, G, 142_000, 6, "IA",
                "juniperlane.com"),
    AccountSeed("copperleaf", "Copperleaf Home Goods", RT, SE, F, 78_000, 2, "IF",
                "copperleafhome.com"),
    AccountSeed("fairmont", "Fairmont Grocers Cooperative", RT, MA, G, 260_000, 10, "IPF",
                "fairmontgrocers.coop"),
    AccountSeed("bayfield", "Bayfield Outdoor Supply", RT, CA, D, 54_000, 0, "I",
                "bayfieldoutdoor.ca"),
    AccountSeed("meridale", "Meridale Footwear", RT, NE, G, 31_000, 4, "I", "meridale.com"),
    AccountSeed("graniteharbor", "Granite Harbor Credit Union", FS, NE, G, 185_000, 3, "IFA",
                "graniteharborcu.org"),
    AccountSeed("ashford", "Ashford Mutual Insurance", FS, MA, G, 590_000, 11, "IPFAG",
                "ashfordmutual.com", TALVIO),
    AccountSeed("wexley", "Wexley Capital Advisors", FS, NE, F, 92_000, 1, "IA",
                "wexleycapital.com"),
    AccountSeed("pennock", "Pennock Community Bank", FS, SE, G, 58_000, 7, "I",
                "pennockbank.com"),
    AccountSeed("corliss", "Corliss Lending Group", FS, MA, D, 245_000, 8, "IF",
                "corlisslending.com"),
    AccountSeed("kittering", "Kittering Freight Lines", LG, GL, G, 224_000, 2, "IPF",
                "kitteringfreight.com", FERNCLIFF),
    AccountSeed("fallowfield", "Fallowfield Logistics", LG, MA, F, 104_000, 10, "IP",
                "fallowfieldlogistics.com"),
    AccountSeed("calder", "Calder Cold Chain", LG, NE, G, 156_000, 11, "IPA",
                "caldercoldchain.com"),
    AccountSeed("pelican", "Pelican Port Services", LG, SE, G, 67_000, 5, "I",
                "pelicanport.com"),
    AccountSeed("eastbrook", "Eastbrook State University", ED, NE, G, 205_000, 7, "IA",
                "eastbrook.edu"),
    AccountSeed("hollis", "Hollis County Public Schools", ED, MA, F, 46_000, 3, "I",
                "hollisschools.org"),
    AccountSeed("wrenfield", "Wrenfield College", ED, NE, G, 39_000, 8, "I", "wrenfield.edu"),
    AccountSeed("harmonvalley", "Harmon Valley Community College", ED, GL, D, 28_000, 6, "I",
                "harmonvalley.edu"),
    AccountSeed("portadley", "City of Port Adley", PS, NE, G, 132_000, 4, "IG",
                "portadley.gov"),
    AccountSeed("marshcounty", "Marsh County Department of Transportation", PS, SE, F, 86_000,
                9, "IP", "marshcountydot.gov"),
    AccountSeed("kelso", "Kelso River Water Authority", PS, MA, G, 74_000, 1, "IPF",
                "kelsowater.org"),
    AccountSeed("lanternfish", "Lanternfish Media Group", MD, NE, G, 148_000, 10, "IA",
                "lanternfishmedia.com"),
    AccountSeed("stillwater", "Stillwater Broadcasting", MD, GL, G, 97_000, 5, "I",
                "stillwaterbroadcasting.com"),
    AccountSeed("papercrane", "Paper Crane Publishing", MD, NE, F, 42_000, 6, "I",
                "papercranebooks.com"),
    AccountSeed("ridgeline", "Ridgeline Energy Cooperative", EN, GL, G, 214_000, 9, "IPF",
                "ridgelinecoop.org", LARKSPUR),
    AccountSeed("fundytide", "Fundy Tide Wind Partners", EN, CA, G, 61_000, 7, "IF",
                "fundytidewind.ca"),
    AccountSeed("quarryvale", "Quarry & Vale LLP", PR, NE, G, 118_000, 3, "IA",
                "quarryvale.law"),
    AccountSeed("hartwell", "Hartwell Engineering Group", PR, MA, G, 176_000, 0, "IPF",
                "hartwelleng.com", BLUEPINE),
    AccountSeed("saltmarsh", "Saltmarsh Hotels & Resorts", HO, SE, F, 125_000, 4, "IA",
                "saltmarshhotels.com"),
)
# fmt: on
"""The CSM's book, in the order the CRM export lists it."""

ACCOUNT_IDS: dict[str, str] = {seed.key: f"ACC-{1001 + i}" for i, seed in enumerate(ACCOUNTS)}
"""CRM id of each account by its seed key: ACC-1001 for the first row of the export, and so on."""

DEEP_DIVE_KEY = "riverbend"
"""The account of the deep dive: a regional hospital network recovering from a merger."""

RIVERBEND_MERGER_INDEX = 8
"""Index in the 18 usage months of the month the deep-dive account's merger closed."""

SILENT_KEYS = ("saltmarsh", "papercrane")
"""Yellow accounts that, like every red one, barely open or answer our emails."""

EXEC_ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    HC: (("Chief Operating Officer", "Bed capacity and staffing costs"),),
    MF: (("VP Operations", "Scrap, downtime and on-time delivery"),),
    RT: (("VP Merchandising", "Inventory turns and out-of-stocks"),),
    FS: (("Chief Operating Officer", "Member growth and regulatory reporting"),),
    LG: (("VP Network Operations", "On-time delivery and cost per mile"),),
    ED: (("Vice Provost, Student Success", "Student retention and enrollment"),),
    PS: (("Chief Data Officer", "Transparent service metrics for residents"),),
    MD: (("Chief Revenue Officer", "Audience growth and ad yield"),),
    EN: (("VP Grid Operations", "Outage minutes and asset maintenance"),),
    PR: (("Managing Partner", "Billable utilization and project margins"),),
    HO: (("VP Revenue Management", "RevPAR and guest satisfaction"),),
}
"""The executive sponsor's role and what they care about, by industry."""

SUPPORT_ROLES: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("Director of Analytics", "Self-serve dashboards, fewer ad-hoc report requests"),
        ("Head of Business Intelligence", "One trusted set of KPIs across teams"),
        ("Reporting Manager", "Faster month-end reporting"),
    ),
    (
        ("IT Director", "Security reviews, SSO and fewer tools to support"),
        ("Enterprise Architect", "Clean integrations with core systems"),
        ("Data Engineering Lead", "Reliable data feeds and less pipeline upkeep"),
    ),
    (
        ("Procurement Manager", "Cost per seat and renewal terms"),
        ("Finance Director", "Proof of ROI before any new spend"),
    ),
)
"""Roles (with interests) of the 2nd, 3rd and 4th stakeholder of an account: data, IT, money."""

FIRST_NAMES = (
    "Aisha", "Alejandro", "Amara", "Ben", "Carmen", "Chen", "Claire", "Dana", "Darnell", "Elena",
    "Emeka", "Farah", "Gareth", "Grace", "Hannah", "Hiroshi", "Ines", "Isaac", "Jamal", "Jenna",
    "Joaquin", "Julia", "Kavya", "Keith", "Lena", "Leon", "Lucia", "Malik", "Maren", "Mateo",
    "Mei", "Nadia", "Nathan", "Nia", "Omar", "Paula", "Rafael", "Rachel", "Rohan", "Ruth",
    "Samir", "Sara", "Sean", "Simone", "Tariq", "Tessa", "Victor", "Wen", "Yusuf", "Zoe",
)  # fmt: skip

LAST_NAMES = (
    "Abernathy", "Adeyemi", "Alvarez", "Bauer", "Bhatt", "Brennan", "Calloway", "Chowdhury",
    "Costa", "Dalton", "Dubois", "Eriksen", "Farrow", "Fitzgerald", "Gallagher", "Greer",
    "Haddad", "Halloran", "Ibarra", "Jansen", "Kaminski", "Kowalczyk", "Larsen", "Lopez",
    "Mahoney", "Marchetti", "McBride", "Mensah", "Moreau", "Nakamura", "Novak", "Ortega",
    "Pereira", "Quinlan", "Ramsey", "Rinaldi", "Sandoval", "Schultz", "Sorensen", "Takahashi",
    "Thornton", "Underwood", "Vasquez", "Voss", "Wakefield", "Weller", "Yamada", "Zielinski",
)  # fmt: skip

TICKET_SUBJECTS: dict[str, tuple[str, ...]] = {
    "How-to": (
        "How do I share a dashboard with another team?",
        "How to schedule a weekly report by email",
        "Which filter shows last quarter only?",
        "How do I add a calculated field?",
        "Training request for new analysts",
        "How to export a chart to PowerPoint",
    ),
    "Data sync": (
        "Nightly sync failed with timeout",
        "Numbers differ from source system",
        "Connector stopped after password change",
        "Duplicate rows after incremental load",
    ),
    "Login & access": (
        "SSO login loops back to sign-in page",
        "New users not provisioned from directory",
        "Locked out after MFA reset",
    ),
    "Performance": (
        "Dashboard takes over a minute to load",
        "Scheduled report delivered hours late",
    ),
    "Bug": (
        "Chart labels overlap on export",
        "Date filter resets when switching tabs",
        "Drill-down shows blank table",
    ),
    "Feature request": (
        "Request: fiscal-year calendar support",
        "Request: row-level permissions by region",
        "Request: dark mode for wall displays",
    ),
}
"""Ticket subjects by category. How-to and access tickets dominate in accounts that never
matured their adoption, which is one of the warning signs the brief names."""

NPS_COMMENTS: dict[str, tuple[str, ...]] = {
    "promoter": (
        "Our teams finally look at the same numbers.",
        "Support is fast and knows our setup.",
        "Saves my analysts hours every week.",
        "The dashboards run our weekly ops meeting.",
        "",
    ),
    "passive": (
        "Useful, but only a few people build reports.",
        "Good product; onboarding new staff is slow.",
        "Fine for reporting, we need more training.",
        "",
    ),
    "detractor": (
        "Hard to get value without a dedicated analyst.",
        "Too many data sync issues this year.",
        "Our team went back to spreadsheets.",
        "Not sure we use enough of it to justify the cost.",
    ),
}
"""Survey comments by NPS band (promoter 9–10, passive 7–8, detractor 0–6); "" = no comment."""

RIVERBEND_STAKEHOLDERS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Dr. Alana Whitcombe",
        "Chief Medical Information Officer",
        "Clinician time back; one capacity view across all sites",
        "champion",
    ),
    (
        "Renee Castillo",
        "VP Nursing Operations",
        "Bed and staffing dashboards for charge nurses",
        "supporter",
    ),
    (
        "Marcus Feld",
        "Chief Financial Officer",
        "Merger synergies; proof of ROI before renewing",
        "neutral",
    ),
    (
        "Gordon Pike",
        "Chief Information Officer (from St. Aldric)",
        "Fewer vendors; leans to EHR-native reporting",
        "detractor",
    ),
)
"""The deep-dive account's stakeholder map: (name, role, interest, sentiment value)."""

RIVERBEND_TICKETS: tuple[tuple[int, int | None, int, str, str], ...] = (
    (148, 3, 1, "Data sync", "ADT feed from new EHR rejected by Pipelines"),
    (141, 9, 2, "Data sync", "Census shows duplicate patients after MRN merge"),
    (133, 4, 2, "Login & access", "St. Aldric staff cannot sign in through SSO"),
    (120, 6, 3, "How-to", "How do I give new nursing units their own dashboard?"),
    (104, 12, 2, "Data sync", "Admissions forecast stale since EHR cutover"),
    (77, 5, 4, "Feature request", "Request: site filter for St. Aldric hospitals"),
    (58, 4, 3, "How-to", "Training for St. Aldric bed managers"),
    (20, None, 2, "Performance", "Census refresh lags 40 minutes at shift change"),
    (9, None, 2, "Performance", "Discharge feed late during evening batch"),
)
"""The deep-dive account's tickets: (days before the data cut-off it was opened, days to close or
None if still open, severity 1–4, category, subject). They trace the post-merger feed rebuild."""


@dataclass(frozen=True)
class ExpansionSeed:
    """One expansion or cross-sell opportunity of the sample pipeline.

    ``kind`` is an OpportunityKind value; ``product`` the :data:`PRODUCTS` code sold (for a
    cross-sell, one the account does not own yet); ``amount`` new ARR in dollars;
    ``months_ahead`` how many months after the quarter's last month it should close.
    """

    key: str
    kind: str
    product: str
    title: str
    amount: int
    stage: str
    months_ahead: int
    risk: str
    next_step: str


EXPANSIONS: tuple[ExpansionSeed, ...] = (
    ExpansionSeed("halvorsen", "expansion", "I", "Insight for Dayton and Erie plants", 85_000,
                  "Commit", 0, "low", "Order form with procurement for signature"),
    ExpansionSeed("ashford", "expansion", "I", "300 Insight seats for claims", 120_000,
                  "Negotiation", 1, "low", "Final pricing call with CFO"),
    ExpansionSeed("kittering", "expansion", "P", "Pipelines for telematics feeds", 40_000,
                  "Negotiation", 2, "low", "Co-term with renewal quote"),
    ExpansionSeed("kestrel", "cross_sell", "A", "Assist for engineering teams", 95_000,
                  "Proposal", 2, "low", "Pilot results review with VP Operations"),
    ExpansionSeed("fairmont", "cross_sell", "A", "Assist for store managers", 55_000,
                  "Proposal", 3, "low", "Business case with VP Merchandising"),
    ExpansionSeed("ridgeline", "cross_sell", "G", "Govern for NERC CIP audit trail", 75_000,
                  "Proposal", 3, "medium", "Security review with IT Director"),
    ExpansionSeed("eastbrook", "expansion", "I", "400 faculty advisor seats", 70_000,
                  "Qualification", 4, "medium", "Confirm budget owner in Provost office"),
    ExpansionSeed("calder", "cross_sell", "F", "Forecast for spoilage risk", 48_000,
                  "Qualification", 4, "low", "Scope model with data team"),
    ExpansionSeed("graniteharbor", "cross_sell", "P", "Pipelines for core banking feeds", 60_000,
                  "Discovery", 5, "low", "Discovery workshop with IT"),
    ExpansionSeed("lanternfish", "cross_sell", "F", "Forecast for ad yield", 65_000,
                  "Discovery", 6, "medium", "Find an executive sponsor"),
)  # fmt: skip
"""The expansion and cross-sell pipeline, biggest bets at healthy accounts."""

STAGES = ("Discovery", "Qualification", "Proposal", "Negotiation", "Commit")
"""Opportunity stages, earliest first."""
