"""The pages and API calls the load benchmark measures, and their targets (ratio to /ping p95).

`who`: None (anonymous), "network" or "staff" (session cookie for pages, token for the API).
Paths may use {org} (a generated organisation's slug) and {hub} (the demo hub's slug).
"""

LIST = 3.0  # list, detail and API pages: p95 at most 3 × the trivial endpoint's
DASHBOARD = 5.0

ENDPOINTS: list[dict] = [
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
]
