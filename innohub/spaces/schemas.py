"""API shapes of spaces. Times go out in UTC and in the hub's zone; dates as ISO dates."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from innohub.directory.schemas import I18nText
from innohub.directory.schemas import _check_i18n as _check_i18n


def _local_time(value: time | None) -> time | None:
    """Opening hours are wall-clock times in the hub's zone: an offset would be meaningless."""
    if value is not None and value.tzinfo is not None:
        raise ValueError("give the hub's local time without an offset, e.g. 08:30")
    return value


class DevelopmentPhaseOut(Schema):
    id: int
    number: int
    name: I18nText
    description: I18nText
    opened_on: date | None
    planned_completion: date | None


class PhaseIn(Schema):
    number: int = Field(ge=1, le=100)
    name: I18nText
    description: I18nText = Field(default_factory=dict)
    opened_on: date | None = None
    planned_completion: date | None = None

    _i18n = field_validator("name", "description")(_check_i18n)


class PhasePatchIn(Schema):
    number: int | None = Field(default=None, ge=1, le=100)
    name: I18nText | None = None
    description: I18nText | None = None
    opened_on: date | None = None
    planned_completion: date | None = None

    _i18n = field_validator("name", "description")(_check_i18n)


class FloorOut(Schema):
    id: int
    building: int = Field(alias="building_id")
    level: int
    name: I18nText


class FloorIn(Schema):
    level: int = Field(ge=-10, le=200)
    name: I18nText = Field(default_factory=dict)

    _i18n = field_validator("name")(_check_i18n)


class FloorPatchIn(Schema):
    level: int | None = Field(default=None, ge=-10, le=200)
    name: I18nText | None = None

    _i18n = field_validator("name")(_check_i18n)


class BuildingOut(Schema):
    id: int
    site: int = Field(alias="site_id")
    phase: int | None = Field(alias="phase_id")
    code: str
    name: I18nText
    floors: list[FloorOut]

    @staticmethod
    def resolve_floors(obj: Any) -> list[Any]:
        return list(obj.floors.all())


class BuildingIn(Schema):
    site: int
    phase: int | None = None
    code: str = Field(max_length=20)
    name: I18nText
    description: I18nText = Field(default_factory=dict)
    position: int = Field(default=10, ge=0, le=1000)

    _i18n = field_validator("name", "description")(_check_i18n)


class BuildingPatchIn(Schema):
    phase: int | None = None
    code: str | None = Field(default=None, max_length=20)
    name: I18nText | None = None
    description: I18nText | None = None
    position: int | None = Field(default=None, ge=0, le=1000)

    _i18n = field_validator("name", "description")(_check_i18n)


class SiteOut(Schema):
    id: int
    name: I18nText
    address: I18nText
    buildings: list[BuildingOut]

    @staticmethod
    def resolve_buildings(obj: Any) -> list[Any]:
        return list(obj.buildings.all())


class SiteIn(Schema):
    name: I18nText
    address: I18nText = Field(default_factory=dict)
    description: I18nText = Field(default_factory=dict)
    position: int = Field(default=10, ge=0, le=1000)

    _i18n = field_validator("name", "address", "description")(_check_i18n)


class SitePatchIn(Schema):
    name: I18nText | None = None
    address: I18nText | None = None
    description: I18nText | None = None
    position: int | None = Field(default=None, ge=0, le=1000)

    _i18n = field_validator("name", "address", "description")(_check_i18n)


class StructureOut(Schema):
    phases: list[DevelopmentPhaseOut]
    sites: list[SiteOut]


class RoomOut(Schema):
    id: int
    hub: str
    code: str
    name: I18nText
    kind: str
    usage: str
    area_m2: Decimal
    capacity: int
    building: int
    floor: int = Field(alias="floor_id")
    floor_level: int
    is_public: bool
    in_service_from: date | None
    out_of_service_from: date | None
    back_in_service_on: date | None
    opens_at: str = Field(description="HH:MM, the hub's local time")
    closes_at: str = Field(description="HH:MM, the hub's local time")
    slot_minutes: int
    time_zone: str
    equipment: I18nText

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_opens_at(obj: Any) -> str:
        return obj.opens_at.strftime("%H:%M")

    @staticmethod
    def resolve_closes_at(obj: Any) -> str:
        return obj.closes_at.strftime("%H:%M")

    @staticmethod
    def resolve_building(obj: Any) -> int:
        return obj.floor.building_id

    @staticmethod
    def resolve_floor_level(obj: Any) -> int:
        return obj.floor.level

    @staticmethod
    def resolve_time_zone(obj: Any) -> str:
        return obj.hub.time_zone


