"""Importing the premises inventory (载体台账): each row is a building written through premises'
`building_save` — so only the inventory's keepers may, the form's bounds apply and a reserved building's
status stays 预留 until its reservation is released. Columns are the building form's; units may be written
in the cells (4,300㎡, 6.5米). Matched by name, so a re-import is unchanged."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imports.columns import Column, map_headers, parse_date
from imports.engine import Action, RowResult
from imports.rowtools import cells_by_field, choice_lookup, lookup_choice, named_by_column, parse_number
from premises import services as premises_services
from premises.models import BUILDING_STRUCTURES, Building

COLUMNS = (
    Column("name", "名称", ("载体名称", "厂房名称", "楼宇名称", "厂房", "building", "name"), required=True),
    Column("address", "地块/地址", ("地址", "地块", "位置", "坐落", "所在园区", "园区", "address")),
    Column("owner", "产权方", ("权属", "业主", "产权", "产权单位", "owner")),
    Column(
        "floor_area_m2",
        "面积（㎡）",
        ("建筑面积", "面积", "面积㎡", "面积m²", "面积平方米", "floor area", "area"),
        required=True,
    ),
    Column("floors", "层数", ("楼层", "楼层数", "floors")),
    Column("ceiling_height_m", "净高（m）", ("净高", "层高", "檐高", "clear height", "height"), required=True),
    Column("structure", "结构", ("结构类型", "建筑结构", "structure"), required=True),
    Column("floor_load_t_m2", "承重（t/㎡）", ("承重", "荷载", "楼面荷载", "地面承重", "floor load")),
    Column("crane_t", "行车（t）", ("行车", "行吊", "吊车", "crane")),
    Column("power_kva", "电力（kVA）", ("电力", "供电", "电力容量", "变压器容量", "power")),
    Column("water_transport_km", "距码头（km）", ("距码头", "距港口", "水运距离", "water transport")),
    Column("price_note", "租金/售价", ("租金", "售价", "价格", "租售价格", "rent", "price")),
    Column("available_from", "可用日期", ("可入驻日期", "交付日期", "可用时间", "available from")),
    Column("status", "状态", ("使用状态", "当前状态", "status")),
    Column("notes", "备注", ("说明", "notes")),
)
DECIMALS = ("floor_area_m2", "ceiling_height_m", "floor_load_t_m2", "crane_t", "water_transport_km")
INTEGERS = ("floors", "power_kva")
TEXTS = ("name", "address", "price_note", "notes")
OWNER_SYNONYMS = {"平台公司": Building.Owner.PLATFORM, "平台": Building.Owner.PLATFORM,
                  "国企": Building.Owner.STATE, "国资": Building.Owner.STATE,
                  "民企": Building.Owner.PRIVATE, "私营": Building.Owner.PRIVATE}  # fmt: skip
STRUCTURE_SYNONYMS = {"钢构": "steel", "钢": "steel", "混凝土": "concrete", "框架": "concrete", "砖混": "concrete"}
STATUS_SYNONYMS = {"闲置": Building.Status.VACANT, "空闲": Building.Status.VACANT, "待租": Building.Status.VACANT,
                   "已租": Building.Status.OCCUPIED, "已出租": Building.Status.OCCUPIED,
                   "已使用": Building.Status.OCCUPIED, "入驻": Building.Status.OCCUPIED,
                   "建设中": Building.Status.BUILDING, "已预留": Building.Status.RESERVED}  # fmt: skip


class BuildingRows:
    def __init__(self, *, actor: User, headers: list[str], source: str):
        self.actor = actor
        self.source = source
        self.columns = map_headers(headers, COLUMNS)
        self.choices = {
            "owner": choice_lookup(Building.Owner.choices, OWNER_SYNONYMS),
            "structure": choice_lookup(BUILDING_STRUCTURES, STRUCTURE_SYNONYMS),
            "status": choice_lookup(Building.Status.choices, STATUS_SYNONYMS),
        }

    def __call__(self, cells: list[str]) -> RowResult:
        fields = self._fields(cells_by_field(self.columns, cells))
        existing = Building.objects.filter(name=fields["name"]).order_by("pk").first()
        try:
            if existing is None:
                building = premises_services.building_save(actor=self.actor, change_reason=self.source, **fields)
                return _result(Action.CREATE, building)
            changes = {key: value for key, value in fields.items() if getattr(existing, key) != value}
            if not changes:
                return _result(Action.UNCHANGED, existing)
            building = premises_services.building_save(
                actor=self.actor, building=existing, change_reason=self.source, **changes
            )
        except ValidationError as error:
            raise named_by_column(error, COLUMNS) from error
        return _result(Action.UPDATE, building)

    def _fields(self, raw: dict[str, str]) -> dict:
        """The row's filled cells as the form's values; an empty cell leaves the field as it is."""
        fields, errors = {}, {}
        labels = {column.field: column.label for column in COLUMNS}
        for name, text in raw.items():
            if not text:
                continue
            try:
                if name in DECIMALS:
                    fields[name] = parse_number(text)
                elif name in INTEGERS:
                    value = parse_number(text)
                    if value != value.to_integral_value():
                        raise ValueError(text)
                    fields[name] = int(value)
                elif name == "available_from":
                    fields[name] = parse_date(text)
                elif name in self.choices:
                    fields[name] = lookup_choice(self.choices[name], text)
                    if fields[name] is None:
                        errors[name] = _("%(column)s: “%(value)s” is not one of the choices.") % {
                            "column": labels[name], "value": text,
                        }  # fmt: skip
                else:
                    fields[name] = " ".join(text.split()) if name == "name" else text
            except ValueError:
                errors[name] = _("%(column)s: “%(value)s” is not readable.") % {"column": labels[name], "value": text}
        if not fields.get("name"):
            errors["name"] = _("The name (名称) is empty.")
        if errors:
            raise ValidationError(errors)
        return fields


def _result(action: str, building: Building) -> RowResult:
    return RowResult(number=0, action=action, label=building.name, object_id=building.pk)
