"""The import kinds: for each, its columns (the template's headers and their synonyms) and the class that
writes one row through the owning app's services. services.py, the template download and the pages read
this table; a new kind is one entry here plus its row module."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User

from imports import buildings, companies, contact_logs, contacts, projects
from imports.columns import Column
from imports.engine import RowResult

RowWriter = Callable[[list[str]], RowResult]


@dataclass(frozen=True)
class Kind:
    columns: tuple[Column, ...]
    # (actor, headers, source) → a callable writing one row; `source` is "imported from <file> by <person>"
    writer: Callable[[User, list[str], str], RowWriter]
    example: tuple[str, ...] = ()  # one sample row for the downloadable template, in the columns' order


KINDS: dict[str, Kind] = {
    "companies": Kind(
        companies.COLUMNS,
        lambda actor, headers, source: companies.CompanyRows(actor=actor, headers=headers, source=source),
        ("南京示例新材料有限公司", "91320100MA1XXXXXXX", "江苏", "南京", "新材料", "", ""),
    ),
    "projects": Kind(
        projects.COLUMNS,
        lambda actor, headers, source: projects.ProjectRows(actor=actor, headers=headers, source=source),
        ("年产5万吨新材料项目", "南京示例新材料有限公司", "", "招商一组", "", "50000", "30000", "新型复合材料",
         "2027-06-30", "2027-12-01"),
    ),
    "contacts": Kind(
        contacts.COLUMNS,
        lambda actor, headers, source: contacts.ContactRows(actor=actor, headers=headers, source=source),
        ("南京示例新材料有限公司", "", "刘建国", "总经理", "13812345678", "liujianguo_nj", "liu@example.com",
         "董事长助理对接"),
    ),
    "contact_logs": Kind(
        contact_logs.COLUMNS,
        lambda actor, headers, source: contact_logs.ContactLogRows(actor=actor, headers=headers, source=source),
        ("年产5万吨新材料项目", "南京示例新材料有限公司", "2026-11-20 14:30", "视频", "视频洽谈：确认用地需求约50亩",
         "对方倾向本区", "发送用地方案", "2026-12-10"),
    ),
    "buildings": Kind(
        buildings.COLUMNS,
        lambda actor, headers, source: buildings.BuildingRows(actor=actor, headers=headers, source=source),
        ("创新园3号厂房", "经开区科技路18号", "园区平台公司", "4300", "1", "10", "钢结构", "3", "20", "800", "",
         "18元/㎡·月", "2027-01-01", "空置", "可分割出租"),
    ),
}  # fmt: skip


def available() -> list[str]:
    return list(KINDS)
