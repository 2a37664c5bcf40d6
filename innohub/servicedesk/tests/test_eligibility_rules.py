"""The programme rule language on fixed facts: validation, outcomes and the reason for each."""

import pytest

from innohub.servicedesk.eligibility import (
    BOOL,
    ELIGIBLE,
    LIST,
    MET,
    MISSED,
    NOT_ELIGIBLE,
    NUMBER,
    TEXT,
    UNDETERMINED,
    UNKNOWN,
    FactSpec,
    RuleError,
    Unknown,
    describe_rules,
    evaluate,
    facts_used,
    validate_rules,
)

SPECS = {
    "country": FactSpec(
        "country",
        "Country of origin",
        TEXT,
        choices={"CN": "China", "IL": "Israel", "JOINT": "China–Israel joint", "OTHER": "Other"},
    ),
    "sectors": FactSpec(
        "sectors",
        "Sectors",
        LIST,
        choices={"ai-robotics": "AI & robotics", "fintech": "Fintech", "mobility": "Mobility"},
    ),
    "company_age_years": FactSpec(
        "company_age_years", "Age of the company", NUMBER, display=lambda v: f"{v} years"
    ),
    "membership_months": FactSpec("membership_months", "Months as a member", NUMBER),
    "has_sponsor": FactSpec("has_sponsor", "Hosted by an incubator", BOOL),
    "ip_invention_granted": FactSpec("ip_invention_granted", "Granted invention patents", NUMBER),
}

RENT_SUBSIDY = [
    {"fact": "country", "op": "in", "value": ["IL", "JOINT"]},
    {"fact": "company_age_years", "op": "lte", "value": 5},
    {"fact": "membership_months", "op": "between", "value": [6, 36]},
    {
        "any": [
            {"fact": "sectors", "op": "any_of", "value": ["ai-robotics", "mobility"]},
            {"fact": "ip_invention_granted", "op": "gte", "value": 1},
        ],
        "note": {"en": "Priority sectors, or a granted invention."},
    },
]

ISRAELI_ROBOTICS_STARTUP = {
    "country": "IL",
    "sectors": ["ai-robotics"],
    "company_age_years": 3,
    "membership_months": 14,
    "has_sponsor": True,
    "ip_invention_granted": Unknown("no IP data"),
}


def test_it_accepts_well_formed_rules():
    assert validate_rules(RENT_SUBSIDY, SPECS) == RENT_SUBSIDY
    assert facts_used(RENT_SUBSIDY) == {
        "country",
        "company_age_years",
        "membership_months",
        "sectors",
        "ip_invention_granted",
    }


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"fact": "country"}, "must be a list"),
        (["country == IL"], "must be an object"),
        ([{"fact": "turnover", "op": "gte", "value": 1}], "unknown fact"),
        ([{"fact": "country", "op": "like", "value": "I%"}], "unknown operator"),
        ([{"fact": "country", "op": "gte", "value": "IL"}], "does not apply"),
        ([{"fact": "country", "op": "eq"}], "value is missing"),
        ([{"fact": "country", "op": "eq", "value": "FR"}], "not a value"),
        ([{"fact": "company_age_years", "op": "lte", "value": "5"}], "compared with numbers"),
        ([{"fact": "company_age_years", "op": "lte", "value": True}], "compared with numbers"),
        ([{"fact": "company_age_years", "op": "between", "value": [5, 1]}], "between"),
        ([{"fact": "sectors", "op": "any_of", "value": []}], "non-empty list"),
        ([{"fact": "has_sponsor", "op": "eq", "value": "yes"}], "true or false"),
        ([{"fact": "country", "op": "eq", "value": "IL", "code": "x"}], "unexpected keys"),
        ([{"any": [{"fact": "country", "op": "eq", "value": "IL"}]}], "at least two"),
        ([{"fact": "country", "op": "eq", "value": "IL", "note": "hi"}], "note"),
        ([{"fact": "__class__", "op": "eq", "value": "x"}], "unknown fact"),
    ],
)
def test_it_refuses_malformed_rules_with_a_message(rules, message):
    with pytest.raises(RuleError) as caught:
        validate_rules(rules, SPECS)
    assert message in str(caught.value)


def test_it_refuses_too_many_or_too_deep_rules():
    many = [{"fact": "company_age_years", "op": "gte", "value": i} for i in range(41)]
    with pytest.raises(RuleError):
        validate_rules(many, SPECS)
    leaf = {"fact": "country", "op": "eq", "value": "IL"}
    deep = [{"any": [leaf, {"any": [leaf, {"any": [leaf, leaf]}]}]}]
    with pytest.raises(RuleError, match="too deeply"):
        validate_rules(deep, SPECS)


