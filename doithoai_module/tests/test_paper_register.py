"""The register of issued papers: a paper is a draft until it is issued, is numbered once
when issued (never by a print), and prints afterwards as issued, byte for byte.

Each step runs as the user of the role and ends as a request ends."""
import subprocess
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import end_request
from .test_papers import PaperCase, vn

NOTICE = "doithoai_module.action_report_conclusion_notice"


def pdf_text(pdf):
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                          capture_output=True).stdout.decode()
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestPaperRegister(PaperCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer = cls._user("Người xem", "papers_viewer", "viewer", cls.province | cls.party_province)
        end_request(cls.env)

    def _print(self, user, report, records, data=None):
        pdf, kind = self.env["ir.actions.report"].with_user(user).with_context(
            force_report_rendering=True)._render_qweb_pdf(report, records.ids, data=data)
        end_request(self.env)
        self.assertEqual(kind, "pdf")
        return pdf

    def _issue(self, user, record, paper_type, **vals):
        wizard = self.env["doithoai.paper.issue.wizard"].with_user(user).with_context(
            active_model=record._name, active_id=record.id, default_paper_type=paper_type).create(vals)
        action = wizard.action_issue()
        end_request(self.env)
        return self.env["doithoai.paper.number"].browse(action["res_id"])

    def _register(self, record, paper_type=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if paper_type:
            domain.append(("paper_type", "=", paper_type))
        return self.env["doithoai.paper.number"].sudo().search(domain, order="id")

    def test_viewer_print_takes_no_number(self):
        for report in (NOTICE, "doithoai_module.action_report_minutes",
                       "doithoai_module.action_report_invitation"):
            text = pdf_text(self._print(self.viewer, report, self.dialogue))
            self.assertIn("DỰ THẢO", text)
        self.assertFalse(self._register(self.dialogue), "a print never takes a number")
        with self.assertRaises(AccessError):
            self._issue(self.viewer, self.dialogue, "minutes")
        self.assertFalse(self._register(self.dialogue))

    def test_draft_has_no_number_nor_date(self):
        text = pdf_text(self._print(self.officer, NOTICE, self.dialogue))
        self.assertIn("DỰ THẢO", text)
        self.assertIn("/TB-UBND", text)
        self.assertNotRegex(text, r"Số: \d+/TB-UBND")
        self.assertIn("Thái Nguyên, ngày tháng năm", text, "the date line is left blank")
        self.assertNotRegex(text, r"Thái Nguyên, ngày \d")

    def test_issue_then_reprint_is_byte_identical(self):
        entry = self._issue(self.leader, self.dialogue, "notice")
        self.assertEqual((entry.name, entry.date, entry.year), ("01/TB-UBND", date(2023, 10, 20), 2023),
                         "the notice is dated as concluded, in that year's register")
        self.assertEqual(entry.signer_id, self.chairman)
        self.assertEqual(entry.issued_by_id, self.leader)
        stored = entry.attachment_id.raw
        self.assertTrue(stored.startswith(b"%PDF"))
        text = pdf_text(stored)
        self.assertIn("Số: 01/TB-UBND", text)
        self.assertIn("Thái Nguyên, ngày 20 tháng 10 năm 2023", text)
        self.assertNotIn("DỰ THẢO", text)
        # later edits do not change the issued paper, whoever prints it
        self.dialogue.with_user(self.officer).write({"venue": "Nhà văn hóa tỉnh (đổi sau khi ban hành)"})
        end_request(self.env)
        for user in (self.officer, self.leader, self.viewer):
            self.assertEqual(self._print(user, NOTICE, self.dialogue), stored)
        self.assertEqual(len(self._register(self.dialogue)), 1)

    def test_correction_is_a_new_issue(self):
        first = self._issue(self.officer, self.dialogue, "minutes")
        self.assertEqual(first.name, "01/BB-UBND")
        self.assertEqual(first.date, date(2023, 10, 13), "minutes are dated on the session day")
        second = self._issue(self.officer, self.dialogue, "minutes", number="07/BB-UBND")
        register = self._register(self.dialogue, "minutes")
        self.assertEqual(register, first | second, "the register shows both")
        self.assertEqual((first.state, first.replaced_by_id), ("replaced", second))
        self.assertEqual(second.state, "issued")
        self.assertFalse(second.sequence, "a typed number takes no number of the register")
        printed = self._print(self.officer, "doithoai_module.action_report_minutes", self.dialogue)
        self.assertEqual(printed, second.attachment_id.raw)
        self.assertIn("Số: 07/BB-UBND", pdf_text(printed))
        self.assertIn("Số: 01/BB-UBND", pdf_text(first.attachment_id.raw), "the replaced paper is kept")
        third = self._issue(self.officer, self.dialogue, "minutes")
        self.assertEqual(third.name, "02/BB-UBND")

    def test_cannot_issue_before_the_event(self):
        dialogue = self.officer_env["doithoai.dialogue"].create({
            "name": "Đối thoại chưa duyệt", "organization_id": self.province.id,
            "date_start": vn(2026, 12, 20), "host_id": self.chairman.id})
        end_request(self.env)
        with self.assertRaises(UserError) as cm:
            self._issue(self.officer, dialogue, "invitation")
        self.assertIs(type(cm.exception), UserError)
        dialogue.action_submit()
        end_request(self.env)
        dialogue.with_env(self.leader_env).action_approve()
        end_request(self.env)
        for paper_type, user in (("minutes", self.officer), ("notice", self.leader)):
            with self.assertRaises(UserError) as cm:
                self._issue(user, dialogue, paper_type)
            self.assertIs(type(cm.exception), UserError)
        self.assertFalse(self._register(dialogue))
        # after approval the invitations can be issued, by an officer
        entry = self._issue(self.officer, dialogue, "invitation", date=date(2026, 12, 10))
        self.assertEqual((entry.name, entry.year), ("01/GM-UBND", 2026))
        # who may issue: the notice is a leader's, not an officer's
        with self.assertRaises(AccessError):
            self._issue(self.officer, self.dialogue, "notice")
        # a notice may not be dated before its session
        with self.assertRaises(UserError) as cm:
            self._issue(self.leader, self.dialogue, "notice", date=date(2023, 10, 1))
        self.assertIs(type(cm.exception), UserError)

    def test_confidential_never_in_the_notice(self):
        texts = {}
        for user in (self.officer, self.leader):
            texts[user.login] = pdf_text(self._print(user, NOTICE, self.dialogue))
        self.assertEqual(texts[self.officer.login], texts[self.leader.login],
                         "the paper does not depend on who prints it")
        for text in texts.values():
            self.assertNotIn(self.q_secret.content, text)
            self.assertNotIn(self.a_secret.name, text)
            self.assertNotIn(self.askers[3].name, text)
            self.assertIn(self.q_health.content, text)
        entry = self._issue(self.leader, self.dialogue, "notice")
        self.assertNotIn(self.q_secret.content, pdf_text(entry.attachment_id.raw))
        minutes = pdf_text(self._print(self.leader, "doithoai_module.action_report_minutes", self.dialogue))
        self.assertNotIn(self.q_secret.content, minutes)

    def test_numbering_per_organisation_and_year_of_issue(self):
        plan = self._issue(self.officer, self.plan, "plan")
        party_plan = self._issue(self.officer, self.party_plan, "plan")
        self.assertEqual((plan.name, plan.year), ("01/KH-UBND", 2023))
        self.assertEqual((party_plan.name, party_plan.year), ("01-KH/HU", 2023))
        # a historical dialogue's minutes are proposed at the session's date, in its year's register
        wizard = self.env["doithoai.paper.issue.wizard"].with_user(self.officer).with_context(
            active_model="doithoai.dialogue", active_id=self.party_dialogue.id,
            default_paper_type="minutes").create({})
        self.assertEqual(wizard.date, date(2023, 7, 5))
        minutes = self._issue(self.officer, self.party_dialogue, "minutes")
        self.assertEqual((minutes.name, minutes.year), ("01-BB/HU", 2023))
        # the next year starts again from 01; the same year goes on
        later = self._issue(self.officer, self.dialogue, "minutes", date=date(2024, 1, 5))
        self.assertEqual((later.name, later.year), ("01/BB-UBND", 2024))
        same_year = self._issue(self.officer, self.plan, "plan", date=date(2024, 2, 1))
        self.assertEqual(same_year.name, "01/KH-UBND")
        # invitations are never dated after their session
        with self.assertRaises(UserError):
            self._issue(self.officer, self.dialogue, "invitation", date=date(2024, 2, 1))
        # a typed number already in that year's register is refused
        with self.assertRaises(UserError):
            self._issue(self.officer, self.plan, "plan", number="01/KH-UBND", date=date(2023, 11, 1))

    def test_yearly_report_issued_per_year(self):
        entry = self._issue(self.officer, self.province, "report", year=2023, date=date(2024, 1, 10))
        self.assertEqual((entry.key, entry.name, entry.year), ("2023", "01/BC-UBND", 2024))
        printed = self._print(self.viewer, "doithoai_module.action_report_yearly", self.province,
                              data={"year": 2023})
        self.assertEqual(printed, entry.attachment_id.raw)
        draft = pdf_text(self._print(self.viewer, "doithoai_module.action_report_yearly", self.province,
                                     data={"year": 2022}))
        self.assertIn("DỰ THẢO", draft)
