"""The previous release, installed with demo data and real activity, upgrades to this tree
with `-u` and keeps every row, number and paper (the commit is named in .previous-release)."""
import io
import os
import subprocess
import sys
import tarfile
import textwrap

import psycopg2
import pytest

from conftest import ROOT, drop_database, pg_env

DB = f"doithoai_upgrade_{ROOT.name}"  # one per clone: parallel clones share PostgreSQL
# Rows that must all survive the upgrade, per table.
TABLES = ["doithoai_organization", "doithoai_plan", "doithoai_dialogue", "doithoai_question",
          "doithoai_assignment", "doithoai_paper_number", "doithoai_reminder_log",
          "doithoai_deadline_rule", "doithoai_makeup_day", "res_partner", "res_users", "mail_message"]


def odoo_root():
    cache = os.environ.get("DOITHOAI_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "doithoai")
    version = open(os.path.join(cache, "odoo-19.version")).read().strip()
    return os.path.join(cache, f"odoo-{version}")


def odoo(conf, *args, stdin=None):
    launcher = os.path.join(odoo_root(), "usr", "bin", "odoo")
    result = subprocess.run([sys.executable, launcher, *args, "-c", str(conf), "-d", DB, "--log-level=warn"],
                            input=stdin, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def snapshot(cur):
    rows = {}
    for table in TABLES:
        cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
        rows[table] = cur.fetchone()[0]
    cur.execute("SELECT name, organization_id, year, sequence, res_model, res_id FROM doithoai_paper_number ORDER BY id")
    numbers = cur.fetchall()
    cur.execute("""SELECT id, name, state, deadline, date_due, date_resolved, is_on_time, extension_date,
                          organization_id FROM doithoai_assignment ORDER BY id""")
    assignments = cur.fetchall()
    cur.execute("SELECT id, name, state, approved_by_id, conclusion_date, organization_id FROM doithoai_dialogue ORDER BY id")
    dialogues = cur.fetchall()
    cur.execute("SELECT id, content, state, outcome, confidential FROM doithoai_question ORDER BY id")
    questions = cur.fetchall()
    cur.execute("SELECT id, checksum FROM ir_attachment WHERE res_model LIKE 'doithoai.%' ORDER BY id")
    attachments = cur.fetchall()
    return rows, numbers, assignments, dialogues, questions, attachments


# Real activity on the previous release, through its own ORM and committed: papers issued in
# its register (number, date and PDF kept), an extension granted, a question answered, a
# reminder run.
ACTIVITY = textwrap.dedent("""
    Dialogue = env["doithoai.dialogue"]
    held = Dialogue.search([("state", "in", ["concluded", "followup", "done"])], limit=3)
    register = env["doithoai.paper.number"]
    for dialogue in held:
        for paper_type in ("minutes", "notice"):
            if not register._current(dialogue, paper_type):
                register._issue_paper(dialogue, paper_type)
    open_one = env["doithoai.assignment"].search([("state", "not in", ["done", "cancel"])], limit=1)
    open_one.write({"extension_date": open_one.deadline + datetime.timedelta(days=30),
                    "extension_reason": "Chờ ý kiến của cơ quan cấp trên"})
    question = env["doithoai.question"].search([("outcome", "=", False)], limit=1)
    question.write({"answer": "Đã trả lời tại hội nghị", "outcome": "answered"})
    env["doithoai.reminder"]._cron_assignment_deadlines()
    env.cr.commit()
    print("ACTIVITY DONE", len(held), open_one.id, question.id)
""")


@pytest.fixture(scope="module")
def previous_tree(tmp_path_factory):
    commit = (ROOT / ".previous-release").read_text().split()[0]
    tree = tmp_path_factory.mktemp("previous")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "doithoai_module"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree)  # noqa: S202 (our own repository)
    return commit, tree


def write_conf(path, addons):
    env = pg_env()
    path.write_text(textwrap.dedent(f"""\
        [options]
        addons_path = {odoo_root()}/usr/lib/python3/dist-packages/odoo/addons,{addons}
        data_dir = {path.parent / 'data'}
        db_host = {env['PGHOST']}
        db_port = {env['PGPORT']}
        db_user = {env['PGUSER']}
        db_password = {env['PGPASSWORD']}
        max_cron_threads = 0
        """))
    return path


def test_upgrade_from_previous_release_keeps_everything(previous_tree, tmp_path):
    commit, tree = previous_tree
    env = pg_env()
    drop_database(DB)
    try:
        old_conf = write_conf(tmp_path / "old.conf", tree)
        odoo(old_conf, "-i", "doithoai_module", "--with-demo", "--load-language=vi_VN", "--stop-after-init")
        out = odoo(old_conf, "shell", "--no-http", stdin="import datetime\n" + ACTIVITY)
        assert "ACTIVITY DONE" in out, out[-2000:]
        con = psycopg2.connect(host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
                               password=env["PGPASSWORD"], dbname=DB)
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("SELECT latest_version FROM ir_module_module WHERE name = 'doithoai_module'")
            old_version = cur.fetchone()[0]
            before = snapshot(cur)
        assert before[0]["doithoai_paper_number"] > 0, "the old release issued papers in its register"

        new_conf = write_conf(tmp_path / "new.conf", ROOT)
        odoo(new_conf, "-u", "doithoai_module", "--stop-after-init")
        with con.cursor() as cur:
            cur.execute("SELECT latest_version, state FROM ir_module_module WHERE name = 'doithoai_module'")
            new_version, state = cur.fetchone()
            after = snapshot(cur)
            cur.execute("""SELECT count(*) FROM res_partner p WHERE NOT p.doithoai_asker
                             AND p.id IN (SELECT partner_id FROM doithoai_question_asker_rel)""")
            unflagged_askers = cur.fetchone()[0]
        con.close()
    finally:
        drop_database(DB)

    assert state == "installed"
    assert new_version != old_version, f"the data model changed since {commit[:8]}: bump the version"
    rows_before, *kept_before = before
    rows_after, *kept_after = after
    for table, count in rows_before.items():
        assert rows_after[table] >= count, f"{table}: {count} rows before the upgrade, {rows_after[table]} after"
    # Demo records new in this release may be added by the update; every old row stays as it was.
    names = ("paper numbers", "assignments", "dialogues", "questions", "attachments")
    for name, old, new in zip(names, kept_before, kept_after):
        lost = set(old) - set(new)
        assert not lost, f"{name} changed or lost in the upgrade: {sorted(lost)[:5]}"
    assert unflagged_askers == 0, "the migration flags every existing asker"