class RoomStateOut(RoomOut):
    state: str
    lease: int | None = None
    tenant: str | None = None


class RoomIn(Schema):
    floor: int
    code: str = Field(max_length=30)
    name: I18nText = Field(default_factory=dict)
    kind: str
    usage: str = ""
    area_m2: Decimal = Field(gt=0, max_digits=9, decimal_places=2)
    capacity: int = Field(ge=0, le=100000)
    in_service_from: date | None = None
    out_of_service_from: date | None = None
    back_in_service_on: date | None = None
    is_public: bool = True
    opens_at: time = time(8, 0)
    closes_at: time = time(21, 0)
    slot_minutes: int = 30
    equipment: I18nText = Field(default_factory=dict)
    description: I18nText = Field(default_factory=dict)

    _i18n = field_validator("name", "equipment", "description")(_check_i18n)
    _times = field_validator("opens_at", "closes_at")(_local_time)


class RoomPatchIn(Schema):
    code: str | None = Field(default=None, max_length=30)
    name: I18nText | None = None
    kind: str | None = None
    usage: str | None = None
    area_m2: Decimal | None = Field(default=None, gt=0, max_digits=9, decimal_places=2)
    capacity: int | None = Field(default=None, ge=0, le=100000)
    in_service_from: date | None = None
    out_of_service_from: date | None = None
    back_in_service_on: date | None = None
    is_public: bool | None = None
    opens_at: time | None = None
    closes_at: time | None = None
    slot_minutes: int | None = None
    equipment: I18nText | None = None
    description: I18nText | None = None

    _i18n = field_validator("name", "equipment", "description")(_check_i18n)
    _times = field_validator("opens_at", "closes_at")(_local_time)


class RoomSlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    starts_local: datetime
    ends_local: datetime
    state: str


class BusyOut(Schema):
    """A confirmed booking as the viewer may see it: always when; what and who when allowed."""

    starts_at: datetime
    ends_at: datetime
    starts_local: datetime
    ends_local: datetime
    id: int | None = None
    title: str | None = None
    kind: str | None = None
    organisation: str | None = None


class BookingOut(Schema):
    id: int
    room: int = Field(alias="room_id")
    room_code: str
    hub: str
    starts_at: datetime
    ends_at: datetime
    starts_local: datetime
    ends_local: datetime
    time_zone: str
    status: str
    kind: str
    title: str
    attendance: int
    organisation: str | None
    booked_by: str | None
    series: int | None = Field(alias="series_id")
    note: str
    cancelled_at: datetime | None
    cancellation_reason: str

    @staticmethod
    def resolve_room_code(obj: Any) -> str:
        return obj.room.code

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.room.hub.slug

    @staticmethod
    def resolve_starts_local(obj: Any) -> datetime:
        return obj.local_starts_at()

    @staticmethod
    def resolve_ends_local(obj: Any) -> datetime:
        return obj.local_ends_at()

    @staticmethod
    def resolve_time_zone(obj: Any) -> str:
        return obj.room.hub.time_zone

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.slug if obj.organisation_id else None

    @staticmethod
    def resolve_booked_by(obj: Any) -> str | None:
        return str(obj.booked_by) if obj.booked_by_id else None


class BookingIn(Schema):
    """Times with an offset (…+08:00 or …Z); a time without one is read in the hub's zone."""

    room: int
    starts_at: datetime
    ends_at: datetime
    title: str = Field(min_length=1, max_length=200)
    kind: str = "meeting"
    attendance: int = Field(ge=1, le=100000)
    organisation: str | None = None
    note: str = Field(default="", max_length=2000)


class RecurrenceIn(Schema):
    frequency: str = Field(pattern="^(daily|weekly|monthly)$")
    interval: int = Field(default=1, ge=1, le=12)
    weekdays: list[int] = Field(default_factory=list, description="0 = Monday … 6 = Sunday")
    count: int | None = Field(default=None, ge=1, le=100)
    until: date | None = None


class BookingSeriesIn(BookingIn):
    repeat: RecurrenceIn
    skip_conflicts: bool = False


class PeriodOut(Schema):
    starts_at: datetime
    ends_at: datetime


