"""Service desk speed at national scale: do its pages stay as fast when the network grows 50×?

One run, two measurements of the same pages for the same hub: first with that hub alone
(2,000 requests, 300 members), then after adding 49 more hubs with 98,000 requests and
14,700 members. Each timing is taken in turn with a fixed pure-Python work unit and expressed
as a multiple of it (the machine is shared, its speed drifts); the growth between the two measurements is the figure we track (1.0 = the
page does not notice the rest of the network). Also measured: the cost of due-time
arithmetic across weekends and holidays, per computation. Results go to bench/RESULTS.md.

    .venv/bin/python bench/servicedesk.py            (SQLite in a temporary directory)
    DATABASE_URL=postgres://... .venv/bin/python bench/servicedesk.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="bench-servicedesk-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from results import write_section  # noqa: E402

from innohub.accounts.models import Role, RoleKind, User  # noqa: E402
from innohub.directory.models import Membership, Organisation  # noqa: E402
from innohub.network.models import Hub  # noqa: E402
from innohub.servicedesk import selectors  # noqa: E402
from innohub.servicedesk.models import (  # noqa: E402
    Programme,
    ProviderAccreditation,
    RequestState,
    Service,
    ServiceRequest,
)
from innohub.servicedesk.working_time import SHANGHAI_DESK, add_working_hours  # noqa: E402

REQUESTS_PER_HUB = 2_000
MEMBERS_PER_HUB = 300
OTHER_HUBS = int(os.environ.get("BENCH_OTHER_HUBS", "49"))
STATES = list(RequestState.values)
START = datetime(2024, 1, 2, 1, 0, tzinfo=UTC)


def build_hub(n: int) -> tuple[Hub, list[Organisation], Organisation]:
    hub = Hub.objects.create(slug=f"bench-{n}", name={"en": f"Bench hub {n}"})
    orgs = Organisation.objects.bulk_create(
        Organisation(
            slug=f"m-{n}-{i}",
            name={"en": f"Member {n}-{i}"},
            kind="startup",
            country=("IL", "CN", "JOINT")[i % 3],
            founded_year=2010 + i % 14,
            headcount=3 + i % 90,
            sort_name=f"member {n:03d}-{i:04d}",
        )
        for i in range(MEMBERS_PER_HUB)
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=org,
            hub=hub,
            state="resident",
            state_since=date(2021, 1, 4),
            member_from=date(2021, 1, 4) + timedelta(days=i),
        )
        for i, org in enumerate(orgs)
    )
    provider = Organisation.objects.create(
        slug=f"p-{n}", name={"en": f"Provider {n}"}, kind="service_provider"
    )
    ProviderAccreditation.objects.create(
        hub=hub, organisation=provider, accredited_on=date(2020, 1, 1)
    )
    services = Service.objects.bulk_create(
        Service(
            hub=hub,
            slug=f"s-{i}",
            category="legal",
            name={"en": f"Service {i}"},
            provider=provider if i % 2 else None,
            target_response_hours=8,
        )
        for i in range(12)
    )
    Programme.objects.create(
        hub=hub,
        slug="rent",
        funder_kind="government",
        name={"en": "Rent subsidy"},
        rules=[
            {"fact": "membership_state", "op": "in", "value": ["admitted", "resident"]},
            {"fact": "membership_months", "op": "lte", "value": 36},
            {"fact": "company_age_years", "op": "lte", "value": 5},
            {"fact": "country", "op": "in", "value": ["IL", "JOINT"]},
            {"fact": "sectors", "op": "any_of", "value": ["ai-robotics"]},
        ],
        is_rolling=True,
    )
    rows = []
    for i in range(REQUESTS_PER_HUB):
        submitted = START + timedelta(hours=7 * i)
        service = services[i % len(services)]
        state = STATES[i % len(STATES)]
        answered = submitted + timedelta(hours=1 + i % 9) if state != "submitted" else None
        rows.append(
            ServiceRequest(
                hub=hub,
                service=service,
                organisation=orgs[i % len(orgs)],
                provider=service.provider,
                subject=f"Request {i}",
                description="Bench",
                state=state,
                submitted_at=submitted,
                response_due_at=submitted + timedelta(hours=8),
                first_response_at=answered,
                response_minutes=(1 + i % 9) * 60 if answered else None,
                closed_at=submitted + timedelta(days=5) if state in ("done", "cancelled") else None,
                completion_minutes=1800 + i % 600 if state == "done" else None,
                rating=1 + i % 5 if state == "done" else None,
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=2000)
    return hub, orgs, provider


def user_with_role(username: str, **role: object) -> User:
    user = User.objects.create_user(username=username, password="bench-password-1")  # noqa: S106
    Role.objects.create(user=user, **role)
    return user


def calibration() -> None:
    """A fixed amount of pure-Python work: how fast the (shared) machine is right now."""
    sum(i * i for i in range(150_000))


def timed(action, repeat: int = 9) -> tuple[float, float, int]:
    """Median seconds of `action` and its ratio to a fixed calibration workload, both sampled
    in turn (so a busier machine slows both alike), and the queries one call makes."""
    action()
    with CaptureQueriesContext(connection) as queries:
        action()
    # Read the count now: the next request clears the connection's query log.
    count = len(queries)
    samples, baseline = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        calibration()
        baseline.append(time.perf_counter() - started)
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    page = statistics.median(samples)
    return page, page / statistics.median(baseline), count


def measure(hub: Hub, clients: dict[str, Client]) -> dict[str, tuple[float, float, int]]:
    period = (date(2024, 1, 1), date(2024, 12, 31))
    programme = Programme.objects.get(hub=hub)

    def page(who: str, url: str):
        def run() -> None:
            response = clients[who].get(url)
            assert response.status_code == 200, response.status_code

        return run

    return {
        "member: request list": timed(page("member", "/services/requests/")),
        "provider: request list": timed(page("provider", "/services/requests/")),
        "staff: request list, open only": timed(page("staff", "/services/requests/?state=open")),
        "staff: request page": timed(
            page("staff", ServiceRequest.objects.filter(hub=hub).first().get_absolute_url())
        ),
        "public: catalogue": timed(page("public", f"/services/?hub={hub.slug}")),
        "staff: dashboard figures (selector)": timed(
            lambda: selectors.desk_figures(hub, period), repeat=5
        ),
        "staff: eligibility of 300 members": timed(
            lambda: selectors.eligibility_of_members(programme=programme, today=date(2025, 6, 2)),
            repeat=5,
        ),
    }


def main() -> None:
    # Keep one connection for the whole run, as the test client does, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    hub, orgs, provider = build_hub(0)
    clients = {
        "member": Client(),
        "provider": Client(),
        "staff": Client(),
        "public": Client(),
    }
    clients["member"].force_login(
        user_with_role("bench-member", kind=RoleKind.MEMBER, organisation=orgs[0])
    )
    clients["provider"].force_login(
        user_with_role("bench-provider", kind=RoleKind.MEMBER, organisation=provider)
    )
    clients["staff"].force_login(user_with_role("bench-staff", kind=RoleKind.HUB_STAFF, hub=hub))
    small = measure(hub, clients)
    for n in range(1, OTHER_HUBS + 1):
        build_hub(n)
    built = time.perf_counter() - started
    large = measure(hub, clients)

    due = statistics.median(
        _seconds(lambda: add_working_hours(START, 40, SHANGHAI_DESK)) for _ in range(300)
    )
    long_due = statistics.median(
        _seconds(lambda: add_working_hours(START, 400, SHANGHAI_DESK)) for _ in range(100)
    )

    lines = [
        f"{'':38} {'1 hub':>16} {'50 hubs':>16} {'growth':>7} {'queries':>8}",
        f"{'':38} {'ms  (× unit)':>16} {'ms  (× unit)':>16}",
    ]
    for name, (before, before_ratio, queries) in small.items():
        after, after_ratio, queries_after = large[name]
        lines.append(
            f"{name:38} {before * 1000:7.1f} ({before_ratio:5.1f}×) "
            f"{after * 1000:7.1f} ({after_ratio:5.1f}×) {after_ratio / before_ratio:7.2f} "
            f"{queries:>3} → {queries_after}"
        )
    lines.append(f"due time, 40 working hours ahead:  {due * 1e6:7.1f} µs")
    lines.append(
        f"due time, 400 working hours ahead: {long_due * 1e6:7.1f} µs ({long_due / due:.1f}×)"
    )
    table = "\n".join(lines)
    print(f"database: {connection.vendor}; data built in {built:.0f} s")
    print(f"requests in the network: {ServiceRequest.objects.count():,}")
    print(table)
    write_section(
        f"Service desk ({connection.vendor})",
        f"""Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python
{platform.python_version()}, {connection.vendor}. Date: {datetime.now(UTC):%Y-%m-%d}.
Command: `.venv/bin/python bench/servicedesk.py` (PostgreSQL: with `DATABASE_URL`).

The same hub (2,000 requests, 300 members, 12 services) measured alone and after 49 more hubs
with 98,000 requests join the network. Each median is sampled in turn with a fixed pure-Python
work unit (about 20 ms) and given as a multiple of it; *growth* is the ratio of the two
multiples (1.0: the page does not notice the rest of the network). Query counts stay fixed.

```
{table}
```
""",
    )


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
