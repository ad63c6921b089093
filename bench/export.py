#!/usr/bin/env python3
"""Benchmark: the Excel question register against Odoo's own list export (make bench-export).

    bench/export.py -c ODOO_CONF -d DB [--rows 100000]

Fills DB with ROWS questions (plain SQL, committed, once), then runs in separate
processes, one after the other, on the same questions and the same columns:
  - doithoai: doithoai.xlsx.export (xlsxwriter constant_memory, SQL in chunks);
  - odoo:     records.export_data(fields) + the XLSX writer of the web client's list
              export (odoo/addons/web/controllers/export.py), as the Export button does;
  - notice:   a conclusion notice of 300 questions rendered to PDF by wkhtmltopdf.
Each process reports its wall time and its peak resident memory (getrusage), and the
peak of Python allocations (tracemalloc) in a second, separate run when --tracemalloc.
Goals: doithoai at most half of Odoo's time and under 300 MB; the notice under 15 s.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

MARK = "BENCH export"
FIELDS = ["dialogue_id/organization_id", "dialogue_id", "dialogue_id/date_start", "asker_ids", "field_id",
          "content", "channel", "date_received", "competent_organization_id", "outcome", "answer",
          "answered_by_id", "stage_id"]


def odoo_env(conf, db):
    import odoo  # noqa: F401
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config
    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = Registry(db)
    cr = registry.cursor()
    env = api.Environment(cr, SUPERUSER_ID, {"tz": "Asia/Ho_Chi_Minh", "lang": "en_US"})
    return cr, env


def setup(env, rows):
    """The bench dialogue with `rows` questions (created once, kept for the next runs)."""
    Dialogue = env["doithoai.dialogue"].with_context(active_test=False)
    dialogue = Dialogue.search([("name", "=", MARK)], limit=1)
    if dialogue and dialogue.question_count == rows:
        return dialogue
    if dialogue:
        raise SystemExit(f"{MARK} exists with another number of questions: drop the bench database first.")
    org = env["doithoai.organization"].create({
        "name": "UBND tỉnh Bench", "kind": "government", "code": "UBND", "paper_place": "Bench"})
    agency = env["doithoai.organization"].create({"name": "Sở Bench", "kind": "department", "parent_id": org.id})
    dialogue = Dialogue.with_context(tracking_disable=True).create({
        "name": MARK, "organization_id": org.id, "date_start": "2025-05-02 01:00:00", "venue": "Hội trường"})
    partners = env["res.partner"].create([{"name": f"Người hỏi số {i}"} for i in range(1000)])
    fields = env["doithoai.field"].search([]).ids
    stage = env["doithoai.question.stage"]._first_of_state("received")
    cr = env.cr
    env.flush_all()
    cr.execute("""
        INSERT INTO doithoai_question (name, content, dialogue_id, organization_id, company_id, field_id,
               channel, date_received, stage_id, state, outcome, answer, answered_by_id,
               competent_organization_id, speaking_order, sequence, confidential, register_to_speak,
               priority, active, create_uid, write_uid, create_date, write_date)
        SELECT 'Ý kiến số ' || g,
               'Ý kiến số ' || g || ': đề nghị xem xét hỗ trợ hộ nghèo, cận nghèo, nâng cấp đường giao thông '
               || 'nông thôn và trạm y tế xã; giải quyết dứt điểm việc chi trả chế độ cho lao động nữ.',
               %(dialogue)s, %(org)s, %(company)s, (%(fields)s::int[])[1 + g %% %(nfields)s],
               (ARRAY['before', 'session', 'online'])[1 + g %% 3],
               timestamp '2025-04-01 02:00' + g * interval '1 second', %(stage)s, 'received',
               (ARRAY['answered', 'deferred', 'declined'])[1 + g %% 3],
               CASE WHEN g %% 3 = 0 THEN 'Đã giải đáp tại hội nghị: cơ quan chuyên môn sẽ hướng dẫn thủ tục.' END,
               CASE WHEN g %% 3 = 0 THEN %(answerer)s END, %(agency)s, g, 10, false, false, '0', true,
               1, 1, now() at time zone 'utc', now() at time zone 'utc'
          FROM generate_series(1, %(rows)s) g""", {
        "dialogue": dialogue.id, "org": org.id, "company": org.company_id.id, "fields": fields,
        "nfields": len(fields), "stage": stage.id, "answerer": partners[0].id, "agency": agency.id,
        "rows": rows})
    cr.execute("""
        INSERT INTO doithoai_question_asker_rel (question_id, partner_id)
        SELECT q.id, (%(partners)s::int[])[1 + q.id %% 1000]
          FROM doithoai_question q WHERE q.dialogue_id = %(dialogue)s""",
               {"partners": partners.ids, "dialogue": dialogue.id})
    cr.execute("ANALYZE doithoai_question; ANALYZE doithoai_question_asker_rel")
    env.invalidate_all()
    return dialogue


def run_doithoai(env, dialogue, path):
    export = env["doithoai.xlsx.export"].create(
        {"kind": "questions", "res_model": "doithoai.dialogue", "res_ids": str(dialogue.id)})
    export._generate(path)


class _FakeRequest:
    def __init__(self, env):
        self.env = env


def run_odoo(env, dialogue, path):
    """What the list view's Export (XLSX, all records of the dialogue) does."""
    from odoo.addons.web.controllers.export import ExportXlsxWriter
    from odoo.http import _request_stack
    _request_stack.push(_FakeRequest(env))
    try:
        records = env["doithoai.question"].search([("dialogue_id", "=", dialogue.id)])
        fields = [{"name": name, "type": "char", "label": name} for name in FIELDS]
        rows = records.export_data(FIELDS).get("datas", [])
        with ExportXlsxWriter(fields, FIELDS, len(rows)) as writer:
            for row_index, row in enumerate(rows):
                for cell_index, cell_value in enumerate(row):
                    writer.write_cell(row_index + 1, cell_index, cell_value)
        with open(path, "wb") as out:
            out.write(writer.value)
    finally:
        _request_stack.pop()


