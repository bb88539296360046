"""Importing a center's ledgers (项目台账): companies, contacts, projects, contact logs, buildings.

Work in progress (issue 13, import part) — the plan the remaining modules follow:
- reading.py: .xlsx / .csv with the encoding detected (UTF-8, UTF-8 BOM, GBK/GB18030) and shown.
- columns.py: header synonyms per kind, 亿元 → 万元, numbers and dates parsed with the row's reason.
- engine.py: one run over the rows, each row in a savepoint through the owning app's *service* (so 报备/撞单,
  permissions and validation are the forms' own); the dry run is the same run rolled back at the end, so
  its preview (create / update / unchanged / error + reason) is exactly what the commit would do. Commit
  is all-or-nothing unless "valid rows only" is chosen. Rows are matched (credit code / normalised name /
  project name within the company) so a re-import reports "unchanged" and writes nothing.
- models.py: ImportRun (who, when, file, kind, encoding, counts, status, progress) and ImportRowResult
  (row number, action, object, reason) — the list page and the xlsx error report read these; a record's
  history says "imported from <file> by <person>" (simple_history change reason, project `source`).
- tasks.py: the run in a Celery task (works with the filesystem broker), progress polled with htmx.
"""
