"""The rule language of support programmes: validation and evaluation with a reason per rule.

A programme's rules are data, a JSON list that all must hold:
    {"fact": "company_age_years", "op": "lte", "value": 5}
    {"fact": "country", "op": "in", "value": ["IL", "JOINT"]}
    {"any": [rule, rule, ...]}          (at least one of them must hold)
each optionally with "note": {"zh-hans": ..., "en": ..., "he": ...} shown beside the reason.
Nothing is ever executed: a rule names a fact, one of a fixed set of operators and a value.
Pure: the facts arrive as a mapping; this module imports nothing from Django models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NUMBER, TEXT, LIST, BOOL = "number", "text", "list", "bool"

MET, MISSED, UNKNOWN = "met", "missed", "unknown"
ELIGIBLE, NOT_ELIGIBLE, UNDETERMINED = "eligible", "not_eligible", "unknown"

MAX_RULES = 40
MAX_DEPTH = 3
RULE_KEYS = frozenset({"fact", "op", "value", "note"})
GROUP_KEYS = frozenset({"any", "note"})

# Operator → the kinds of fact it applies to, and how its requirement reads.
OPERATORS: dict[str, tuple[frozenset[str], Any]] = {
    "eq": (frozenset({NUMBER, TEXT, BOOL}), gettext_lazy("%(value)s")),
    "ne": (frozenset({NUMBER, TEXT}), gettext_lazy("anything but %(value)s")),
    "in": (frozenset({TEXT}), gettext_lazy("one of %(value)s")),
    "not_in": (frozenset({TEXT}), gettext_lazy("none of %(value)s")),
    "gt": (frozenset({NUMBER}), gettext_lazy("more than %(value)s")),
    "gte": (frozenset({NUMBER}), gettext_lazy("at least %(value)s")),
    "lt": (frozenset({NUMBER}), gettext_lazy("less than %(value)s")),
    "lte": (frozenset({NUMBER}), gettext_lazy("at most %(value)s")),
    "between": (frozenset({NUMBER}), gettext_lazy("from %(low)s to %(high)s")),
    "any_of": (frozenset({LIST}), gettext_lazy("at least one of %(value)s")),
    "all_of": (frozenset({LIST}), gettext_lazy("all of %(value)s")),
    "none_of": (frozenset({LIST}), gettext_lazy("none of %(value)s")),
}
OPERATOR_LABELS = {
    "eq": gettext_lazy("is"),
    "ne": gettext_lazy("is not"),
    "in": gettext_lazy("is one of"),
    "not_in": gettext_lazy("is none of"),
    "gt": gettext_lazy("is more than"),
    "gte": gettext_lazy("is at least"),
    "lt": gettext_lazy("is less than"),
    "lte": gettext_lazy("is at most"),
    "between": gettext_lazy("is between (inclusive)"),
    "any_of": gettext_lazy("includes at least one of"),
    "all_of": gettext_lazy("includes all of"),
    "none_of": gettext_lazy("includes none of"),
}
MULTI_VALUE_OPERATORS = frozenset({"in", "not_in", "any_of", "all_of", "none_of"})


@dataclass(frozen=True)
class Unknown:
    """A fact the platform cannot establish, with the reason shown to the user."""

    reason: str

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class FactSpec:
    """What a fact is: its name, label, kind, allowed values and how a value reads."""

    name: str
    label: Any
    kind: str
    choices: Mapping[str, Any] | None = None
    display: Callable[[Any], str] | None = None
    help: Any = ""

    def show(self, value: Any) -> str:
        """One value (an item, for list facts) as the user reads it."""
        if self.display is not None:
            return self.display(value)
        if self.choices is not None and value in self.choices:
            return str(self.choices[value])
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def show_many(self, values: Sequence[Any]) -> str:
        if not values:
            return _("none")
        return _(", ").join(self.show(v) for v in values)


class RuleError(ValueError):
    """Rules that cannot be stored; `messages` says what is wrong with each."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _check_rule(rule: Any, specs: Mapping[str, FactSpec], where: str, depth: int) -> list[str]:
    if not isinstance(rule, dict):
        return [_("%(where)s: a rule must be an object.") % {"where": where}]
    errors: list[str] = []
    if "note" in rule and not (
        isinstance(rule["note"], dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in rule["note"].items())
    ):
        errors.append(_("%(where)s: a note must map language codes to text.") % {"where": where})
    if "any" in rule:
        extra = set(rule) - GROUP_KEYS
        if extra:
            errors.append(
                _("%(where)s: unexpected keys %(keys)s.")
                % {"where": where, "keys": ", ".join(sorted(extra))}
            )
        children = rule["any"]
        if depth >= MAX_DEPTH:
            errors.append(_("%(where)s: groups are nested too deeply.") % {"where": where})
        elif not isinstance(children, list) or len(children) < 2:
            errors.append(
                _("%(where)s: “any” needs a list of at least two rules.") % {"where": where}
            )
        else:
            for index, child in enumerate(children, start=1):
                errors += _check_rule(child, specs, f"{where}.{index}", depth + 1)
        return errors
    extra = set(rule) - RULE_KEYS
    if extra:
        errors.append(
            _("%(where)s: unexpected keys %(keys)s.")
            % {"where": where, "keys": ", ".join(sorted(extra))}
        )
    fact, op = rule.get("fact"), rule.get("op")
    spec = specs.get(fact) if isinstance(fact, str) else None
    if spec is None:
        errors.append(_("%(where)s: unknown fact “%(fact)s”.") % {"where": where, "fact": fact})
        return errors
    if op not in OPERATORS:
        errors.append(_("%(where)s: unknown operator “%(op)s”.") % {"where": where, "op": op})
        return errors
    kinds, _requirement = OPERATORS[op]
    if spec.kind not in kinds:
        errors.append(
            _("%(where)s: the operator “%(op)s” does not apply to %(fact)s.")
            % {"where": where, "op": op, "fact": spec.label}
        )
        return errors
    if "value" not in rule:
        errors.append(_("%(where)s: the value is missing.") % {"where": where})
        return errors
    errors += _check_value(rule["value"], op, spec, where)
    return errors


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_value(value: Any, op: str, spec: FactSpec, where: str) -> list[str]:
    def bad(message: str) -> list[str]:
        return [message % {"where": where, "fact": spec.label}]

    if op == "between":
        if not (
            isinstance(value, list)
            and len(value) == 2
            and all(_is_number(v) for v in value)
            and value[0] <= value[1]
        ):
            return bad(_("%(where)s: “between” needs [lowest, highest] numbers."))
        return []
    if op in MULTI_VALUE_OPERATORS:
        if not isinstance(value, list) or not value:
            return bad(_("%(where)s: the value must be a non-empty list."))
        items = value
    else:
        items = [value]
    for item in items:
        if spec.kind == NUMBER and not _is_number(item):
            return bad(_("%(where)s: %(fact)s is compared with numbers."))
        if spec.kind == BOOL and not isinstance(item, bool):
            return bad(_("%(where)s: %(fact)s is true or false."))
        if spec.kind in (TEXT, LIST):
            if not isinstance(item, str):
                return bad(_("%(where)s: %(fact)s is compared with text values."))
            if spec.choices is not None and item not in spec.choices:
                return [
                    _("%(where)s: “%(value)s” is not a value of %(fact)s.")
                    % {"where": where, "value": item, "fact": spec.label}
                ]
    return []