class BookingSeriesOut(Schema):
    series: int
    rrule: str
    bookings: list[BookingOut]
    skipped: list[PeriodOut]


class CancelIn(Schema):
    reason: str = Field(default="", max_length=300)


class CancelCountOut(Schema):
    cancelled: int


class LeaseRoomOut(Schema):
    id: int
    code: str
    kind: str
    area_m2: Decimal


class LeaseOut(Schema):
    id: int
    hub: str
    organisation: str
    organisation_name: I18nText
    rooms: list[LeaseRoomOut]
    area_m2: Decimal
    reference: str
    starts_on: date
    ends_on: date
    terminated_on: date | None
    last_day: date
    status: str
    rent_rate: Decimal = Field(description="per m² per day, in `currency`")
    currency: str
    payment_interval_months: int
    deposit_months: int
    rent_free_months: int
    terms: I18nText
    previous: int | None = Field(alias="previous_id")
    is_generated: bool

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_name(obj: Any) -> dict[str, str]:
        return dict(obj.organisation.name)

    @staticmethod
    def resolve_rooms(obj: Any) -> list[Any]:
        return list(obj.rooms.all())

    @staticmethod
    def resolve_area_m2(obj: Any) -> Decimal:
        return sum((room.area_m2 for room in obj.rooms.all()), Decimal(0))


class LeaseIn(Schema):
    hub: str
    organisation: str
    rooms: list[int] = Field(min_length=1, max_length=200)
    starts_on: date
    ends_on: date
    rent_rate: Decimal = Field(ge=0, max_digits=8, decimal_places=2)
    reference: str = Field(default="", max_length=60)
    currency: str = Field(default="CNY", pattern="^[A-Z]{3}$")
    payment_interval_months: int = Field(default=3, ge=1, le=12)
    deposit_months: int = Field(default=2, ge=0, le=12)
    rent_free_months: int = Field(default=0, ge=0, le=24)
    terms: I18nText = Field(default_factory=dict)

    _i18n = field_validator("terms")(_check_i18n)


class LeasePatchIn(Schema):
    rooms: list[int] | None = Field(default=None, min_length=1, max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    rent_rate: Decimal | None = Field(default=None, ge=0, max_digits=8, decimal_places=2)
    reference: str | None = Field(default=None, max_length=60)
    currency: str | None = Field(default=None, pattern="^[A-Z]{3}$")
    payment_interval_months: int | None = Field(default=None, ge=1, le=12)
    deposit_months: int | None = Field(default=None, ge=0, le=12)
    rent_free_months: int | None = Field(default=None, ge=0, le=24)
    terms: I18nText | None = None

    _i18n = field_validator("terms")(_check_i18n)


class TerminateIn(Schema):
    on: date
    reason: str = Field(default="", max_length=100)


class RenewIn(Schema):
    ends_on: date
    rent_rate: Decimal | None = Field(default=None, ge=0, max_digits=8, decimal_places=2)
    reference: str = Field(default="", max_length=60)


class ExpiringOut(Schema):
    lease: LeaseOut
    days_left: int
    mark: int
    tenant_is_member: bool


class FiguresOut(Schema):
    rooms: dict[str, int]
    area_m2: dict[str, float]
    total_rooms: int
    total_area_m2: float
    lettable_area_m2: float
    let_area_m2: float
    occupancy_rate: float | None


class KindFiguresOut(Schema):
    kind: str
    figures: FiguresOut


class PhaseFiguresOut(Schema):
    phase: int | None
    name: I18nText
    figures: FiguresOut
    kinds: list[KindFiguresOut]


class BuildingFiguresOut(Schema):
    building: int
    code: str
    name: I18nText
    figures: FiguresOut


class OccupancyOut(Schema):
    hub: str
    on: date
    total: FiguresOut
    phases: list[PhaseFiguresOut]
    buildings: list[BuildingFiguresOut]
    kinds: list[KindFiguresOut]


class PublicPhaseOut(Schema):
    """What anyone may know of a hub's phases: area in service and planned, by kind."""

    number: int | None
    name: I18nText
    in_service_area_m2: float
    planned_area_m2: float
    kinds: dict[str, float]


class FloorRoomOut(Schema):
    room: RoomOut
    state: str
    lease: int | None = None
    tenant: str | None = None


class FloorViewOut(Schema):
    floor: FloorOut
    building_code: str
    on: date
    rooms: list[FloorRoomOut]
