"""The set-up of the reminder tests: reminders sent through a real SMTP server, exactly once.

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
from datetime import datetime, timedelta
from unittest.mock import patch

from aiosmtpd.controller import Controller

from odoo.addons.base.models.ir_mail_server import IrMail_Server
from odoo.tests import TransactionCase
from odoo.tests.common import release_test_lock

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


class ReminderCase(TransactionCase):
    """Organisations, users and a real SMTP server for the reminder tests (no test here)."""

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