def validate_rules(rules: Any, specs: Mapping[str, FactSpec]) -> list[Any]:
    """The rules if they are well formed; RuleError listing every problem otherwise."""
    if not isinstance(rules, list):
        raise RuleError([_("The rules must be a list.")])
    if _count(rules) > MAX_RULES:
        raise RuleError([_("A programme can have at most %(n)d rules.") % {"n": MAX_RULES}])
    errors: list[str] = []
    for index, rule in enumerate(rules, start=1):
        errors += _check_rule(rule, specs, _("Rule %(n)s") % {"n": index}, 1)
    if errors:
        raise RuleError(errors)
    return rules


def _count(rules: Any) -> int:
    total = 0
    for rule in rules if isinstance(rules, list) else []:
        total += 1
        if isinstance(rule, dict) and isinstance(rule.get("any"), list):
            total += _count(rule["any"])
    return total


def facts_used(rules: Sequence[Any]) -> set[str]:
    names: set[str] = set()
    for rule in rules:
        if "any" in rule:
            names |= facts_used(rule["any"])
        else:
            names.add(rule["fact"])
    return names


@dataclass
class RuleResult:
    """How one rule came out for one organisation, and why."""

    outcome: str
    reason: str
    requirement: str
    fact: str | None = None
    label: str = ""
    actual: str = ""
    note: Mapping[str, str] | None = None
    children: list[RuleResult] = field(default_factory=list)


@dataclass
class Evaluation:
    outcome: str
    results: list[RuleResult]

    @property
    def met(self) -> list[RuleResult]:
        return [r for r in self.results if r.outcome == MET]

    @property
    def missed(self) -> list[RuleResult]:
        return [r for r in self.results if r.outcome == MISSED]

    @property
    def unknown(self) -> list[RuleResult]:
        return [r for r in self.results if r.outcome == UNKNOWN]


