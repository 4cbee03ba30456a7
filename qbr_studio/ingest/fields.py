"""The catalogue: every data kind, its fields, and the words CRM and CS tools use for them.

A field's ``name`` is what a mapping file says (``"columns": {"Customer": "account"}``); its
``label`` is the column header the data template writes; ``synonyms`` are header texts seen in
Salesforce, HubSpot, Dynamics, Gainsight, ChurnZero, Totango, Zendesk, Jira, Pendo, Mixpanel…
exports (matched after :func:`qbr_studio.ingest.columns.normalise`, so case, accents and
punctuation don't matter). ``vtype`` is the value parser (:mod:`qbr_studio.ingest.values`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qbr_studio.ingest.values import V, ValueType
from qbr_studio.model.data_kinds import DataKind


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    vtype: ValueType
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    by_content: str = ""
    """How to recognise the column from its values when its header says nothing (see columns)."""


@dataclass(frozen=True)
class KindSpec:
    name: DataKind
    label: str
    sheet: str
    """Sheet name in the data template."""
    fields: tuple[FieldSpec, ...]
    words: tuple[str, ...] = ()
    """Words in a sheet or file name that suggest this kind."""
    help: str = ""
    field_map: dict[str, FieldSpec] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.field_map.update({f.name: f for f in self.fields})

    def field(self, name: str) -> FieldSpec:
        return self.field_map[name]


_ACCOUNT = FieldSpec(
    "account",
    "Account",
    V.TEXT,
    (
        "account", "account name", "customer", "customer name", "company", "company name",
        "client", "client name", "organization", "organisation", "organization name",
        "org name", "account display name", "tenant", "tenant name", "customer account",
        "end customer", "parent account name", "logo", "kunde", "kundenname", "firma",
        "unternehmen", "societe", "cliente", "empresa", "klant", "nom du client",
        # Dynamics 365 (opportunity, case), HubSpot (deal, ticket), Jira Service Management
        "potential customer", "associated company", "organizations", "account account name",
        "company account", "customer account name",
    ),
    required=True,
    help="Customer name, written the same way in every sheet.",
)  # fmt: skip
_ACCOUNT_ID = FieldSpec(
    "account_id",
    "Account ID",
    V.TEXT,
    (
        "account id", "customer id", "company id", "client id", "crm id", "salesforce id",
        "sfdc id", "account number", "customer number", "tenant id", "org id",
        "organization id", "account id 18", "18 digit account id", "account key",
        "account external id", "company record id", "associated company id",
        "associated company ids", "associated company ids primary", "associated company record id",
        "salesforce account id", "sfdc account id", "crm account id",
    ),
    help="Optional: the CRM's id for the account; joins sheets exactly when names differ.",
)  # fmt: skip

# In an accounts table the row *is* the account: Salesforce writes ``Id`` and ``Name``,
# HubSpot ``Record ID``, Vitally and Planhat ``External ID``, Gainsight ``GSID``.
_ACCOUNT_ROW = replace(_ACCOUNT, synonyms=(*_ACCOUNT.synonyms, "name", "display name"))
_ACCOUNT_ROW_ID = replace(
    _ACCOUNT_ID,
    synonyms=(*_ACCOUNT_ID.synonyms, "id", "record id", "external id", "gsid", "hubspot id",
              "company id", "company gsid", "gainsight id"),
)  # fmt: skip

ACCOUNTS = KindSpec(
    DataKind.ACCOUNTS,
    "Accounts",
    "Accounts",
    (
        _ACCOUNT_ROW,
        _ACCOUNT_ROW_ID,
        FieldSpec("industry", "Industry", V.TEXT, ("industry", "vertical", "sector",
                  "industry vertical", "industry segment", "branche", "secteur", "industria")),
        FieldSpec("segment", "Segment", V.TEXT, ("segment", "tier", "customer segment",
                  "account tier", "market segment", "account segment", "customer tier", "size")),
        FieldSpec("region", "Region", V.TEXT, ("region", "territory", "geo", "geography",
                  "country", "billing country", "sales region", "theater", "theatre")),
        FieldSpec("products", "Products", V.LIST, ("products", "product", "products owned",
                  "modules", "licensed products", "skus", "sku", "plan", "edition",
                  "product line", "subscriptions", "plan tier",
                  "plan name", "subscription plan", "product name"),
                  help="Separate several with ; (e.g. Analytics; Workflow)."),
        FieldSpec("arr", "ARR", V.MONEY, ("arr", "annual recurring revenue", "acv",
                  "annual contract value", "acv converted", "arr converted", "current arr",
                  "total arr", "contract value", "subscription value", "annual value",
                  "recurring revenue", "arr usd", "acv usd", "arr amount", "arr value"),
                  help="Annual recurring revenue, in the review's currency."),
        FieldSpec("licensed_seats", "Licensed seats", V.COUNT, ("licensed seats", "seats",
                  "licenses", "licences", "number of licenses", "number of seats", "seat count",
                  "purchased seats", "contracted seats", "licensed users", "entitlements",
                  "license count", "licence count", "quantity", "users purchased")),
        FieldSpec("renewal_date", "Renewal date", V.DATE, ("renewal date", "contract end date",
                  "contract end", "renewal", "next renewal", "next renewal date",
                  "subscription end date", "end date", "expiration date", "expiry date",
                  "term end date", "contract expiration", "renews on", "renewal due",
                  "contract renewal date",
                  "vertragsende", "date de renouvellement", "fecha de renovacion")),
        FieldSpec("crm_health", "Health", V.HEALTH, ("health", "health score",
                  "account health", "customer health", "rag", "rag status", "health status",
                  "traffic light", "overall health", "health color", "health colour",
                  "csm sentiment", "status color", "overall score", "customer health score"),
                  help="Green, Yellow or Red (a 0–100 score works too).",
                  by_content="health"),
        FieldSpec("customer_since", "Customer since", V.DATE, ("customer since", "start date",
                  "contract start date", "first purchase date", "go live date", "go-live date",
                  "customer start date", "signup date", "became customer", "close won date",
                  "original contract start", "original contract date", "first contract date")),
        FieldSpec("account_manager", "Account manager", V.TEXT, ("account manager",
                  "account owner", "account executive", "ae", "owner", "sales rep", "am",
                  "account owner name", "sales owner", "company owner")),
        FieldSpec("csm", "CSM", V.TEXT, ("csm", "customer success manager", "success manager",
                  "cs owner", "csm name", "customer success owner", "csm owner", "cse",
                  "assigned csm")),
        FieldSpec("key_contacts", "Key contacts", V.LIST, ("key contacts", "key contact",
                  "main contact", "primary contact", "contacts", "customer contacts"),
                  help='Separate several with ; — "Name (Role)" keeps the role.'),
        FieldSpec("partners", "Partners", V.LIST, ("partners", "partner",
                  "implementation partner", "si partner", "reseller", "consulting partner",
                  "channel partner", "system integrator"),
                  help="Separate several with ;"),
        FieldSpec("trial", "Trial", V.FLAG, ("trial", "is trial", "trial flag", "on trial",
                  "trial account", "is trialing"),
                  help="Yes for a trial line: it never counts towards ARR."),
        FieldSpec("mrr", "MRR", V.MONEY, ("mrr", "monthly recurring revenue", "mrr amount",
                  "current mrr", "mrr value", "monthly revenue"),
                  help="Used (× 12) only when no ARR column is given."),
    ),
    words=("account", "customer", "client", "book", "portfolio", "crm", "compan", "renewal"),
    help="One row per customer account.",
)  # fmt: skip

USAGE = KindSpec(
    DataKind.USAGE,
    "Usage",
    "Usage",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("date", "Month", V.DATE, ("date", "day", "month", "week", "period",
                  "usage date", "activity date", "report date", "week starting", "week of",
                  "week start", "snapshot date", "month start", "usage month", "event date",
                  "reporting period", "as of", "datum", "fecha", "monat", "mois", "mes",
                  "event time", "event timestamp", "timestamp", "time", "server timestamp"),
                  required=True, by_content="date",
                  help="A day, a week's first day or a month; daily and weekly rows are "
                  "combined into months."),
        FieldSpec("active_users", "Active users", V.COUNT, ("active users", "dau", "mau", "wau",
                  "daily active users", "monthly active users", "weekly active users",
                  "users active", "active", "unique users", "logged in users", "active seats",
                  "active licenses", "unique active users", "users", "aktive nutzer",
                  "aktive benutzer", "utilisateurs actifs", "usuarios activos",
                  "active visitors", "unique visitors", "visitors",
                  # Pendo's account and visitor reports
                  "number of visitors", "number of active visitors"), required=True),
        FieldSpec("user_id", "User ID", V.TEXT, ("user id", "visitor id", "distinct id",
                  "person id", "member id", "user", "user email", "visitor"),
                  help="In an event log (one row per user event): each month counts the "
                  "distinct users as its active users."),
        FieldSpec("licensed_users", "Licensed users", V.COUNT, ("licensed users", "licensed",
                  "licenses",
                  "licences", "seats", "licensed seats", "provisioned users", "total users",
                  "entitled users", "purchased licenses", "seat count", "license count",
                  "entitlements", "lizenzen", "licencias")),
        FieldSpec("key_feature_users", "Key feature users", V.COUNT, ("key feature users",
                  "feature users", "power users", "key feature adoption", "feature adoption",
                  "users of key feature", "advanced feature users", "core feature users")),
        # Usage measures: added up over a month's rows (an event log: counted from its rows).
        FieldSpec("sessions", "Sessions", V.COUNT, ("sessions", "session count",
                  "number of sessions", "total sessions", "sessions count", "num sessions",
                  "logins", "login count", "number of logins", "visits", "visit count")),
        FieldSpec("minutes", "Minutes", V.NUMBER, ("minutes", "usage minutes", "minutes used",
                  "total minutes", "active minutes", "minutes active", "time spent minutes",
                  "time in app minutes", "session minutes", "duration minutes",
                  "usage time minutes", "time spent min", "duration min",
                  "number of minutes")),
        FieldSpec("seconds", "Seconds", V.NUMBER, ("seconds", "duration seconds",
                  "time spent seconds", "session duration seconds", "duration s",
                  "duration sec", "usage seconds", "time in app seconds", "length seconds")),
        FieldSpec("feature_uses", "Key feature uses", V.COUNT, ("feature uses",
                  "key feature uses", "feature usage count", "feature use count",
                  "feature events", "feature clicks", "times used", "usage count",
                  "feature usage")),
        FieldSpec("feature", "Feature", V.TEXT, ("feature", "feature name", "feature used",
                  "event type", "event name", "event", "module used", "product feature"),
                  help="In an event log: the feature each event used (key-feature "
                  "adoption)."),
        FieldSpec("session_id", "Session ID", V.TEXT, ("session id", "session key",
                  "session uuid")),
    ),
    words=("usage", "telemetry", "adoption", "activity", "product", "dau", "mau", "login",
           "daily", "weekly", "monthly"),
    help="One row per account and day, week or month.",
)  # fmt: skip

OPPORTUNITIES = KindSpec(
    DataKind.OPPORTUNITIES,
    "Renewals & opportunities",
    "Opportunities",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("opportunity_id", "Opportunity ID", V.TEXT, ("opportunity id", "opp id",
                  "deal id", "opportunity number", "record id", "id")),
        FieldSpec("name", "Opportunity", V.TEXT, ("opportunity name", "opportunity", "opp name",
                  "deal name", "deal", "name", "opportunity title", "topic")),
        FieldSpec("kind", "Type", V.OPP_KIND, ("type", "opportunity type", "opp type",
                  "deal type", "kind", "category", "business type"),
                  help="Renewal, Expansion or Cross-sell.", by_content="opp_kind"),
        # Evidence for an opportunity without a type: "Renewal" record type, "Renewals" pipeline.
        FieldSpec("record_type", "Record type", V.TEXT, ("opportunity record type",
                  "record type", "record type name", "pipeline", "deal pipeline",
                  "sales pipeline")),
        FieldSpec("amount", "Amount", V.MONEY, ("amount", "opportunity amount", "deal value",
                  "value", "acv", "arr", "amount converted", "total contract value", "tcv",
                  "expected revenue", "renewal amount", "renewal arr", "forecast amount",
                  "deal amount", "net new arr", "expansion arr", "est revenue",
                  "estimated revenue")),
        FieldSpec("close_date", "Close date", V.DATE, ("close date", "expected close date",
                  "closing date", "renewal date", "due date", "target close date",
                  "target close", "contract end date", "est close date",
                  "estimated close date")),
        FieldSpec("stage", "Stage", V.TEXT, ("stage", "sales stage", "opportunity stage",
                  "deal stage", "status", "pipeline stage", "stage name", "pipeline phase")),
        FieldSpec("risk", "Risk", V.RISK, ("risk", "renewal risk", "churn risk", "risk level",
                  "forecast risk", "risk rating"), help="Low, Medium or High."),
        FieldSpec("next_step", "Next step", V.TEXT, ("next step", "next steps", "next action",
                  "action", "action items")),
        FieldSpec("owner", "Owner", V.TEXT, ("owner", "opportunity owner", "deal owner",
                  "assigned to", "rep", "owner name", "account owner")),
    ),
    words=("opportunit", "pipeline", "renewal", "deal", "forecast", "upsell", "expansion"),
    help="One row per renewal, expansion or cross-sell opportunity.",
)  # fmt: skip

CONTACTS = KindSpec(
    DataKind.CONTACTS,
    "Contacts & stakeholders",
    "Contacts",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("name", "Name", V.TEXT, ("name", "contact name", "full name", "contact",
                  "person", "stakeholder", "stakeholder name", "contact full name"),
                  required=True),
        FieldSpec("first_name", "First name", V.TEXT, ("first name", "given name", "firstname")),
        FieldSpec("last_name", "Last name", V.TEXT, ("last name", "surname", "family name",
                  "lastname")),
        FieldSpec("role", "Role", V.TEXT, ("title", "job title", "role", "position",
                  "job role", "persona", "function")),
        FieldSpec("email", "Email", V.TEXT, ("email", "e mail", "email address", "work email",
                  "mail"), by_content="email"),
        FieldSpec("interest", "Interest", V.TEXT, ("interest", "interests", "priorities",
                  "what they care about", "goals", "cares about", "business priorities",
                  "key interest")),
        FieldSpec("sentiment", "Sentiment", V.SENTIMENT, ("sentiment", "relationship",
                  "stance", "attitude", "disposition", "relationship status",
                  "champion status", "advocacy"),
                  help="Champion, Supporter, Neutral or Detractor.", by_content="sentiment"),
    ),
    words=("contact", "stakeholder", "people", "person", "champion", "org chart"),
    help="One row per customer contact.",
)  # fmt: skip

TICKETS = KindSpec(
    DataKind.TICKETS,
    "Support tickets",
    "Tickets",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("ticket_id", "Ticket ID", V.TEXT, ("ticket id", "case number", "ticket number",
                  "case id", "ticket", "issue key", "key", "number", "ticket no", "case",
                  "id", "issue id", "incident number")),
        FieldSpec("opened", "Opened", V.DATE, ("opened", "created", "created date",
                  "date opened", "opened date", "date time opened", "submitted", "created at",
                  "open date", "reported", "created on", "date created", "requested",
                  "create date", "created time", "date time opened"),
                  required=True, by_content="date"),
        FieldSpec("closed", "Closed", V.DATE, ("closed", "closed date", "date closed",
                  "resolved", "resolved date", "resolution date", "solved at", "closed at",
                  "date time closed", "solved", "resolved at", "closed on", "close date",
                  "resolved time", "closed time")),
        FieldSpec("severity", "Severity", V.SEVERITY, ("severity", "priority", "sev", "urgency",
                  "impact", "case priority", "ticket priority"),
                  help="1 (critical) to 4 (low); P1–P4 and Critical/High/Medium/Low work too.",
                  by_content="severity"),
        FieldSpec("subject", "Subject", V.TEXT, ("subject", "title", "summary", "description",
                  "issue", "case subject", "problem", "ticket name", "case title")),
        FieldSpec("category", "Category", V.TEXT, ("category", "type", "case type", "reason",
                  "topic", "component", "case reason", "product area", "issue type", "tags",
                  "ticket type")),
    ),
    words=("ticket", "case", "support", "incident", "zendesk", "jira", "helpdesk", "issue"),
    help="One row per support ticket.",
)  # fmt: skip

NPS = KindSpec(
    DataKind.NPS,
    "NPS & survey responses",
    "NPS",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("date", "Date", V.DATE, ("date", "response date", "survey date", "submitted",
                  "responded", "completed", "created", "submitted at", "responded at",
                  "completed at", "created at", "survey sent", "timestamp", "recorded date",
                  "response timestamp", "survey date", "response time",
                  # Typeform ("Submit Date (UTC)"), SurveyMonkey ("End Date" of a response)
                  "submit date", "submitted date"),
                  required=True, by_content="date"),
        FieldSpec("score", "Score", V.SCORE, ("score", "nps", "nps score", "rating",
                  "likelihood to recommend", "how likely are you to recommend", "ltr",
                  "recommend score", "response", "nps rating", "nps response"),
                  required=True, by_content="score", help="0 to 10."),
        FieldSpec("respondent", "Respondent", V.TEXT, ("respondent", "name", "contact",
                  "email", "respondent name", "person", "user", "respondent email",
                  "contact name", "user email")),
        FieldSpec("comment", "Comment", V.TEXT, ("comment", "comments", "feedback", "reason",
                  "verbatim", "why", "open text", "answer", "follow up", "reason for score")),
    ),
    words=("nps", "survey", "csat", "feedback", "promoter", "delighted", "response"),
    help="One row per survey response.",
)  # fmt: skip

ENGAGEMENT = KindSpec(
    DataKind.ENGAGEMENT,
    "Engagement",
    "Engagement",
    (
        _ACCOUNT,
        _ACCOUNT_ID,
        FieldSpec("last_contact", "Last contact", V.DATE, ("last contact", "last contact date",
                  "last activity", "last activity date", "last touch", "last meeting",
                  "last engaged", "last touchpoint", "last interaction", "last contacted",
                  "last meeting date", "last email", "last call")),
        FieldSpec("emails_sent", "Emails sent", V.COUNT, ("emails sent", "sent", "emails",
                  "delivered", "email sends", "messages sent", "emails delivered", "sends")),
        FieldSpec("emails_opened", "Emails opened", V.COUNT, ("emails opened", "opens",
                  "opened", "unique opens", "email opens", "messages opened")),
        FieldSpec("replies", "Replies", V.COUNT, ("replies", "responses", "replied",
                  "email replies", "reply count", "responses received")),
        FieldSpec("open_rate", "Open rate", V.PERCENT, ("open rate", "open percent",
                  "opened percent", "open percentage", "email open rate"),
                  help="Used only when Emails opened is not given."),
        FieldSpec("reply_rate", "Reply rate", V.PERCENT, ("reply rate", "response rate",
                  "reply percent", "reply percentage"),
                  help="Used only when Replies is not given."),
    ),
    words=("engagement", "email", "activit", "outreach", "campaign", "touch", "communicat"),
    help="One row per account (or per period: the latest date and the totals are kept).",
)  # fmt: skip

KIND_SPECS: dict[DataKind, KindSpec] = {
    spec.name: spec for spec in (ACCOUNTS, USAGE, OPPORTUNITIES, CONTACTS, TICKETS, NPS, ENGAGEMENT)
}
KINDS: tuple[DataKind, ...] = tuple(KIND_SPECS)
"""The data kinds, in the order the data template lists them."""

KIND_ALIASES = {
    "account": "accounts",
    "renewals": "opportunities",
    "renewal": "opportunities",
    "opportunity": "opportunities",
    "opps": "opportunities",
    "contact": "contacts",
    "stakeholders": "contacts",
    "stakeholder": "contacts",
    "ticket": "tickets",
    "support": "tickets",
    "survey": "nps",
    "surveys": "nps",
}


def kind_spec(name: str) -> KindSpec:
    """The kind for a name a user typed (``--as renewals``); KeyError when there is none."""
    key = name.strip().lower()
    return KIND_SPECS[KIND_ALIASES.get(key, key)]
