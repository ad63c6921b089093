"""Reminders sent through a real SMTP server, exactly once.

An aiosmtpd server listens on 127.0.0.1; an ir.mail_server points at it. The crons run
through ``ir.cron.method_direct_trigger`` (the real job runner, with the progress API)
on registry test cursors, at frozen dates; the queued mail.mail are then sent with
``mail.mail.send()`` and the test reads what the server received.

Odoo never talks to an SMTP server while a test runs: ``IrMailServer._disable_send()``
returns ``modules.module.current_test``. The test flips that single switch for the
sending step, exactly as Odoo's own SMTP tests do (base/tests/test_ir_mail_server_smtpd.py);
nothing of the mail stack is mocked: connection, SMTP dialogue and MIME are real.
"""
import threading
import time
from datetime import date, datetime

import psycopg2.errors

from odoo.tests import TransactionCase, freeze_time, tagged

from ..tools.vn_paper import format_vn_date
from .reminder_case import ReminderCase, _body, _s, _subject, vn


@tagged("post_install", "-at_install")
class TestReminders(ReminderCase):

    # ------------------------------------------------------------------
    # tests
    # ------------------------------------------------------------------
    def test_vn_date(self):
        self.assertEqual(format_vn_date(date(2026, 10, 5)), "ngày 05 tháng 10 năm 2026")
        self.assertEqual(format_vn_date(date(2018, 2, 9)), "ngày 09 tháng 02 năm 2018")
        self.assertEqual(format_vn_date(False), "")

    def test_assignment_reminders(self):
        with freeze_time("2026-09-01 01:00:00"):
            dialogue = self.dialogue(vn(2026, 8, 3))
            soon = self.assignment(dialogue, date(2026, 10, 12), name="Sửa đường liên thôn")
            today = self.assignment(dialogue, date(2026, 10, 5), name="Hỗ trợ hộ nghèo")
            late = self.assignment(dialogue, date(2026, 9, 25), name="Cấp sổ đỏ")
            later = self.assignment(dialogue, date(2026, 10, 20), name="Chưa đến lúc nhắc")
            done = self.assignment(dialogue, date(2026, 10, 5), name="Đã xong")
            done.with_user(self.responder).write(
                {"result": "<p>Xong</p>", "stage_id": self.env.ref("doithoai_module.assignment_stage_done").id})
            self.end_request()
            holiday = self.assignment(dialogue, date(2026, 9, 2), name="Hạn vào ngày Quốc khánh")
        self.deliver()

        # Monday 31 August: the 2nd of September is a holiday, "due today" goes out now.
        with freeze_time("2026-08-31 01:00:00"):
            self.run_cron("assignment_deadlines")
        received = self.by_recipient(self.deliver())
        subjects = [_subject(m) for m in received.get("canbo@doithoai.example", [])]
        self.assertIn(_s(f"Nhiệm vụ đến hạn hôm nay ngày 02 tháng 9 năm 2026: {holiday.name}"), subjects)
        # Tuesday 1 September is a holiday itself: nothing is sent.
        with freeze_time("2026-09-01 01:00:00"):
            self.run_cron("assignment_deadlines")
        self.assertEqual(self.deliver(), [])

        with freeze_time("2026-10-05 01:00:00"):  # Monday 5 October 2026, 8:00 in Hanoi
            self.run_cron("assignment_deadlines")
            received = self.by_recipient(self.deliver())
            officer = {_subject(m): m for m in received["canbo@doithoai.example"]}
            agency = {_subject(m) for m in received["phongvanhoa@doithoai.example"]}
            expected = {
                _s(f"Nhiệm vụ đến hạn ngày 12 tháng 10 năm 2026: {soon.name}"),
                _s(f"Nhiệm vụ đến hạn hôm nay ngày 05 tháng 10 năm 2026: {today.name}"),
                _s(f"Nhiệm vụ quá hạn từ ngày 25 tháng 9 năm 2026: {late.name}"),
                _s(f"Nhiệm vụ quá hạn từ ngày 02 tháng 9 năm 2026: {holiday.name}"),
            }
            self.assertEqual(set(officer), expected)
            self.assertEqual(agency, expected)
            body = _body(officer[_s(f"Nhiệm vụ đến hạn ngày 12 tháng 10 năm 2026: {soon.name}")])
            self.assertIn("Kính gửi Cán bộ Một", body)
            self.assertIn("giao cho Phòng Văn hóa Test", body)
            self.assertIn(f"/odoo/doithoai.assignment/{soon.id}", body)
            self.assertIn("TM. ỦY BAN NHÂN DÂN", body.replace("&nbsp;", " "))
            # five working days late: the manager hears of it
            escalations = [_subject(m) for m in received["lanhdao@doithoai.example"]]
            self.assertEqual(sorted(escalations), sorted([
                _s(f"Báo cáo cấp trên: nhiệm vụ quá hạn từ ngày 25 tháng 9 năm 2026: {late.name}"),
                _s(f"Báo cáo cấp trên: nhiệm vụ quá hạn từ ngày 02 tháng 9 năm 2026: {holiday.name}"),
            ]))
            for record in (later, done):
                self.assertNotIn(record.name, " ".join(officer))
            activity = soon.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.officer)
            self.assertEqual(activity.date_deadline, date(2026, 10, 12))
            self.assertEqual(self.env["doithoai.reminder.log"].search_count(
                [("res_model", "=", "doithoai.assignment"), ("res_id", "=", soon.id)]), 1)
            # The officer reads the log in words: the reminder, what it is about, to how many.
            log = self.env["doithoai.reminder.log"].with_user(self.officer).with_context(lang="vi_VN").search(
                [("res_model", "=", "doithoai.assignment"), ("res_id", "=", late.id),
                 ("kind", "=", "assignment_overdue")])
            self.assertEqual(len(log), 1)
            self.assertEqual(log.kind_label, "Nhiệm vụ quá hạn")
            self.assertEqual(log.record_name, late.display_name)
            self.assertEqual(log.model_label, self.env["ir.model"].with_context(lang="vi_VN")._get(
                "doithoai.assignment").name)
            overdue = _s(f"Nhiệm vụ quá hạn từ ngày 25 tháng 9 năm 2026: {late.name}")
            self.assertEqual(log.mail_count, sum(
                overdue in {_subject(m) for m in mails} for mails in received.values()))
            self.assertGreaterEqual(log.mail_count, 2)  # the officer and the agency
            self.assert_nothing_more("assignment_deadlines")

    def test_session_deadlines_and_conclusion(self):
        with freeze_time("2026-09-01 01:00:00"):
            upcoming = self.dialogue(vn(2026, 10, 15), name="Đối thoại với phụ nữ xã")
            held = self.dialogue(vn(2026, 9, 14), name="Đối thoại về đất đai")
        with freeze_time("2026-09-15 01:00:00"):
            self.hold(held)
        self.assertEqual(upcoming.invitation_deadline, date(2026, 10, 12))
        self.assertEqual(upcoming.announcement_deadline, date(2026, 10, 8))
        self.assertEqual(upcoming.questions_deadline, date(2026, 10, 5))
        self.assertEqual(held.conclusion_deadline, date(2026, 9, 28))
        self.deliver()
        with freeze_time("2026-10-05 01:00:00"):
            self.run_cron("session_deadlines")
            received = self.by_recipient(self.deliver())
            subjects = sorted(_subject(m) for m in received["canbo@doithoai.example"])
            self.assertEqual(subjects, sorted([
                _s(f"Hạn thông báo trên đài truyền thanh ngày 08 tháng 10 năm 2026: {upcoming.name}"),
                _s(f"Hạn gửi tổng hợp câu hỏi cho chủ thể đối thoại ngày 05 tháng 10 năm 2026: {upcoming.name}"),
            ]))
            body = _body(received["canbo@doithoai.example"][0])
            self.assertIn(f"/odoo/doithoai.dialogue/{upcoming.id}", body)
            self.assertIn("Buổi đối thoại bắt đầu ngày 15 tháng 10 năm 2026", body)
            self.assertIn("UBND xã Test", body)
            self.assert_nothing_more("session_deadlines")

            self.run_cron("conclusion_late")
            received = self.by_recipient(self.deliver())
            late_subject = _s(f"Chậm ban hành thông báo kết luận từ ngày 28 tháng 9 năm 2026: {held.name}")
            self.assertEqual([_subject(m) for m in received["thuky@doithoai.example"]], [late_subject])
            self.assertEqual([_subject(m) for m in received["chutichxa@doithoai.example"]], [late_subject])
            escalation = received["lanhdao@doithoai.example"]
            self.assertEqual([_subject(m) for m in escalation], [_s("Báo cáo cấp trên:") + late_subject])
            self.assertIn("đã chậm 5 ngày làm việc", _body(escalation[0]))
            self.assert_nothing_more("conclusion_late")
        # Five more working days late: escalated again, the secretariat is not told twice.
        with freeze_time("2026-10-12 01:00:00"):
            self.run_cron("conclusion_late")
            received = self.by_recipient(self.deliver())
            self.assertEqual(list(received), ["lanhdao@doithoai.example"])
            self.assertIn("đã chậm 10 ngày làm việc", _body(received["lanhdao@doithoai.example"][0]))

    def test_askers_hear_back(self):
        with freeze_time("2026-03-20 01:00:00"):
            dialogue = self.dialogue(vn(2026, 3, 10))
            self.hold(dialogue)
            question = self.env["doithoai.question"].with_user(self.officer).create({
                "content": "Khi nào sửa đường?", "dialogue_id": dialogue.id, "asker_ids": [(6, 0, self.asker.ids)]})
            self.end_request()
            assignment = self.env["doithoai.assignment"].with_user(self.manager).create({
                "name": "Sửa đường", "dialogue_id": dialogue.id, "organization_id": self.agency.id,
                "notice_date": date(2026, 3, 18), "question_ids": [(6, 0, question.ids)]})
            self.end_request()
        self.deliver()
        with freeze_time("2026-04-01 01:00:00"):
            # the leader grants more time
            assignment.write({"extension_date": date(2026, 7, 31), "extension_reason": "Chờ kinh phí",
                              "stage_id": self.env.ref("doithoai_module.assignment_stage_extended").id})
            self.end_request()
            received = self.deliver()
            self.assertEqual(len(received), 1)
            rcpts, message = received[0]
            self.assertEqual(rcpts, ["nguyenthian@doithoai.example"])
            self.assertEqual(_subject(message), _s("Thời hạn mới giải quyết ý kiến của Ông/Bà: Sửa đường"))
            self.assertIn("ngày 31 tháng 7 năm 2026", _body(message))
            self.assertIn("Lý do: Chờ kinh phí", _body(message))
        with freeze_time("2026-05-04 01:00:00"):
            # the agency records its result and resolves
            by_agency = assignment.with_user(self.responder)
            by_agency.write({"result": "<p>Đường đã được sửa xong.</p>",
                             "stage_id": self.env.ref("doithoai_module.assignment_stage_done").id})
            self.end_request()
            by_agency.write({"priority": "1"})  # an unrelated change sends nothing
            self.end_request()
            received = self.deliver()
            self.assertEqual(len(received), 1)
            message = received[0][1]
            self.assertEqual(_subject(message), _s("Kết quả giải quyết ý kiến của Ông/Bà: Sửa đường"))
            self.assertIn("đã được giải quyết <strong>ngày 04 tháng 5 năm 2026</strong>", _body(message))
            self.assertIn("Đường đã được sửa xong.", _body(message))
            self.assertIn(f"/odoo/doithoai.assignment/{assignment.id}", _body(message))
            by_agency.write({"stage_id": self.env.ref("doithoai_module.assignment_stage_done").id})
            self.end_request()
            self.assertEqual(self.deliver(), [])

    def test_yearly_union_and_holidays(self):
        union = self.env["doithoai.organization"].create({
            "name": "Hội LHPN tỉnh Test", "kind": "union", "parent_id": self.province.id,
            "partner_id": self.env["res.partner"].create({
                "name": "Hội LHPN tỉnh Test", "email": "hoiphunu@doithoai.example", "lang": "vi_VN"}).id,
        })
        with freeze_time("2026-03-20 01:00:00"):
            dialogue = self.dialogue(vn(2026, 3, 10), organization_id=self.province.id)
            self.hold(dialogue)
            self.env["doithoai.question"].with_user(self.officer).create([
                {"content": f"Câu hỏi {i}", "dialogue_id": dialogue.id} for i in range(3)])
            self.end_request()
        self.deliver()
        # Wednesday 10 June: 3 working days before the report of Monday 15 June.
        with freeze_time("2026-06-10 01:00:00"):
            self.run_cron("union_report")
            received = self.by_recipient(self.deliver())
            message = received["hoiphunu@doithoai.example"][0]
            self.assertEqual(_subject(message), _s("Hạn báo cáo của đoàn thể ngày 15 tháng 6 năm 2026: Hội LHPN tỉnh Test"))
            body = _body(message)
            self.assertIn("Số liệu từ ngày 16 tháng 12 năm 2025 đến ngày 15 tháng 6 năm 2026", body)
            self.assertIn("Số buổi đối thoại đã tổ chức: 1", body)
            self.assertIn("Số câu hỏi: 3", body)
            self.assertIn(f"/odoo/doithoai.organization/{union.id}", body)
            # the reminder links to the draft report of the period, made for it
            draft = self.env["doithoai.union.report"].search([("organization_id", "=", union.id)])
            self.assertEqual((draft.period, draft.year, draft.date_to), ("half", 2026, date(2026, 6, 15)))
            self.assertIn(f"/odoo/doithoai.union.report/{draft.id}", body)
            self.assertIn("Mở dự thảo báo cáo", body)
            self.assert_nothing_more("union_report")

        # 1 October: the commune held nothing this year, the province did.
        with freeze_time("2026-10-01 01:00:00"):
            self.run_cron("yearly_dialogue")
            received = self.by_recipient(self.deliver())
            self.assertEqual([_subject(m) for m in received["ubndxa@doithoai.example"]],
                             [_s("Chưa tổ chức hoặc lên kế hoạch đối thoại năm 2026: UBND xã Test")])
            self.assertEqual(len(received["chutichxa@doithoai.example"]), 1)
            self.assertNotIn("chutichtinh@doithoai.example",
                             [r for r, msgs in received.items()
                              if any(_s("Chưa tổ chức") in _subject(m) for m in msgs)])
            summary = received["ubndtinh@doithoai.example"]
            self.assertEqual([_subject(m) for m in summary],
                             [_s("Các cơ quan thuộc UBND tỉnh Test chưa đối thoại năm 2026")])
            self.assertIn("UBND xã Test", _body(summary[0]))
            self.assertIn("ngày 01 tháng 10 năm 2026", _body(summary[0]))
            self.assert_nothing_more("yearly_dialogue")

        # 2026: next year's holidays are in the shipped data, no reminder.
        with freeze_time("2026-11-02 01:00:00"):
            self.run_cron("holidays_next_year")
            self.assertEqual(self.deliver(), [])
        # Without them, Sunday 1 November 2026's reminder goes out on Friday 30 October.
        calendar = self.env.ref("doithoai_module.calendar_vn_civil_service")
        self.env["resource.calendar.leaves"].with_user(self.admin).search([
            ("calendar_id", "=", calendar.id), ("date_from", ">=", datetime(2026, 12, 31))]).unlink()
        self.end_request()
        with freeze_time("2026-10-29 01:00:00"):
            self.run_cron("holidays_next_year")
            self.assertEqual(self.deliver(), [])
        with freeze_time("2026-10-30 01:00:00"):
            self.run_cron("holidays_next_year")
            received = self.by_recipient(self.deliver())
            message = received["quantri@doithoai.example"][0]
            self.assertEqual(_subject(message), _s("Nhập ngày nghỉ lễ năm 2027"))
            self.assertIn("trước ngày 31 tháng 12 năm 2026", _body(message))
            self.assertIn(f"/odoo/resource.calendar/{calendar.id}", _body(message))
            self.assert_nothing_more("holidays_next_year")


