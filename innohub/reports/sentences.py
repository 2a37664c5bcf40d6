"""Short sentences in our own words that state a hub's figures, in the active language.

Each sentence is one whole translatable message with its number in a placeholder (ngettext
picks the plural form: Hebrew has three, Chinese one), never words glued together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import ngettext

from innohub.reports.selectors import HubFigures

VALID = "valid"
PENDING = ("filed", "under_examination")


@dataclass
class Sentence:
    key: str
    text: str
    items: list[str] = field(default_factory=list)


def _valid_items(figures: HubFigures) -> list[str]:
    """One phrase per type of right the members held, in the order the seeds list them."""
    phrases = [
        (
            "cn-trademark",
            lambda n: ngettext("%(count)s valid trademark", "%(count)s valid trademarks", n),
        ),
        (
            "cn-utility",
            lambda n: ngettext(
                "%(count)s utility-model patent", "%(count)s utility-model patents", n
            ),
        ),
        (
            "cn-software",
            lambda n: ngettext(
                "%(count)s software registration", "%(count)s software registrations", n
            ),
        ),
        (
            "cn-invention",
            lambda n: ngettext("%(count)s invention patent", "%(count)s invention patents", n),
        ),
        (
            "cn-design",
            lambda n: ngettext("%(count)s design patent", "%(count)s design patents", n),
        ),
        (
            "il-patent",
            lambda n: ngettext("%(count)s Israeli patent", "%(count)s Israeli patents", n),
        ),
        (
            "pct",
            lambda n: ngettext(
                "%(count)s PCT international application",
                "%(count)s PCT international applications",
                n,
            ),
        ),
    ]
    items = []
    for type_, phrase in phrases:
        n = figures.ip_count(type_, VALID)
        if n:
            items.append(phrase(n) % {"count": n})
    return items


def _pending_items(figures: HubFigures) -> list[str]:
    phrases = [
        (
            "cn-design",
            lambda n: ngettext(
                "%(count)s more design patent under application",
                "%(count)s more design patents under application",
                n,
            ),
        ),
        (
            "cn-invention",
            lambda n: ngettext(
                "%(count)s invention patent under application",
                "%(count)s invention patents under application",
                n,
            ),
        ),
        (
            "cn-utility",
            lambda n: ngettext(
                "%(count)s utility-model patent under application",
                "%(count)s utility-model patents under application",
                n,
            ),
        ),
        (
            "cn-trademark",
            lambda n: ngettext(
                "%(count)s trademark under application",
                "%(count)s trademarks under application",
                n,
            ),
        ),
        (
            "cn-software",
            lambda n: ngettext(
                "%(count)s software registration under application",
                "%(count)s software registrations under application",
                n,
            ),
        ),
        (
            "il-patent",
            lambda n: ngettext(
                "%(count)s Israeli patent under application",
                "%(count)s Israeli patents under application",
                n,
            ),
        ),
        (
            "pct",
            lambda n: ngettext(
                "%(count)s PCT international application under way",
                "%(count)s PCT international applications under way",
                n,
            ),
        ),
    ]
    items = []
    for type_, phrase in phrases:
        n = figures.ip_count(type_, *PENDING)
        if n:
            items.append(phrase(n) % {"count": n})
    return items


def report_sentences(figures: HubFigures) -> list[Sentence]:
    """What the report says in words, in the active language."""
    end = date_format(figures.end, "DATE_FORMAT")
    sentences = []
    n = figures.members
    sentences.append(
        Sentence(
            "members",
            ngettext(
                "In the period, %(count)s member enterprise, institution or project gathered "
                "at the hub (on %(date)s).",
                "In the period, %(count)s member enterprises, institutions and projects "
                "gathered at the hub (on %(date)s).",
                n,
            )
            % {"count": n, "date": end},
        )
    )
    valid = figures.ip_total(VALID)
    sentences.append(
        Sentence(
            "ip_valid",
            ngettext(
                "On %(date)s the members owned %(count)s valid intellectual property right:",
                "On %(date)s the members owned %(count)s valid intellectual property rights:",
                valid,
            )
            % {"count": valid, "date": end},
            _valid_items(figures),
        )
    )
    pending = _pending_items(figures)
    if pending:
        total = figures.ip_total(*PENDING)
        sentences.append(
            Sentence(
                "ip_pending",
                ngettext(
                    "%(count)s more application was filed and awaited a decision:",
                    "%(count)s more applications were filed and awaited a decision:",
                    total,
                )
                % {"count": total},
                pending,
            )
        )
    preparing = figures.ip_total("in_preparation")
    sentences.append(
        Sentence(
            "ip_preparation",
            ngettext(
                "Another %(count)s application was in preparation.",
                "Another %(count)s applications were in preparation.",
                preparing,
            )
            % {"count": preparing},
        )
    )
    signed = figures.agreements.get("signed", 0)
    sentences.append(
        Sentence(
            "agreements",
            ngettext(
                "%(count)s agreement was signed in the period.",
                "%(count)s agreements were signed in the period.",
                signed,
            )
            % {"count": signed},
        )
    )
    visits = figures.visits.get("received", 0)
    sentences.append(
        Sentence(
            "visits",
            ngettext(
                "The hub received %(count)s delegation in the period.",
                "The hub received %(count)s delegations in the period.",
                visits,
            )
            % {"count": visits},
        )
    )
    held = figures.events.get("held", 0)
    sentences.append(
        Sentence(
            "events",
            ngettext(
                "%(count)s event was held in the period.",
                "%(count)s events were held in the period.",
                held,
            )
            % {"count": held},
        )
    )
    people = figures.events.get("participants", 0)
    if held:
        sentences.append(
            Sentence(
                "participants",
                ngettext(
                    "%(count)s participant registered for them.",
                    "%(count)s participants registered for them.",
                    people,
                )
                % {"count": people},
            )
        )
    made = figures.introductions.get("made", 0)
    sentences.append(
        Sentence(
            "introductions",
            ngettext(
                "The hub introduced %(count)s pair of members and partners to each other.",
                "The hub introduced %(count)s pairs of members and partners to each other.",
                made,
            )
            % {"count": made},
        )
    )
    return sentences
