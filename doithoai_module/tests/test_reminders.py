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
import email
import email.policy
import socket
import threading
import time
from datetime import date, datetime, timedelta
from unittest.mock import patch

import psycopg2.errors
from aiosmtpd.controller import Controller

from odoo.addons.base.models.ir_mail_server import IrMail_Server
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tests.common import release_test_lock

from ..tools.vn_paper import format_vn_date
from .common import end_request

VN = timedelta(hours=7)


def vn(year, month, day, hour=8):
    """Naive UTC datetime of this local time in Vietnam."""
    return datetime(year, month, day, hour) - VN


class _Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def take(self):
        with self.lock:
            messages, self.messages = self.messages, []
        return messages


def _subject(message):
    """The subject without whitespace: Python's RFC 2047 folding of long non-ASCII
    headers may drop the space where it folds (seen as "củaÔng/Bà" by the reader)."""
    return "".join(str(message["Subject"]).split())


def _s(text):
    return "".join(text.split())


def _body(message):
    part = message.get_body(("html", "plain"))
    return part.get_content() if part else ""


@tagged("post_install", "-at_install")
class TestReminders(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        cls.inbox = _Inbox()
        cls.smtpd = Controller(cls.inbox, hostname="127.0.0.1", port=port)
        cls.smtpd.start()
        cls.addClassCleanup(cls.smtpd.stop)
        cls.env["ir.mail_server"].search([]).active = False
        cls.mail_server = cls.env["ir.mail_server"].create({
            "name": "Test SMTP", "smtp_host": "127.0.0.1", "smtp_port": port,
            "smtp_encryption": "none", "sequence": 0,
        })
        # The Vietnamese of the templates comes from the module's i18n/vi.po, loaded by Odoo
        # when the module is installed or updated with vi_VN active.
        cls.env["res.lang"]._activate_lang("vi_VN")

        cls.env.company.write({"email": "vanphong@doithoai.example", "name": "Tỉnh Test"})
        cls.env.company.partner_id.lang = "vi_VN"
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, name, group):
            return Users.create({"login": login, "name": name, "email": f"{login}@doithoai.example",
                                 "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
                                 "group_ids": [(6, 0, [cls.env.ref(f"doithoai_module.group_doithoai_{group}").id])]})
        # the province's officer, secretary and leader; the agency's own user resolves
        cls.officer = user("canbo", "Cán bộ Một", "officer")
        cls.secretary = user("thuky", "Thư ký Hai", "officer")
        cls.manager = user("lanhdao", "Lãnh đạo Ba", "manager")
        cls.responder = user("xuly", "Chuyên viên Phòng Văn hóa", "responder")
        Partner = cls.env["res.partner"]

        def partner(name, mail):
            return Partner.create({"name": name, "email": mail, "lang": "vi_VN"})
        Org = cls.env["doithoai.organization"]
        cls.province = Org.create({
            "name": "UBND tỉnh Test", "kind": "government", "reminder_manager_id": cls.manager.id,
            "partner_id": partner("UBND tỉnh Test", "ubndtinh@doithoai.example").id,
            "host_id": partner("Chủ tịch tỉnh", "chutichtinh@doithoai.example").id,
            "reminder_signature": "TM. ỦY BAN NHÂN DÂN\nVĂN PHÒNG",
        })
        cls.host = partner("Chủ tịch xã", "chutichxa@doithoai.example")
        cls.commune = Org.create({
            "name": "UBND xã Test", "kind": "government", "parent_id": cls.province.id,
            "partner_id": partner("UBND xã Test", "ubndxa@doithoai.example").id, "host_id": cls.host.id,
            "reminder_signature": "TM. ỦY BAN NHÂN DÂN\nVĂN PHÒNG",
        })
        cls.agency = Org.create({
            "name": "Phòng Văn hóa Test", "kind": "department", "parent_id": cls.province.id,
            "partner_id": partner("Phòng Văn hóa Test", "phongvanhoa@doithoai.example").id,
        })
        (cls.officer | cls.secretary | cls.manager).doithoai_organization_ids = cls.province
        cls.responder.doithoai_organization_ids = cls.agency
        cls.asker = partner("Nguyễn Thị An", "nguyenthian@doithoai.example")
        cls.admin = cls.env.ref("base.user_admin")  # the module's administrator too
        cls.admin.write({"email": "quantri@doithoai.example", "lang": "vi_VN"})
        cls.Reminder = cls.env["doithoai.reminder"]
        end_request(cls.env)

    def setUp(self):
        super().setUp()
        self.inbox.take()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def end_request(self):
        end_request(self.env)

    def run_cron(self, name):
        """Runs the scheduled action the way the scheduler does (progress API, own cursor)."""
        self.end_request()
        cron = self.env.ref(f"doithoai_module.ir_cron_reminder_{name}")
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def deliver(self):
        """Sends the queued mails through the SMTP server and returns what it received."""
        mails = self.env["mail.mail"].search([("state", "=", "outgoing")])
        with patch.object(IrMail_Server, "_disable_send", return_value=False):
            mails.send(raise_exception=True)
        failed = mails.exists().filtered(lambda m: m.state == "exception")
        self.assertFalse(failed, failed.mapped("failure_reason"))
        time.sleep(0.2)
        return self.inbox.take()

    def by_recipient(self, received):
        result = {}
        for rcpts, message in received:
            for rcpt in rcpts:
                result.setdefault(rcpt, []).append(message)
        return result

    def dialogue(self, start, **vals):
        """The officer proposes a dialogue."""
        dialogue = self.env["doithoai.dialogue"].with_user(self.officer).create({
            "name": vals.pop("name", "Đối thoại về an sinh xã hội"), "organization_id": self.commune.id,
            "date_start": start, "user_id": self.officer.id, "secretary_id": self.secretary.id,
            "venue": "Hội trường xã", **vals})
        self.end_request()
        return dialogue

    def hold(self, dialogue):
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        dialogue.with_user(self.manager).action_approve()
        self.end_request()
        dialogue.with_user(self.officer).action_mark_held()
        self.end_request()

    def assignment(self, dialogue, due, **vals):
        """The leader gives an assignment to the agency."""
        record = self.env["doithoai.assignment"].with_user(self.manager).create({
            "name": vals.pop("name", f"Giải quyết kiến nghị {due}"), "dialogue_id": dialogue.id,
            "organization_id": self.agency.id, "user_id": self.officer.id,
            "notice_date": vals.pop("notice_date", dialogue.date_start.date() + timedelta(days=3)), **vals})
        self.end_request()
        # Pin the due date the test is about (it is otherwise 45 working days after the notice).
        self.env.cr.execute("UPDATE doithoai_assignment SET date_due = %s, deadline = %s WHERE id = %s",
                            (due, due, record.id))
        record.invalidate_recordset()
        return record

    def assert_nothing_more(self, cron):
        """A rerun, then two runs at once on two cursors, send nothing more."""
        self.run_cron(cron)
        self.assertEqual(self.deliver(), [], "a rerun sent again")
        method = getattr(self.Reminder, f"_cron_{cron}")
        errors = []

        def worker():
            try:
                with self.registry.cursor() as cr:
                    env = self.env(cr=cr)
                    getattr(env["doithoai.reminder"], method.__name__)()
            except Exception as error:  # noqa: BLE001
                errors.append(error)
        with self.enter_registry_test_mode(), release_test_lock():
            threads = [threading.Thread(target=worker) for _i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        self.env.invalidate_all()
        self.assertEqual(errors, [])
        self.assertEqual(self.deliver(), [], "a parallel run sent again")

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
