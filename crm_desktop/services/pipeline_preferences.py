"""The owner's pipeline settings, kept in the file: stages, lost reasons and the currency of new deals."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping

from crm_desktop.db.settings import SettingsRepository
from crm_desktop.domain.deal import DEFAULT_LOST_REASONS, DEFAULT_STAGES, DealStatus, Stage
from crm_desktop.domain.money import home_currency, is_currency
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind
from crm_desktop.services.preferences import SettingsGroup

StageCounts = Callable[[], Mapping[str, int]]  # stage key -> deals in it (open or closed, not purged)


def new_stage_key() -> str:
    """A key for a stage the owner adds: stable across renames, whatever script the name is in."""
    return "s-" + uuid.uuid4().hex[:10]


class PipelinePreferences(SettingsGroup):
    def __init__(self, settings: SettingsRepository, changes: ChangeBus, stage_counts: StageCounts,
                 home_region: Callable[[], str]):  # fmt: skip
        super().__init__(settings, changes)
        self._stage_counts = stage_counts
        self._home_region = home_region

    @property
    def stages(self) -> list[Stage]:
        """In board order. A stored list that cannot be read falls back to the default pipeline."""
        value = self._json("pipeline_stages")
        if not isinstance(value, list):
            return list(DEFAULT_STAGES)
        try:
            stages = [Stage(str(s["key"]), str(s["name"]), int(s["probability"]),
                            None if s.get("idle_days") is None else int(s["idle_days"]),
                            DealStatus(s.get("closes_as", "open"))) for s in value]  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return list(DEFAULT_STAGES)
        return stages if not stage_list_problems(stages) else list(DEFAULT_STAGES)

    @stages.setter
    def stages(self, stages: list[Stage]) -> None:
        errors = [FieldError("stages", p) for p in stage_list_problems(stages)]
        kept = {s.key for s in stages}
        counts = self._stage_counts()
        for old in self.stages:
            if old.key not in kept and counts.get(old.key, 0):
                n = counts[old.key]
                errors.append(FieldError("stages", f"'{old.name}' still holds {n} deal{'s' if n != 1 else ''}: "
                                                   "move them to another stage before removing it."))  # fmt: skip
        for new in stages:
            old = next((s for s in self.stages if s.key == new.key), None)
            if old is not None and old.closes_as is not new.closes_as and counts.get(new.key, 0):
                errors.append(FieldError("stages", f"'{new.name}' holds deals, so it cannot change between open, "
                                                   "won and lost."))  # fmt: skip
        if errors:
            raise ValidationError(errors)
        self._store("pipeline_stages", [
            {"key": s.key, "name": s.name.strip(), "probability": s.probability, "idle_days": s.idle_days,
             "closes_as": s.closes_as.value} for s in stages])  # fmt: skip

    @property
    def lost_reasons(self) -> list[str]:
        value = self._json("lost_reasons")
        ok = isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        return list(value) if ok else list(DEFAULT_LOST_REASONS)

    @lost_reasons.setter
    def lost_reasons(self, reasons: list[str]) -> None:
        seen: set[str] = set()
        cleaned = []
        for reason in reasons:
            text = reason.strip()
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                cleaned.append(text)
        if not cleaned:
            raise ValidationError([FieldError("lost_reasons", "Keep at least one lost reason.")])
        self._store("lost_reasons", cleaned)

    @property
    def currency(self) -> str:
        """New deals' currency: the owner's choice, else the home country's (PK: PKR)."""
        chosen = self._settings.get("deal_currency", "")
        return chosen if is_currency(chosen) else home_currency(self._home_region())

    @currency.setter
    def currency(self, code: str) -> None:
        code = code.strip().upper()
        if not is_currency(code):
            raise ValidationError([FieldError("deal_currency", f"'{code}' is not a currency code (e.g. PKR, INR).")])
        self._settings.set("deal_currency", code)
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))


def stage_list_problems(stages: list[Stage]) -> list[str]:
    """What is wrong with a whole pipeline: each stage's own problems, duplicates, and the closing stages."""
    found = [f"{s.name or 'A stage'}: {p}" for s in stages for p in s.problems()]
    keys = [s.key for s in stages]
    if len(set(keys)) != len(keys):
        found.append("Two stages share a key.")
    names = [s.name.strip().casefold() for s in stages]
    if len(set(names)) != len(names):
        found.append("Two stages have the same name.")
    if not any(s.closes_as is DealStatus.OPEN for s in stages):
        found.append("Keep at least one open stage.")
    for status, word in ((DealStatus.WON, "won"), (DealStatus.LOST, "lost")):
        if sum(s.closes_as is status for s in stages) != 1:
            found.append(f"Keep exactly one stage for {word} deals.")
    return found
