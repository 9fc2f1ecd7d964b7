"""Preferences stored in the database file, declared once with their defaults."""

from __future__ import annotations

import json
from datetime import date

from crm_desktop.db.settings import SettingsRepository
from crm_desktop.domain.activity import DEFAULT_OUTCOMES, ActivityKind
from crm_desktop.domain.care import DEFAULT_CARE_RULES, CareRule, PesterRule, RuleTarget
from crm_desktop.domain.validation import KNOWN_COUNTRIES, FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind


class Preferences:
    """Typed access to the settings table. The home country is also the default phone region."""

    def __init__(self, settings: SettingsRepository, changes: ChangeBus):
        self._settings = settings
        self._changes = changes

    @property
    def default_region(self) -> str:
        return self._settings.get("default_region", "PK")

    @default_region.setter
    def default_region(self, code: str) -> None:
        code = code.upper()
        if code not in KNOWN_COUNTRIES:
            raise ValidationError([FieldError("default_region", f"'{code}' is not a two-letter country code.")])
        self._settings.set("default_region", code)
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))

    @property
    def business_name(self) -> str:
        """The owner's business, printed at the foot of every page of a report ("" prints none)."""
        return self._settings.get("business_name", "")

    @business_name.setter
    def business_name(self, name: str) -> None:
        self._settings.set("business_name", name.strip())
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))


class SettingsGroup:
    """Preferences kept as JSON values in the settings table, set one by one or several at once.

    A value that cannot be read falls back to its default rather than stopping the program (the
    Preferences page then shows and saves the default)."""

    def __init__(self, settings: SettingsRepository, changes: ChangeBus):
        self._settings = settings
        self._changes = changes

    def update(self, **values) -> None:
        """Set several preferences at once (by property name): every one, or, when any is refused, none.

        Raises ValidationError with every refusal; one change notice follows the whole lot.
        """
        unknown = [name for name in values if not isinstance(getattr(type(self), name, None), property)]
        if unknown:
            raise TypeError(f"no preference named {unknown[0]!r}")
        errors: list[FieldError] = []
        real = self._changes
        self._changes = ChangeBus()  # quiet until the whole lot is written
        try:
            with self._settings.database.atomic():
                for name, value in values.items():
                    try:
                        setattr(self, name, value)
                    except ValidationError as exc:
                        errors.extend(exc.errors)
                if errors:
                    raise ValidationError(errors)  # rolls back the ones already written
        finally:
            self._changes = real
        real.publish(Change("settings", ChangeKind.SETTINGS))

    def _json(self, key: str, default=None):
        text = self._settings.get(key, "")
        if not text:
            return default
        try:
            return json.loads(text)
        except ValueError:
            return default

    def _store(self, key: str, value) -> None:
        self._settings.set(key, json.dumps(value, ensure_ascii=False))
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))


class FollowUpPreferences(SettingsGroup):
    """Activity kinds and outcomes, customer care rules, the don't-pester rule, birthdays, the tray."""

    @property
    def extra_kinds(self) -> list[str]:
        """Activity kinds the owner added beside the built-in ones (e.g. "visit", "WhatsApp")."""
        value = self._json("activity_kinds", [])
        return [k for k in value if isinstance(k, str) and k.strip()] if isinstance(value, list) else []

    @extra_kinds.setter
    def extra_kinds(self, kinds: list[str]) -> None:
        cleaned = _unique_clean(kinds)
        builtin = {k.value for k in ActivityKind}
        clash = [k for k in cleaned if k.casefold() in builtin]
        if clash:
            raise ValidationError([FieldError("activity_kinds", f"'{clash[0]}' is already a built-in kind.")])
        self._store("activity_kinds", cleaned)

    @property
    def kinds(self) -> list[str]:
        return [k.value for k in ActivityKind] + self.extra_kinds

    @property
    def outcomes(self) -> list[str]:
        value = self._json("activity_outcomes", list(DEFAULT_OUTCOMES))
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value if ok and value else list(DEFAULT_OUTCOMES)

    @outcomes.setter
    def outcomes(self, outcomes: list[str]) -> None:
        cleaned = _unique_clean(outcomes)
        if not cleaned:
            raise ValidationError([FieldError("activity_outcomes", "Keep at least one outcome.")])
        self._store("activity_outcomes", cleaned)

    @property
    def care_rules(self) -> list[CareRule]:
        value = self._json("care_rules", None)
        if not isinstance(value, list):
            return list(DEFAULT_CARE_RULES)
        rules = []
        for item in value:
            try:
                rules.append(CareRule(RuleTarget(item["target"]), str(item["value"]), int(item["ideal"]), int(item["max"])))
            except (KeyError, TypeError, ValueError):
                continue
        return rules

    @care_rules.setter
    def care_rules(self, rules: list[CareRule]) -> None:
        errors = [FieldError(f"care_rules[{i}]", p) for i, rule in enumerate(rules) for p in rule.problems()]
        if errors:
            raise ValidationError(errors)
        self._store(
            "care_rules",
            [{"target": r.target.value, "value": r.value, "ideal": r.ideal_days, "max": r.max_days} for r in rules],
        )

    @property
    def pester_rule(self) -> PesterRule:
        value = self._json("pester_rule", {})
        try:
            return PesterRule(int(value["times"]), int(value["days"]), bool(value["enabled"]))
        except (KeyError, TypeError, ValueError):
            return PesterRule()

    @pester_rule.setter
    def pester_rule(self, rule: PesterRule) -> None:
        if not (1 <= rule.times <= 100 and 1 <= rule.days <= 365):
            raise ValidationError([FieldError("pester_rule", "Use 1-100 times within 1-365 days.")])
        self._store("pester_rule", {"times": rule.times, "days": rule.days, "enabled": rule.enabled})

    @property
    def birthday_lead_days(self) -> int:
        value = self._json("birthday_lead_days", 3)
        return value if isinstance(value, int) and 0 <= value <= 60 else 3

    @birthday_lead_days.setter
    def birthday_lead_days(self, days: int) -> None:
        if not 0 <= days <= 60:
            raise ValidationError([FieldError("birthday_lead_days", "Use 0 to 60 days.")])
        self._store("birthday_lead_days", days)

    @property
    def birthdays_dismissed_through(self) -> date:
        """The last day whose birthday reminder the user dismissed (state, not a choice in the dialog)."""
        try:
            return date.fromisoformat(self._settings.get("birthdays_dismissed_through", ""))
        except ValueError:
            return date.min

    @birthdays_dismissed_through.setter
    def birthdays_dismissed_through(self, day: date) -> None:
        self._settings.set("birthdays_dismissed_through", day.isoformat())

    @property
    def keep_running_in_tray(self) -> bool:
        return self._json("keep_running_in_tray", True) is True

    @keep_running_in_tray.setter
    def keep_running_in_tray(self, keep: bool) -> None:
        self._store("keep_running_in_tray", bool(keep))


def _unique_clean(values: list[str]) -> list[str]:
    seen: set[str] = set()
    cleaned = []
    for value in values:
        text = value.strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned
