"""Likely duplicates among the companies: the same normalised name (rows from before the rule, or renamed
since), and near-identical names — on PostgreSQL by trigram similarity (pg_trgm, this app's index), on
SQLite by one normalised name containing the other. Bounded: the newest companies are compared with all
the others (a duplicate slips in as a new company) and the top pairs shown."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count

from crm.models import Company
from merging.models import MergeRecord

NEWEST = 500
SIMILARITY = 0.5


@dataclass
class Pair:
    first: Company
    second: Company
    reason: str  # "same_name" or "similar"
    similarity: float = 1.0


def _same_name_pairs(limit: int) -> list[tuple[int, int, str, float]]:
    names = (
        Company.objects.values("normalized_name").annotate(n=Count("pk")).filter(n__gt=1).exclude(normalized_name="")
    )
    wanted = [row["normalized_name"] for row in names.order_by("normalized_name")[:limit]]
    first_two: dict[str, list[int]] = {}
    rows = Company.objects.filter(normalized_name__in=wanted).order_by("normalized_name", "pk")
    for pk, name in rows.values_list("pk", "normalized_name"):
        first_two.setdefault(name, [])
        if len(first_two[name]) < 2:
            first_two[name].append(pk)
    return [(ids[0], ids[1], "same_name", 1.0) for ids in first_two.values() if len(ids) == 2]


def _similar_pairs_postgresql(limit: int) -> list[tuple[int, int, str, float]]:
    sql = """
        SELECT a.id, b.id, b.score FROM (SELECT id, normalized_name FROM crm_company ORDER BY id DESC LIMIT %s) a
        CROSS JOIN LATERAL (
            SELECT c.id, similarity(c.normalized_name, a.normalized_name) AS score FROM crm_company c
            WHERE c.id <> a.id AND c.normalized_name %% a.normalized_name
              AND c.normalized_name <> a.normalized_name
            ORDER BY score DESC LIMIT 1
        ) b
        WHERE b.score >= %s
        ORDER BY b.score DESC LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [NEWEST, SIMILARITY, limit * 2])
        rows = cursor.fetchall()
    return [(min(a, b), max(a, b), "similar", float(score)) for a, b, score in rows]


def _similar_pairs_contained(limit: int) -> list[tuple[int, int, str, float]]:
    """SQLite's stand-in for the trigrams: each of the newest companies against every other, where one
    normalised name (4+ characters) contains the other, scored by their lengths' ratio."""
    sql = """
        SELECT a.id, c.id, MIN(length(a.normalized_name), length(c.normalized_name)) * 1.0
                           / MAX(length(a.normalized_name), length(c.normalized_name)) AS score
        FROM (SELECT id, normalized_name FROM crm_company ORDER BY id DESC LIMIT %s) a
        JOIN crm_company c ON c.id <> a.id AND c.normalized_name <> a.normalized_name
         AND length(a.normalized_name) >= 4 AND length(c.normalized_name) >= 4
         AND (instr(c.normalized_name, a.normalized_name) > 0 OR instr(a.normalized_name, c.normalized_name) > 0)
        ORDER BY score DESC, a.id DESC LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [NEWEST, limit * 2])
        rows = cursor.fetchall()
    return [(min(a, b), max(a, b), "similar", float(score)) for a, b, score in rows]


def likely_duplicates(limit: int = 30) -> list[Pair]:
    found = _same_name_pairs(limit)
    postgresql = connection.vendor == "postgresql"
    similar = _similar_pairs_postgresql(limit) if postgresql else _similar_pairs_contained(limit)
    seen, rows = set(), []
    for first, second, reason, score in found + similar:
        if (first, second) not in seen:
            seen.add((first, second))
            rows.append((first, second, reason, score))
    rows = rows[:limit]
    companies = Company.objects.in_bulk({pk for row in rows for pk in row[:2]})
    return [
        Pair(companies[first], companies[second], reason, score)
        for first, second, reason, score in rows
        if first in companies and second in companies
    ]


def related_counts(instance) -> list[tuple[str, int]]:
    """(what, how many) of every kind of row pointing at the company or contact (one query per kind)."""
    counts = []
    for relation in instance._meta.related_objects:
        model = relation.related_model
        if model is MergeRecord:
            continue
        count = model._base_manager.filter(**{relation.field.name: instance}).count()
        if count:
            label = str(model._meta.verbose_name_plural)
            if relation.field.name not in ("company", "contacts"):  # e.g. projects it referred (以商引商)
                label = f"{label}（{relation.field.verbose_name}）"
            counts.append((label, count))
    return counts


def recent_merges():
    return MergeRecord.objects.select_related("merged_by__membership", "survivor_company")
