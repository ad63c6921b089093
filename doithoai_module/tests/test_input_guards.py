"""What the forms require is required everywhere; free text has limits; bad input is refused
with a clear message (issue 11). Every step runs as the user concerned and ends as a request."""
from datetime import date

from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import DoithoaiCase, end_request, vn


@tagged("post_install", "-at_install")
class TestInputGuards(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dialogue = cls._dialogue(vn(2026, 12, 20), organization=cls.province)

    def assertUnchanged(self, record, **values):  # noqa: N802
        record.invalidate_recordset()
        for name, value in values.items():
            # the database as it stands, read by the test itself (not by the user who was refused)
            self.assertEqual(record.with_env(self.env)[name], value, name)

    # -- required -------------------------------------------------------------
    def test_assignment_needs_agency(self):
        Assignment = self.Assignment.with_user(self.leader)
        count = Assignment.search_count([])
        with self.assertRaises(ValidationError) as cm:
            Assignment.create({"name": "Không có cơ quan", "dialogue_id": self.dialogue.id,
                               "notice_date": date(2026, 12, 21)})
        self.assertIn("Assigned Agency", str(cm.exception))
        self.end_request()
        self.assertEqual(Assignment.search_count([]), count)
        self.assertTrue(self.Assignment._fields["organization_id"].required)
        self.env.cr.execute("""SELECT is_nullable FROM information_schema.columns
                                WHERE table_name = 'doithoai_assignment' AND column_name = 'organization_id'""")
        self.assertEqual(self.env.cr.fetchone()[0], "NO")

    def test_required_cannot_be_emptied(self):
        with self.assertRaises(ValidationError):
            self.dialogue.with_user(self.officer).write({"name": False})
        self.end_request()
        question = self._question(self.dialogue)
        with self.assertRaises(ValidationError):
            question.with_user(self.officer).write({"content": ""})
        self.end_request()
        self.assertUnchanged(question, content="Xin hỏi về chế độ thai sản cho lao động nữ tự do?")

    # -- lengths and NUL bytes ------------------------------------------------
    def test_topic_too_long(self):
        Dialogue = self.Dialogue.with_user(self.officer)
        count = Dialogue.search_count([])
        with self.assertRaises(ValidationError) as cm:
            Dialogue.create({"name": "x" * 1_000_000, "organization_id": self.province.id,
                             "date_start": vn(2026, 12, 20)})
        self.assertIn("500", str(cm.exception))
        self.end_request()
        self.assertEqual(Dialogue.search_count([]), count)
        with self.assertRaises(ValidationError):
            self.dialogue.with_user(self.officer).write({"venue": "v" * 501, "name": "Đổi tên"})
        self.end_request()
        self.assertUnchanged(self.dialogue, name="Đối thoại với hội viên phụ nữ", venue=False)
        self.dialogue.with_user(self.officer).write({"venue": "v" * 500})
        self.end_request()

    def test_question_and_html_limits(self):
        with self.assertRaises(ValidationError):
            self._question(self.dialogue, content="?" * 5001)
        self.end_request()
        with self.assertRaises(ValidationError):
            self.dialogue.with_user(self.officer).write({"content": "<p>" + "a" * 200_001 + "</p>"})
        self.end_request()
        self.assertEqual(len(self._question(self.dialogue, content="?" * 5000).content), 5000)

    def test_nul_bytes_stripped(self):
        question = self._question(self.dialogue, content="Xin hỏi\x00 về đất đai")
        self.assertEqual(question.content, "Xin hỏi về đất đai")
        self.dialogue.with_user(self.officer).write({"venue": "Hội trường\x00 xã"})
        self.end_request()
        self.assertUnchanged(self.dialogue, venue="Hội trường xã")

    # -- dates, years, integers, ids ------------------------------------------
    def test_years_out_of_range(self):
        Dialogue = self.Dialogue.with_user(self.officer)
        for start in ("0001-01-01 08:00:00", "9999-12-31 08:00:00", "2026-13-45 08:00:00", "abc"):
            with self.assertRaises(ValidationError, msg=start):
                Dialogue.create({"name": "Sai ngày", "organization_id": self.province.id, "date_start": start})
            self.end_request()
        self.assertFalse(Dialogue.search([("name", "=", "Sai ngày")]))
        Plan = self.env["doithoai.plan"].with_user(self.officer)
        for year in (1, 9999, "abc"):
            with self.assertRaises(ValidationError, msg=year):
                Plan.create({"name": "Kế hoạch", "organization_id": self.province.id, "year": year})
            self.end_request()
        self.assertFalse(Plan.search([("name", "=", "Kế hoạch")]))
        Report = self.env["doithoai.yearly.report.wizard"].with_user(self.leader)
        with self.assertRaises(ValidationError):
            Report.create({"year": 9999})
        self.end_request()

    def test_integer_not_a_number(self):
        with self.assertRaises(ValidationError):
            self.dialogue.with_user(self.officer).write({"expected_attendance": "nhiều"})
        self.end_request()
        self.assertUnchanged(self.dialogue, expected_attendance=0)

    def test_missing_ids(self):
        with self.assertRaises(ValidationError):
            self._question(self.dialogue, field_id=999_999)
        self.end_request()
        with self.assertRaises(ValidationError):
            self.dialogue.with_user(self.officer).write({"plan_id": 999_999})
        self.end_request()
        with self.assertRaises(MissingError):
            self.Dialogue.with_user(self.officer).browse(999_999).action_submit()
        self.end_request()

    def test_unlink_used_record_says_what_uses_it(self):
        self._assignment(self._hold(self._dialogue(vn(2026, 11, 20), organization=self.province)),
                         date(2026, 11, 21))
        with self.assertRaises(UserError) as cm:
            self.agency.with_user(self.admin_user).unlink()
        self.assertIn("Archive it instead", str(cm.exception))
        self.end_request()
        self.assertTrue(self.agency.exists())

    # -- confidential ------------------------------------------------------------
    def test_officer_cannot_mark_confidential(self):
        question = self._question(self.dialogue)
        with self.assertRaises(UserError) as cm:
            question.with_user(self.officer).write({"confidential": True})
        self.assertIn("ask a leader", str(cm.exception))
        self.end_request()
        self.assertUnchanged(question, confidential=False)
        with self.assertRaises(UserError):
            self._question(self.dialogue, content="Tố cáo", confidential=True)
        self.end_request()
        question.with_user(self.leader).write({"confidential": True})
        self.end_request()
        self.assertUnchanged(question, confidential=True)

    # -- exports --------------------------------------------------------------------
    def test_export_bad_period_or_selection(self):
        Export = self.env["doithoai.xlsx.export"].with_user(self.officer)
        for vals in ({"date_to": "9999-12-31"}, {"res_ids": "abc"},
                     {"date_from": date(2026, 12, 31), "date_to": date(2026, 1, 1)}):
            with self.assertRaises(ValidationError, msg=vals):
                Export.create(dict(vals, kind="questions"))
            self.end_request()


@tagged("post_install", "-at_install")
class TestExportController(HttpCase):
    def test_bad_stored_input_is_400(self):
        officer = self.env["res.users"].create({
            "name": "Guard Officer", "login": "guard_officer", "password": "guard_officer_pw1",
            "group_ids": [(6, 0, [self.env.ref("doithoai_module.group_doithoai_officer").id])],
        })
        export = self.env["doithoai.xlsx.export"].with_user(officer).create({"kind": "questions"})
        end_request(self.env)
        # A record stored before the checks existed (or written past them).
        self.env.cr.execute("UPDATE doithoai_xlsx_export SET res_ids = 'abc' WHERE id = %s", [export.id])
        export.invalidate_recordset()
        self.authenticate("guard_officer", "guard_officer_pw1")
        response = self.url_open(export.action_download()["url"])
        self.assertEqual(response.status_code, 400)
        self.assertIn("2100", response.text)  # the message (in the user's language) says what to check