def describe_requirement(rule: Mapping[str, Any], spec: FactSpec) -> str:
    """What the rule asks for, e.g. “at most 5 years” or “one of Israel, China–Israel joint”."""
    _kinds, template = OPERATORS[rule["op"]]
    value = rule["value"]
    if rule["op"] == "between":
        return str(template) % {"low": spec.show(value[0]), "high": spec.show(value[1])}
    if rule["op"] in MULTI_VALUE_OPERATORS:
        return str(template) % {"value": spec.show_many(value)}
    return str(template) % {"value": spec.show(value)}


def _compare(op: str, actual: Any, expected: Any) -> bool:
    if op == "eq":
        return actual == expected
    if op == "ne":
        return actual != expected
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "gt":
        return actual > expected
    if op == "gte":
        return actual >= expected
    if op == "lt":
        return actual < expected
    if op == "lte":
        return actual <= expected
    if op == "between":
        return expected[0] <= actual <= expected[1]
    held = set(actual)
    if op == "any_of":
        return bool(held & set(expected))
    if op == "all_of":
        return set(expected) <= held
    if op == "none_of":
        return not (held & set(expected))
    raise ValueError(op)


def _evaluate_one(
    rule: Mapping[str, Any], facts: Mapping[str, Any], specs: Mapping[str, FactSpec]
) -> RuleResult:
    note = rule.get("note")
    if "any" in rule:
        children = [_evaluate_one(child, facts, specs) for child in rule["any"]]
        outcomes = {child.outcome for child in children}
        requirement = _("at least one of the following")
        if MET in outcomes:
            outcome, reason = MET, _("Met: at least one of these holds.")
        elif UNKNOWN in outcomes:
            outcome = UNKNOWN
            reason = _("Cannot tell: none of these is met, and some cannot be checked.")
        else:
            outcome, reason = MISSED, _("Not met: none of these holds.")
        return RuleResult(outcome, reason, requirement, note=note, children=children)
    spec = specs[rule["fact"]]
    requirement = describe_requirement(rule, spec)
    label = str(spec.label)
    value = facts.get(rule["fact"], Unknown(_("not provided")))
    if isinstance(value, Unknown) or value is None:
        why = value.reason if isinstance(value, Unknown) else _("not recorded")
        reason = _("Cannot tell: %(fact)s is unknown (%(why)s); required: %(requirement)s.") % {
            "fact": label,
            "why": why,
            "requirement": requirement,
        }
        return RuleResult(UNKNOWN, reason, requirement, spec.name, label, note=note)
    actual = spec.show_many(value) if spec.kind == LIST else spec.show(value)
    params = {"fact": label, "actual": actual, "requirement": requirement}
    if _compare(rule["op"], value, rule["value"]):
        reason = _("Met: %(fact)s is %(actual)s; required: %(requirement)s.") % params
        return RuleResult(MET, reason, requirement, spec.name, label, actual, note=note)
    reason = _("Not met: %(fact)s is %(actual)s; required: %(requirement)s.") % params
    return RuleResult(MISSED, reason, requirement, spec.name, label, actual, note=note)


def evaluate(
    rules: Sequence[Mapping[str, Any]], facts: Mapping[str, Any], specs: Mapping[str, FactSpec]
) -> Evaluation:
    """Every rule's outcome with its reason, and the overall verdict.

    Not eligible as soon as one rule is missed; eligible when every rule is met; otherwise
    undetermined (some facts are unknown and nothing rules the organisation out).
    """
    results = [_evaluate_one(rule, facts, specs) for rule in rules]
    outcomes = {result.outcome for result in results}
    if MISSED in outcomes:
        overall = NOT_ELIGIBLE
    elif UNKNOWN in outcomes:
        overall = UNDETERMINED
    else:
        overall = ELIGIBLE
    return Evaluation(overall, results)


def describe_rules(
    rules: Sequence[Mapping[str, Any]], specs: Mapping[str, FactSpec]
) -> list[dict[str, Any]]:
    """The rules as readable lines (for the programme page), nested groups included."""
    lines = []
    for rule in rules:
        if "any" in rule:
            lines.append(
                {
                    "text": _("At least one of the following:"),
                    "note": rule.get("note"),
                    "children": describe_rules(rule["any"], specs),
                }
            )
            continue
        spec = specs.get(rule["fact"])
        if spec is None:
            lines.append({"text": rule["fact"], "note": rule.get("note"), "children": []})
            continue
        text = _("%(fact)s: %(requirement)s") % {
            "fact": spec.label,
            "requirement": describe_requirement(rule, spec),
        }
        lines.append({"text": text, "note": rule.get("note"), "children": []})
    return lines
