"""Benchmark: the relations reads stay flat as the network grows tenfold around one hub.

One hub of fixed size (its agreements, visits, members) is measured first inside a network of
10 hubs, then after 90 more hubs of the same size are added: the due list of its staff, its
timeline, its agreements panel and the first page of the public agreement list. The figure
that matters is the ratio of the two timings (1.0 = unaffected by the rest of the network)
and the query counts, which must not grow at all.

Run: .venv/bin/python bench/relations_due_and_timeline.py [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGS_PER_HUB = 40
AGREEMENTS_PER_HUB = 20
VISITS_PER_HUB = 10
TODAY = date(2025, 6, 1)


def setup(database_url: str | None) -> None:
    os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="bench-relations-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "innohub.config.settings.base"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def add_hubs(first: int, count: int) -> list:
    """`count` hubs, each with members, agreements (with milestones), visits (with stops)."""
    from innohub.directory.models import Membership, MembershipEvent, Organisation
    from innohub.network.models import Hub
    from innohub.relations.models import (
        Agreement,
        AgreementParty,
        Delegation,
        FollowUp,
        Milestone,
        Visit,
        VisitStop,
    )

    hubs = Hub.objects.bulk_create(
        [
            Hub(slug=f"bench-hub-{n}", name={"en": f"Bench hub {n}"}, opened_on=date(2019, 1, 1))
            for n in range(first, first + count)
        ]
    )
    for hub in hubs:
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=f"{hub.slug}-org-{i}",
                    name={"en": f"{hub.slug} organisation {i}"},
                    kind="startup",
                    country="IL",
                    sort_name=f"{hub.slug} organisation {i}",
                    search_text=f"{hub.slug} organisation {i}",
                )
                for i in range(ORGS_PER_HUB)
            ]
        )
        memberships = Membership.objects.bulk_create(
            [
                Membership(
                    organisation=org,
                    hub=hub,
                    state="resident",
                    state_since=date(2020, 3, 1),
                    member_from=date(2020, 2, 1),
                )
                for org in orgs
            ]
        )
        MembershipEvent.objects.bulk_create(
            [
                MembershipEvent(membership=m, state=state, on=day)
                for m in memberships
                for state, day in (
                    ("applicant", date(2020, 1, 2)),
                    ("admitted", date(2020, 2, 1)),
                    ("resident", date(2020, 3, 1)),
                )
            ]
        )
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    hub=hub,
                    title={"en": f"{hub.slug} agreement {i}"},
                    status="draft" if i % 5 == 0 else "signed",
                    signed_on=None if i % 5 == 0 else date(2021, 1, 1) + timedelta(days=i * 30),
                    search_text=f"{hub.slug} agreement {i}",
                )
                for i in range(AGREEMENTS_PER_HUB)
            ]
        )
        AgreementParty.objects.bulk_create(
            [
                AgreementParty(agreement=a, organisation=orgs[(i + k) % len(orgs)], position=k)
                for i, a in enumerate(agreements)
                for k in (1, 2)
            ]
        )
        Milestone.objects.bulk_create(
            [
                Milestone(
                    agreement=a,
                    title={"en": f"milestone {k}"},
                    due_on=TODAY - timedelta(days=10 * (i + k) - 50),
                    done=k == 1 and i % 2 == 0,
                )
                for i, a in enumerate(agreements)
                for k in (1, 2)
            ]
        )
        delegations = Delegation.objects.bulk_create(
            [Delegation(hub=hub, name={"en": f"delegation {i}"}) for i in range(VISITS_PER_HUB)]
        )
        visits = Visit.objects.bulk_create(
            [
                Visit(
                    hub=hub,
                    delegation=d,
                    title={"en": f"{hub.slug} visit {i}"},
                    starts_on=date(2022, 1, 10) + timedelta(days=40 * i),
                    ends_on=date(2022, 1, 10) + timedelta(days=40 * i),
                    search_text=f"{hub.slug} visit {i}",
                )
                for i, d in enumerate(delegations)
            ]
        )
        VisitStop.objects.bulk_create(
            [
                VisitStop(visit=v, title={"en": "stop"}, position=k, host_organisation=orgs[k])
                for v in visits
                for k in (1, 2)
            ]
        )
        FollowUp.objects.bulk_create(
            [
                FollowUp(
                    visit=v,
                    title={"en": "follow up"},
                    due_on=TODAY - timedelta(days=15 * (i + k) - 40),
                    owner_organisation=orgs[0],
                )
                for i, v in enumerate(visits)
                for k in (1, 2)
            ]
        )
    return hubs


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, hub, staff, public, repeats: int = 7) -> dict:
    from django.db import connection

    from innohub.accounts.access import forget_grants
    from innohub.relations import selectors
    from innohub.relations.timeline import timeline_for

    cases = {
        "due list (hub staff)": lambda: selectors.due_items(user=staff, today=TODAY),
        "hub timeline (public)": lambda: timeline_for(user=public, hub=hub),
        "hub timeline (staff)": lambda: timeline_for(user=staff, hub=hub),
        "hub timeline panel, newest 9 (public)": lambda: timeline_for(
            user=public, hub=hub, limit=9
        ),
        "hub agreements panel (public)": lambda: selectors.agreements_for_hub(user=public, hub=hub),
        "agreement list, first page (public)": lambda: list(
            selectors.agreement_list(user=public)[:20]
        ),
    }
    results = {}
    for name, run in cases.items():
        forget_grants(staff)
        run()  # warm up caches and connections
        timings = []
        for _ in range(repeats):
            forget_grants(staff)
            started = time.perf_counter()
            rows = run()
            timings.append(time.perf_counter() - started)
        forget_grants(staff)
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            run()
        results[name] = {
            "ms": statistics.median(timings) * 1000,
            "queries": counter.count,
            "rows": len(rows),
        }
        print(
            f"  {label:>9} {name:<38} {results[name]['ms']:8.1f} ms "
            f"{results[name]['queries']:3d} queries {results[name]['rows']:5d} rows"
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    setup(args.database_url)

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from innohub.accounts.models import RoleKind, User
    from innohub.accounts.services import role_grant

    started = time.perf_counter()
    hubs = add_hubs(0, 10)
    target = hubs[0]
    staff = User.objects.create_user(username="bench-staff", password="x")  # noqa: S106
    role_grant(user=staff, kind=RoleKind.HUB_STAFF, hub=target)
    public = AnonymousUser()
    print(f"network of 10 hubs built in {time.perf_counter() - started:.1f} s")
    small = measure("10 hubs", target, staff, public)
    started = time.perf_counter()
    add_hubs(10, 90)
    print(f"network grown to 100 hubs in {time.perf_counter() - started:.1f} s")
    large = measure("100 hubs", target, staff, public)

    print()
    print("| read | 10 hubs (ms) | 100 hubs (ms) | ratio | queries (10 → 100 hubs) |")
    print("|---|---:|---:|---:|---|")
    for name in small:
        ratio = large[name]["ms"] / small[name]["ms"]
        print(
            f"| {name} | {small[name]['ms']:.1f} | {large[name]['ms']:.1f} | {ratio:.2f} | "
            f"{small[name]['queries']} → {large[name]['queries']} |"
        )
    print()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, database: {connection.vendor}"
    )


if __name__ == "__main__":
    main()
