"""Benchmark of the assignment reminder scan (not a test; `make bench`).

    python bench/reminders.py <odoo.conf> <database> [count]

Fills the database with `count` (default 100 000) assignments by SQL in batches (60 %
resolved, 30 % due in 3 to 10 months, 10 % overdue and already reminded), then times
`doithoai.reminder._cron_assignment_deadlines` on Monday 5 October 2026:

1. when nothing is due, at 20 % and at 100 % of the records (the query count must not
   grow with the number of records);
2. when 1 000 assignments are due in 2 working days (1 000 reminders queued: mails and
   to-dos).
The run happens in one transaction that is rolled back: the filled data is committed,
the reminders are not.
"""
import sys
import threading
import time
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

TODAY = date(2026, 10, 5)
NOW = "2026-10-05 01:00:00"  # 8:00 in Hanoi


def fill(env, start, count, dialogue_ids, org_ids, user_ids, stages):
    """Inserts `count` assignments numbered from `start`, 20 000 rows a statement."""
    cr = env.cr
    for offset in range(start, start + count, 20000):
        n = min(20000, start + count - offset)
        cr.execute(SQL(
            """
            INSERT INTO doithoai_assignment
                (name, dialogue_id, host_organization_id, company_id, organization_id, user_id,
                 notice_date, deadline, date_due, date_resolved, is_on_time, days_late,
                 stage_id, state, deadline_status, confidential, priority, active,
                 create_uid, write_uid, create_date, write_date)
            SELECT 'Bench assignment ' || g,
                   (%(dialogues)s)[1 + g %% cardinality(%(dialogues)s)],
                   d.organization_id, d.company_id,
                   (%(orgs)s)[1 + g %% cardinality(%(orgs)s)],
                   (%(users)s)[1 + g %% cardinality(%(users)s)],
                   due - 70, due, due,
                   CASE WHEN kind = 'done' THEN due - (g %% 20) + 5 END,
                   kind = 'done' AND (g %% 20) >= 5, 0,
                   CASE kind WHEN 'done' THEN %(done)s ELSE %(progress)s END,
                   CASE kind WHEN 'done' THEN 'done' ELSE 'progress' END,
                   CASE kind WHEN 'done' THEN 'done' WHEN 'late' THEN 'overdue' ELSE 'on_track' END,
                   FALSE, '0', TRUE, 1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM (SELECT g,
                           CASE WHEN g %% 10 < 6 THEN 'done' WHEN g %% 10 < 9 THEN 'future' ELSE 'late' END AS kind
                      FROM generate_series(%(first)s, %(last)s) g) s
              CROSS JOIN LATERAL (
                    SELECT %(today)s::date + CASE kind WHEN 'future' THEN 90 + (g %% 210)
                                                       WHEN 'late' THEN -10 - (g %% 300)
                                                       ELSE -400 + (g %% 380) END AS due) dd
              JOIN doithoai_dialogue d ON d.id = (%(dialogues)s)[1 + g %% cardinality(%(dialogues)s)]
            """,
            dialogues=dialogue_ids, orgs=org_ids, users=user_ids, done=stages["done"],
            progress=stages["progress"], today=TODAY, first=offset, last=offset + n - 1))
    # The overdue ones were reminded on earlier days.
    cr.execute(SQL(
        """INSERT INTO doithoai_reminder_log (res_model, res_id, kind, due_date, state,
                                             create_uid, write_uid, create_date, write_date)
           SELECT 'doithoai.assignment', a.id, k.kind, a.date_due, 'sent', 1, 1,
                  NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
             FROM doithoai_assignment a
            CROSS JOIN (VALUES ('assignment_overdue'), ('assignment_escalation'),
                               ('assignment_due_today'), ('assignment_due_soon')) k(kind)
            WHERE a.state = 'progress' AND a.date_due < %s
           ON CONFLICT DO NOTHING""", TODAY))
    cr.execute("ANALYZE doithoai_assignment")
    cr.execute("ANALYZE doithoai_reminder_log")
    env.invalidate_all()


def setup_base(env):
    orgs = env["doithoai.organization"].create([
        {"name": f"Bench org {i}", "kind": "government" if i < 10 else "department",
         "partner_id": env["res.partner"].create({"name": f"Bench org {i}", "email": f"org{i}@bench.example"}).id}
        for i in range(20)])
    users = env["res.users"].with_context(no_reset_password=True).create([
        {"name": f"Bench officer {i}", "login": f"bench{i}", "email": f"bench{i}@bench.example"}
        for i in range(20)])
    dialogues = env["doithoai.dialogue"].with_context(tracking_disable=True).create([
        {"name": f"Bench dialogue {i}", "organization_id": orgs[i % 10].id,
         "date_start": f"2025-{1 + i % 12:02d}-10 01:00:00"} for i in range(200)])
    stages = {s.state: s.id for s in env["doithoai.assignment.stage"].search([])}
    env.flush_all()
    return dialogues.ids, orgs.ids, users.ids, stages


def scan(env, label):
    before = env["mail.mail"].search_count([("model", "=", "doithoai.assignment")])
    thread = threading.current_thread()
    thread.query_count = 0
    begin = time.monotonic()
    with freeze_time(NOW):
        env["doithoai.reminder"]._cron_assignment_deadlines()
        env.flush_all()
    elapsed = time.monotonic() - begin
    queries = thread.query_count
    mails = env["mail.mail"].search_count([("model", "=", "doithoai.assignment")]) - before
    print(f"{label:<44} {elapsed:8.2f} s {queries:8d} queries {mails:6d} mails queued", flush=True)
    return elapsed, queries


def main():
    conf, db = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = Registry(db)
    first = count // 5
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if env["doithoai.assignment"].search_count([("name", "=like", "Bench assignment %")]):
            sys.exit(f"{db} holds an earlier bench run: drop it first.")
        base = setup_base(env)
        begin = time.monotonic()
        fill(env, 0, first, *base)
        cr.commit()
        print(f"filled {first} assignments in {time.monotonic() - begin:.1f} s", flush=True)

    # The scans commit their progress (_commit_progress): each runs on a fresh cursor and
    # what it queued is deleted afterwards, so that the filled data stays comparable.
    def run(label):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            result = scan(env, label)
            cr.execute("DELETE FROM mail_message WHERE model = 'doithoai.assignment'")
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'doithoai.assignment'")
            cr.execute("DELETE FROM doithoai_reminder_log WHERE create_date > NOW() AT TIME ZONE 'UTC' - interval '1 hour'"
                       " AND due_date >= %s", [TODAY])
            cr.commit()
        return result

    run(f"nothing due, {first} assignments")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        begin = time.monotonic()
        fill(env, first, count - first, *base)
        cr.commit()
        print(f"filled {count - first} more assignments in {time.monotonic() - begin:.1f} s", flush=True)
    run(f"nothing due, {count} assignments")
    run(f"nothing due, {count} assignments (again)")
    with registry.cursor() as cr:
        cr.execute(SQL(
            """UPDATE doithoai_assignment SET date_due = %s, deadline = %s
                WHERE id IN (SELECT id FROM doithoai_assignment WHERE state = 'progress'
                              AND date_due > %s ORDER BY id LIMIT 1000)""",
            TODAY + timedelta(days=2), TODAY + timedelta(days=2), TODAY + timedelta(days=30)))
        cr.commit()
    run(f"1000 due, {count} assignments")


if __name__ == "__main__":
    main()