def test_an_israeli_robotics_startup_meets_every_rule_with_reasons():
    result = evaluate(RENT_SUBSIDY, ISRAELI_ROBOTICS_STARTUP, SPECS)
    assert result.outcome == ELIGIBLE
    assert [r.outcome for r in result.results] == [MET, MET, MET, MET]
    reasons = [r.reason for r in result.results]
    assert reasons[0] == (
        "Met: Country of origin is Israel; required: one of Israel, China–Israel joint."
    )
    assert reasons[1] == "Met: Age of the company is 3 years; required: at most 5 years."
    assert reasons[2] == "Met: Months as a member is 14; required: from 6 to 36."
    group = result.results[3]
    # The group holds through the sector even though the IP count is unknown.
    assert [c.outcome for c in group.children] == [MET, UNKNOWN]
    assert group.note == {"en": "Priority sectors, or a granted invention."}


def test_one_missed_rule_rules_the_organisation_out_and_says_why():
    facts = {**ISRAELI_ROBOTICS_STARTUP, "company_age_years": 9}
    result = evaluate(RENT_SUBSIDY, facts, SPECS)
    assert result.outcome == NOT_ELIGIBLE
    assert [r.fact for r in result.missed] == ["company_age_years"]
    assert result.missed[0].reason == (
        "Not met: Age of the company is 9 years; required: at most 5 years."
    )


def test_unknown_facts_leave_the_verdict_open_with_the_reason_shown():
    facts = {**ISRAELI_ROBOTICS_STARTUP, "sectors": ["fintech"]}
    result = evaluate(RENT_SUBSIDY, facts, SPECS)
    assert result.outcome == UNDETERMINED
    group = result.results[3]
    assert group.outcome == UNKNOWN
    assert [c.outcome for c in group.children] == [MISSED, UNKNOWN]
    assert group.children[1].reason == (
        "Cannot tell: Granted invention patents is unknown (no IP data); required: at least 1."
    )


def test_a_missing_fact_is_unknown_not_an_error():
    result = evaluate([{"fact": "membership_months", "op": "gte", "value": 6}], {}, SPECS)
    assert result.outcome == UNDETERMINED
    assert "not provided" in result.results[0].reason


def test_a_missed_rule_wins_over_an_unknown_one():
    rules = [
        {"fact": "ip_invention_granted", "op": "gte", "value": 1},
        {"fact": "country", "op": "eq", "value": "CN"},
    ]
    assert evaluate(rules, ISRAELI_ROBOTICS_STARTUP, SPECS).outcome == NOT_ELIGIBLE


@pytest.mark.parametrize(
    ("rule", "outcome"),
    [
        ({"fact": "country", "op": "eq", "value": "IL"}, MET),
        ({"fact": "country", "op": "ne", "value": "IL"}, MISSED),
        ({"fact": "country", "op": "not_in", "value": ["CN", "OTHER"]}, MET),
        ({"fact": "company_age_years", "op": "gt", "value": 3}, MISSED),
        ({"fact": "company_age_years", "op": "lt", "value": 4}, MET),
        ({"fact": "company_age_years", "op": "gte", "value": 3}, MET),
        ({"fact": "company_age_years", "op": "between", "value": [3, 3]}, MET),
        ({"fact": "sectors", "op": "all_of", "value": ["ai-robotics", "mobility"]}, MISSED),
        ({"fact": "sectors", "op": "none_of", "value": ["fintech"]}, MET),
        ({"fact": "has_sponsor", "op": "eq", "value": False}, MISSED),
    ],
)
def test_each_operator(rule, outcome):
    validate_rules([rule], SPECS)
    assert evaluate([rule], ISRAELI_ROBOTICS_STARTUP, SPECS).results[0].outcome == outcome


def test_an_empty_list_fact_reads_as_none():
    result = evaluate(
        [{"fact": "sectors", "op": "any_of", "value": ["fintech"]}], {"sectors": []}, SPECS
    )
    assert (
        result.results[0].reason == "Not met: Sectors is none; required: at least one of Fintech."
    )


def test_no_rules_means_open_to_everyone():
    assert evaluate([], {}, SPECS).outcome == ELIGIBLE


def test_rules_read_as_lines():
    lines = describe_rules(RENT_SUBSIDY, SPECS)
    assert lines[0]["text"] == "Country of origin: one of Israel, China–Israel joint"
    assert lines[3]["text"] == "At least one of the following:"
    assert lines[3]["children"][1]["text"] == "Granted invention patents: at least 1"
