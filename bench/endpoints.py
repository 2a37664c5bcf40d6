"""The pages and API calls the load benchmark measures, and their targets (ratio to /ping p95).

`who`: None (anonymous), "network" (the demo's network admin) or "staff" (the demo hub's staff
member): a session cookie for pages, a token for the API.
Paths may use {org} (a generated organisation's slug), {hub} (the demo hub's slug), {gen_hub}
(the first generated hub) and {room} (a roadshow centre of that hub, with its generated bookings).
"""

# Identifiers of generated records that endpoint paths name: {org}, {room} (a roadshow centre
# of the first generated hub, which carries its share of the bookings) and {gen_hub}. LOOKUP
# runs inside innohub (`innohub shell -c`) and prints the last two as JSON.
ORG = "gen-org-000042"
LOOKUP = """
import json
from innohub.spaces.models import Room
room = Room.objects.filter(hub__slug="gen-hub-0001", kind="roadshow").order_by("code").first()
print(json.dumps({"room": room.pk if room else 0, "gen_hub": "gen-hub-0001"}))
"""

LIST = 3.0  # list, detail and API pages: p95 at most 3 × the trivial endpoint's
DASHBOARD = 5.0

ENDPOINTS: list[dict] = [
    # The floor: a page of the site that shows no records (base template, session, language).
    # What it costs above /ping is what every page costs before it shows anything.
    {"name": "sign-in page (no records)", "path": "/accounts/login/", "who": None, "target": LIST},
    {
        "name": "directory list (filters + search)",
        "path": "/directory/?country=IL&sector=cybersecurity&q=cyber",
        "who": None,
        "target": LIST,
    },
    {"name": "directory list (first page)", "path": "/directory/", "who": None, "target": LIST},
    {"name": "organisation detail", "path": "/directory/{org}/", "who": None, "target": LIST},
    {
        "name": "organisation detail (staff)",
        "path": "/directory/{org}/",
        "who": "network",
        "target": LIST,
    },
    {"name": "hub page", "path": "/hubs/{hub}/", "who": None, "target": LIST},
    {
        "name": "API organisations (filters)",
        "path": "/api/v1/directory/organisations?country=CN&limit=50",
        "who": None,
        "target": LIST,
    },
    {
        "name": "API organisations (search)",
        "path": "/api/v1/directory/organisations?q=data&limit=50",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "API organisation detail",
        "path": "/api/v1/directory/organisations/{org}",
        "who": "network",
        "target": LIST,
    },
    {"name": "API hubs", "path": "/api/v1/network/hubs", "who": None, "target": LIST},
    {"name": "agreements list", "path": "/relations/", "who": None, "target": LIST},
    {
        "name": "agreements list (search)",
        "path": "/relations/?q=pilot&status=signed",
        "who": "network",
        "target": LIST,
    },
    {"name": "visits list", "path": "/relations/visits/", "who": None, "target": LIST},
    {"name": "due follow-ups (staff)", "path": "/relations/due/", "who": "staff", "target": LIST},
    {
        "name": "hub timeline",
        "path": "/relations/timeline/hub/{hub}/",
        "who": None,
        "target": LIST,
    },
    {
        "name": "API agreements",
        "path": "/api/v1/relations/agreements?limit=50",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "service catalogue",
        "path": "/services/?hub={hub}",
        "who": None,
        "target": LIST,
    },
    {
        "name": "service requests (network admin, all hubs)",
        "path": "/services/requests/",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "service requests, open and late",
        "path": "/services/requests/?state=open&timeliness=late",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "support programmes",
        "path": "/services/programmes/?hub={hub}",
        "who": None,
        "target": LIST,
    },
    {"name": "experts", "path": "/services/experts/?hub={hub}", "who": None, "target": LIST},
    {
        "name": "API service requests",
        "path": "/api/v1/services/requests?limit=50",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "API service desk figures (a year)",
        "path": "/api/v1/services/figures?hub={hub}&start=2025-01-01&end=2025-12-31",
        "who": "network",
        "target": DASHBOARD,
    },
    {"name": "events calendar", "path": "/events/", "who": None, "target": LIST},
    {
        "name": "events calendar (a month of one hub)",
        "path": "/events/?hub=gen-hub-0001&month=2025-06",
        "who": None,
        "target": LIST,
    },
    {"name": "event detail", "path": "/events/gen-event-000001/", "who": None, "target": LIST},
    {
        "name": "event registrations (staff)",
        "path": "/events/gen-event-000001/registrations/",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "hub events feed (iCalendar)",
        "path": "/events/hubs/gen-hub-0001/calendar.ics",
        "who": None,
        "target": LIST,
    },
    {"name": "API events", "path": "/api/v1/events/?limit=50", "who": None, "target": LIST},
    {
        "name": "API slots (two weeks)",
        "path": "/api/v1/events/slots?date_from=2025-10-06&date_to=2025-10-19&minutes=60",
        "who": None,
        "target": LIST,
    },
    {
        "name": "IP portfolio list (network admin)",
        "path": "/ip/",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "IP portfolio list (filtered)",
        "path": "/ip/?type=cn-invention&status=valid",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "IP deadline board",
        "path": "/ip/board/?hub={gen_hub}",
        "who": "network",
        "target": LIST,
    },
    {"name": "IP statistics", "path": "/ip/statistics/", "who": None, "target": DASHBOARD},
    {
        "name": "API IP assets",
        "path": "/api/v1/ip/assets?limit=50",
        "who": "network",
        "target": LIST,
    },
    {"name": "room calendar (week)", "path": "/spaces/rooms/{room}/", "who": None, "target": LIST},
    {
        "name": "room calendar (staff)",
        "path": "/spaces/rooms/{room}/",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "room iCalendar feed",
        "path": "/spaces/rooms/{room}/calendar.ics",
        "who": None,
        "target": LIST,
    },
    {
        "name": "bookings list (network admin)",
        "path": "/spaces/bookings/",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "API bookings",
        "path": "/api/v1/spaces/bookings?limit=50",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "occupancy (hub dashboard of spaces)",
        "path": "/spaces/hubs/{gen_hub}/occupancy/",
        "who": "network",
        "target": DASHBOARD,
    },
    {
        "name": "matching query",
        "path": "/matching/?q=medical+imaging+AI",
        "who": "network",
        "target": LIST,
    },
    {
        "name": "API matching listings",
        "path": "/api/v1/matching/listings?limit=50",
        "who": None,
        "target": LIST,
    },
    {
        "name": "hub dashboard (staff)",
        "path": "/reports/hubs/{hub}/",
        "who": "staff",
        "target": DASHBOARD,
    },
    {
        "name": "hub dashboard on a past date (staff)",
        "path": "/reports/hubs/{hub}/?on=2020-12-03",
        "who": "staff",
        "target": DASHBOARD,
    },
    {
        "name": "network dashboard (network admin)",
        "path": "/reports/network/",
        "who": "network",
        "target": DASHBOARD,
    },
    {
        "name": "API hub figures",
        "path": "/api/v1/reports/hubs/{hub}/figures",
        "who": "staff",
        "target": DASHBOARD,
    },
]