@tagged("post_install", "-at_install")
class TestReminderClaimConcurrency(TransactionCase):
    """Two real transactions claim the same reminder at once: only one gets it."""

    def test_two_workers(self):
        key = ("doithoai.test.concurrency", 1, "test", date(2026, 10, 5))
        started = threading.Event()
        results = {}

        def first():
            with self.registry.cursor() as cr:
                env = self.env(cr=cr)
                results["first"] = env["doithoai.reminder.log"]._claim([key])
                started.set()
                time.sleep(1.0)  # the second worker waits on the unique constraint meanwhile
                cr.commit()

        def second():
            started.wait(10)
            with self.registry.cursor() as cr:
                env = self.env(cr=cr)
                begin = time.monotonic()
                try:
                    results["second"] = env["doithoai.reminder.log"]._claim([key])
                except psycopg2.errors.SerializationFailure:
                    # Odoo transactions are REPEATABLE READ: the row committed meanwhile is
                    # a conflict; the job's transaction is retried and then sees it.
                    results["second"] = "serialization failure"
                    cr.rollback()
                results["waited"] = time.monotonic() - begin
                results["retry"] = env["doithoai.reminder.log"]._claim([key])
                cr.commit()
        try:
            threads = [threading.Thread(target=first), threading.Thread(target=second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            self.assertEqual(results["first"], {key})
            self.assertIn(results["second"], (set(), "serialization failure"))
            self.assertEqual(results["retry"], set())
            self.assertGreater(results["waited"], 0.5)
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM doithoai_reminder_log WHERE res_model = %s", [key[0]])