def run_notice(env, dialogue, path):
    """A conclusion notice of 300 questions (created here and rolled back)."""
    from datetime import date
    org = dialogue.organization_id
    big = env["doithoai.dialogue"].with_context(tracking_disable=True).create({
        "name": "Hội nghị 300 ý kiến", "organization_id": org.id, "date_start": "2025-06-02 01:00:00",
        "conclusion_date": date(2025, 6, 9), "venue": "Hội trường"})
    asker = env["res.partner"].create({"name": "Nguyễn Thị Bench"})
    questions = env["doithoai.question"].with_context(tracking_disable=True).create([{
        "dialogue_id": big.id, "asker_ids": [(6, 0, asker.ids)], "outcome": "deferred",
        "content": f"Ý kiến số {i}: đề nghị xem xét hỗ trợ hộ nghèo, cận nghèo và nâng cấp đường giao thông."}
        for i in range(300)])
    agency = org.child_ids[:1] or org
    env["doithoai.assignment"].with_context(tracking_disable=True).create([{
        "name": f"Giải quyết ý kiến số {i}", "dialogue_id": big.id, "question_ids": [(6, 0, q.ids)],
        "organization_id": agency.id, "notice_date": date(2025, 6, 9)} for i, q in enumerate(questions)])
    env.flush_all()
    start = time.monotonic()
    pdf, _kind = env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
        "doithoai_module.action_report_conclusion_notice", big.ids)
    with open(path, "wb") as out:
        out.write(pdf)
    return time.monotonic() - start


def phase(args):
    """One measured export, in this process: prints a JSON line."""
    import tracemalloc
    cr, env = odoo_env(args.config, args.database)
    try:
        dialogue = env["doithoai.dialogue"].with_context(active_test=False).search([("name", "=", MARK)], limit=1)
        admin = env.ref("base.user_admin")
        uenv = env(user=admin, su=False)
        dialogue = dialogue.with_env(uenv)
        # Warm the registry and caches that are not the export's own work.
        uenv["doithoai.question"].search_count([("dialogue_id", "=", dialogue.id)])
        uenv.invalidate_all()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if args.tracemalloc:
            tracemalloc.start()
        fd, path = tempfile.mkstemp(suffix=".xlsx" if args.phase != "notice" else ".pdf")
        os.close(fd)
        start = time.monotonic()
        extra = {"doithoai": run_doithoai, "odoo": run_odoo, "notice": run_notice}[args.phase](uenv, dialogue, path)
        elapsed = time.monotonic() - start
        result = {"phase": args.phase, "seconds": round(extra if args.phase == "notice" else elapsed, 2),
                  "size_kb": os.path.getsize(path) // 1024,
                  "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "rss_before_mb": round(rss_before / 1024, 1)}
        if args.tracemalloc:
            result["py_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        os.unlink(path)
        print(json.dumps(result), flush=True)
    finally:
        cr.rollback()
        cr.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python allocations (slower)")
    parser.add_argument("--phase", choices=["setup", "doithoai", "odoo", "notice"])
    args = parser.parse_args()
    if args.phase == "setup":
        cr, env = odoo_env(args.config, args.database)
        with cr:
            start = time.monotonic()
            dialogue = setup(env, args.rows)
            cr.commit()
            print(f"{args.rows} questions ready in dialogue {dialogue.id} ({time.monotonic() - start:.1f} s)")
        return
    if args.phase:
        phase(args)
        return

    def run(name, tracemalloc=False):
        cmd = [sys.executable, __file__, "-c", args.config, "-d", args.database, "--rows", str(args.rows),
               "--phase", name] + (["--tracemalloc"] if tracemalloc else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    subprocess.run([sys.executable, __file__, "-c", args.config, "-d", args.database, "--rows", str(args.rows),
                    "--phase", "setup"], check=True)
    ours, theirs = run("doithoai"), run("odoo")
    print(f"\nExport of {args.rows} questions, {len(FIELDS)} columns, to .xlsx")
    print(f"{'':10}{'time (s)':>10}{'peak RSS (MB)':>15}{'RSS before (MB)':>17}{'file (KB)':>11}")
    for r in (ours, theirs):
        print(f"{r['phase']:10}{r['seconds']:>10}{r['rss_peak_mb']:>15}{r['rss_before_mb']:>17}{r['size_kb']:>11}")
    ratio = ours["seconds"] / theirs["seconds"] if theirs["seconds"] else 0
    print(f"doithoai / odoo time: {ratio:.2f} (goal <= 0.50): {'OK' if ratio <= 0.5 else 'MISSED'}")
    print(f"doithoai peak RSS {ours['rss_peak_mb']} MB (goal < 300): {'OK' if ours['rss_peak_mb'] < 300 else 'MISSED'}")
    if args.tracemalloc:
        ours_t, theirs_t = run("doithoai", True), run("odoo", True)
        print(f"Python allocations peak (tracemalloc): doithoai {ours_t['py_peak_mb']} MB, "
              f"odoo {theirs_t['py_peak_mb']} MB")
    notice = run("notice")
    print(f"\nConclusion notice with 300 questions and 300 assignments: {notice['seconds']} s "
          f"(goal < 15): {'OK' if notice['seconds'] < 15 else 'MISSED'}")


if __name__ == "__main__":
    main()
