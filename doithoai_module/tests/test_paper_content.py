"""What the official papers say, and what issuing them means (issue 12, content part).

- The conclusion wizard ends by issuing the notice through the register: numbered, dated,
  frozen; the notice sent to the agencies is that PDF, byte for byte.
- Confidential questions and tasks never reach the notice: they go in a confidential appendix
  (MẬT) citing the notice's number and date, issued and printed only by who may see them.
- The text: the host's title once, no "Kế hoạch kế hoạch", free text joined into sentences,
  whole tasks with the numbers of the questions they answer, the legal deadline, the co-host
  union in "Nơi nhận" and never a grouping record, "Lưu: VT, <drafting unit>.".
- The yearly report's figures add up, its own sessions apart from its subordinates'.
- A paper is dated at issue and never before its event; old dialogues are not dated today.

Each step runs as the user of the role and ends as a request ends."""
import re
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import end_request
from .test_paper_register import pdf_text
from .test_papers import PaperCase, vn
from odoo.addons.doithoai_module.models.doithoai_paper_report import QUESTION_OUTCOMES

NOTICE = "doithoai_module.action_report_conclusion_notice"
APPENDIX = "doithoai_module.action_report_confidential_appendix"

LONG_QUESTION = ("Đề nghị tỉnh xem xét bố trí kinh phí sửa chữa, nâng cấp tuyến đường liên xóm từ "
                 "xóm Làng Mười đến xóm Khe Vàng đã xuống cấp nghiêm trọng, đi lại rất khó khăn "
                 "vào mùa mưa, ảnh hưởng đến việc học tập của các cháu học sinh.")
SECRET = "Tố cáo cán bộ địa chính xã Tràng Xá nhận tiền khi cấp giấy chứng nhận quyền sử dụng đất."


def squeeze(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@tagged("post_install", "-at_install")
class TestPaperContent(PaperCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer = cls._user("Người xem", "content_viewer", "viewer", cls.province | cls.party_province)
        # A grouping record above the province (no body of its own), the co-host union.
        Org = cls.env["doithoai.organization"]
        cls.grouping = Org.create({"name": "Tỉnh Thái Nguyên", "kind": "other", "code": "TNG"})
        cls.province.parent_id = cls.grouping
        cls.union = Org.create({"name": "Hội LHPN tỉnh Thái Nguyên", "kind": "union", "code": "HLHPN",
                                "parent_id": cls.grouping.id})
        cls.chairman.function = "Chủ tịch UBND tỉnh Thái Nguyên"
        end_request(cls.env)
        # A session held, its questions recorded (one confidential, by the leader), not concluded.
        cls.fresh = cls._held_dialogue(
            cls.province, "Phát triển giao thông nông thôn vùng cao", vn(2023, 11, 3, 8, 0),
            cls.chairman, [cls.labour, cls.health], cls.env["doithoai.participant.group"])
        cls.fresh.with_env(cls.officer_env).cohost_organization_id = cls.union
        Q = cls.officer_env["doithoai.question"]
        cls.f_answered = Q.create({
            "dialogue_id": cls.fresh.id, "asker_ids": [(6, 0, cls.askers[0].ids)], "speaking_order": 1,
            "content": "Đề nghị hỗ trợ xi măng làm đường bê tông nội đồng.", "outcome": "answered",
            "answer": "Tỉnh hỗ trợ theo Nghị quyết của HĐND tỉnh.", "answered_by_id": cls.answerer.id})
        cls.f_long = Q.create({
            "dialogue_id": cls.fresh.id, "asker_ids": [(6, 0, cls.askers[1].ids)], "speaking_order": 2,
            "content": LONG_QUESTION, "outcome": "deferred", "competent_organization_id": cls.labour.id})
        cls.f_secret = cls.leader_env["doithoai.question"].create({
            "dialogue_id": cls.fresh.id, "asker_ids": [(6, 0, cls.askers[3].ids)], "speaking_order": 3,
            "content": SECRET, "confidential": True, "outcome": "deferred",
            "competent_organization_id": cls.health.id})
        end_request(cls.env)

    # ------------------------------------------------------------------
    def _print(self, user, report, records, data=None):
        pdf, kind = self.env["ir.actions.report"].with_user(user).with_context(
            force_report_rendering=True)._render_qweb_pdf(report, records.ids, data=data)
        end_request(self.env)
        self.assertEqual(kind, "pdf")
        return pdf

    def _html(self, user, report, records, data=None):
        html, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_html(
            report, records.ids, data=data)
        end_request(self.env)
        return squeeze(html.decode())

    def _conclude(self, user, day=date(2023, 11, 10), **vals):
        wizard = self.env["doithoai.conclusion.wizard"].with_user(user).with_context(
            default_dialogue_id=self.fresh.id).create(dict(vals, date=day))
        wizard.action_issue()
        end_request(self.env)

    def _register(self, record, paper_type):
        return self.env["doithoai.paper.number"].with_user(self.leader).search([
            ("res_model", "=", record._name), ("res_id", "=", record.id), ("paper_type", "=", paper_type),
            ("state", "=", "issued")])

    # ------------------------------------------------------------------
    def test_conclusion_wizard_issues_the_notice(self):
        with self.assertRaises(AccessError):
            self._conclude(self.officer)
        self.assertFalse(self._register(self.fresh, "notice"))
        self._conclude(self.leader)
        notice = self._register(self.fresh, "notice")
        self.assertEqual((notice.name, notice.date, notice.year), ("01/TB-UBND", date(2023, 11, 10), 2023))
        self.assertEqual((notice.signer_id, notice.issued_by_id), (self.chairman, self.leader))
        self.assertEqual(self.fresh.conclusion_number, notice.name, "the dialogue cites the issued number")
        stored = notice.attachment_id.raw
        text = pdf_text(stored)
        self.assertIn("Số: 01/TB-UBND", text)
        self.assertIn("ngày 10 tháng 11 năm 2023", text)
        self.assertNotIn("DỰ THẢO", text)
        # the whole task, with the number of the question it answers in the notice's list
        self.assertIn(" ".join(LONG_QUESTION.split()), text)
        self.assertNotIn("…", text)
        # nothing confidential in the paper sent to every agency on its list
        self.assertNotIn(SECRET[:40], text)
        self.assertNotIn(self.askers[3].name, text)
        # every print returns the issued bytes, whoever prints it, after later edits too
        self.fresh.with_user(self.officer).venue = "Nơi khác (sửa sau khi ban hành)"
        end_request(self.env)
        for user in (self.officer, self.leader, self.viewer):
            self.assertEqual(self._print(user, NOTICE, self.fresh), stored)
        # the notice posted on the dialogue (sent to its followers) is the issued PDF
        message = self.fresh.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertEqual(message.attachment_ids.raw, stored)
        # the confidential appendix is issued with it, citing the notice
        appendix = self._register(self.fresh, "appendix")
        self.assertEqual((appendix.name, appendix.date), ("01/PL-UBND", date(2023, 11, 10)))
        secret = pdf_text(appendix.attachment_id.raw)
        self.assertIn("MẬT", secret)
        self.assertIn("PHỤ LỤC", secret)
        self.assertIn("Kèm theo Thông báo số 01/TB-UBND ngày 10 tháng 11 năm 2023", secret)
        self.assertIn(SECRET[:40], secret)
        self.assertIn(self.askers[3].name, secret)
        self.assertIn("Sở Y tế", secret)
        # a second run of the wizard is refused: a correction is a new issue of the register
        with self.assertRaises(UserError):
            self._conclude(self.leader)

    def test_confidential_appendix_only_for_who_may_see_it(self):
        self._conclude(self.leader, number="125/TB-UBND")
        self.assertEqual(self._register(self.fresh, "notice").name, "125/TB-UBND")
        appendix = self._register(self.fresh, "appendix")
        for user in (self.officer, self.viewer, self.labour_responder):
            with self.assertRaises(AccessError):
                self._print(user, APPENDIX, self.fresh)
            with self.assertRaises(AccessError):
                self.env["doithoai.paper.number"].with_user(user)._issue_paper(
                    self.fresh.with_user(user), "appendix")
        self.assertEqual(self._print(self.leader, APPENDIX, self.fresh), appendix.attachment_id.raw)
        self.assertIn("Kèm theo Thông báo số 125/TB-UBND", pdf_text(appendix.attachment_id.raw))
        # addressed only to the competent agency and the host
        html = self._html(self.leader, APPENDIX, self.fresh)
        recipients = html.split("Nơi nhận:")[1]
        self.assertIn("Sở Y tế", recipients)
        self.assertIn("Trịnh Việt Hùng", recipients)
        self.assertNotIn("Sở Lao động", recipients)
        self.assertNotIn("Hội LHPN", recipients)
        # no appendix for a notice without confidential questions
        with self.assertRaises(UserError):
            self.env["doithoai.paper.number"].with_user(self.leader)._issue_paper(
                self.party_dialogue.with_user(self.leader), "appendix")

    def test_content_of_the_papers(self):
        self._conclude(self.leader)
        text = pdf_text(self._register(self.fresh, "notice").attachment_id.raw)
        # the host's title once
        self.assertIn("Chủ tịch UBND tỉnh Thái Nguyên", text)
        self.assertNotIn("Thái Nguyên Ủy ban nhân dân", text)
        self.assertNotIn("Thái Nguyên UBND", text)
        # Nơi nhận: the co-host union, no grouping record, the drafting unit
        recipients = text.split("Nơi nhận:")[1]
        self.assertIn("Hội LHPN tỉnh Thái Nguyên", recipients)
        self.assertNotIn("Tỉnh Thái Nguyên (b/c)", recipients)
        self.assertIn("Lưu: VT, VP.", recipients)
        # the task row names the question it answers: number 2 in the notice's list
        html = self._html(self.leader, NOTICE, self.fresh)
        self.assertIn(f"{' '.join(LONG_QUESTION.split())} 2 Sở Lao động", html)
        # the legal deadline, not an extension granted afterwards
        task = self.fresh.assignment_ids.filtered(lambda a: not a.confidential)
        self.assertIn(task.deadline.strftime("%d/%m/%Y"), text)
        self.province.paper_drafting_unit = "KGVX"
        self.a_health.invalidate_recordset()
        html = self._html(self.officer, NOTICE, self.dialogue)  # a draft: the extension said apart
        self.assertIn(f"{self.a_health.deadline.strftime('%d/%m/%Y')} (gia hạn đến "
                      f"{self.a_health.extension_date.strftime('%d/%m/%Y')})", html)
        self.assertIn("Lưu: VT, KGVX.", html)
        # the Party body: its own archive line
        party = self._html(self.officer, NOTICE, self.party_dialogue)
        self.assertIn("Lưu Văn phòng Huyện ủy Tân Yên.", party)
        # "Kế hoạch" once
        self.plan.with_user(self.officer).name = "Kế hoạch tổ chức Hội nghị đối thoại năm 2023"
        end_request(self.env)
        plan = self._html(self.officer, "doithoai_module.action_report_plan", self.plan)
        self.assertNotIn("kế hoạch kế hoạch", plan.lower())
        self.assertIn("Trên đây là Kế hoạch tổ chức Hội nghị đối thoại năm 2023", plan)
        # a reason joined into a sentence
        self.a_health.write({"extension_reason": "Chờ hướng dẫn của Bộ Y tế về kinh tế - kỹ thuật."})
        end_request(self.env)
        letter = self._html(self.leader, "doithoai_module.action_report_answer", self.a_health)
        self.assertIn("Do chờ hướng dẫn của Bộ Y tế về kinh tế - kỹ thuật, việc giải quyết", letter)
        self.assertNotIn("., việc", letter)

    def test_yearly_report_adds_up(self):
        Org = self.env["doithoai.organization"]
        silent = Org.create({"name": "UBND huyện Im Lặng", "kind": "government", "parent_id": self.province.id})
        idle = Org.create({"name": "Sở Tư pháp không dữ liệu", "kind": "department", "parent_id": self.province.id})
        end_request(self.env)
        values = self.env["report.doithoai_module.report_yearly"].with_user(self.officer)._get_report_values(
            self.province.ids, {"year": 2023})
        item = values["papers"][0]
        outcomes = item["outcomes"]
        parts = sum(outcomes[k] for k in QUESTION_OUTCOMES)
        self.assertEqual(parts, outcomes["total"])
        self.assertEqual(outcomes["total"], 5, "3 + 2 public questions of the two 2023 sessions")
        # a question referred to the higher level has its own row, and still adds up
        referred = self.dialogue.question_ids.filtered(lambda q: not q.confidential)[:1]
        referred.with_user(self.officer).outcome = "referred"
        end_request(self.env)
        again = self.env["report.doithoai_module.report_yearly"].with_user(self.officer)._get_report_values(
            self.province.ids, {"year": 2023})["papers"][0]["outcomes"]
        self.assertEqual(again["referred"], 1)
        self.assertEqual(sum(again[k] for k in QUESTION_OUTCOMES), again["total"])
        self.assertEqual(again["total"], 5)
        self.assertEqual(item["own"], self.dialogue | self.fresh)
        self.assertIn(silent, item["missing"])
        self.assertNotIn(idle, item["below"])
        html = self._html(self.officer, "doithoai_module.action_report_yearly", self.province, {"year": 2023})
        self.assertIn("Tổng số ý kiến, kiến nghị tiếp nhận: 5", html)
        self.assertIn("Cộng 5", html)
        self.assertNotIn("2.023", html)
        self.assertIn("năm 2023", html)
        self.assertNotIn("Sở Tư pháp không dữ liệu", html)
        self.assertIn("chưa tổ chức: UBND huyện Im Lặng", html)
        self.assertNotIn("……", html)
        self.assertIn("Kết quả đạt được", html)
        self.assertIn("UBND huyện Im Lặng", html.split("Hạn chế")[1])

    def test_papers_dated_at_issue_never_before_their_event(self):
        Register = self.env["doithoai.paper.number"].with_user(self.officer)
        # an old session's invitations: proposed before the session, never today
        wizard = self.env["doithoai.paper.issue.wizard"].with_user(self.officer).with_context(
            active_model="doithoai.dialogue", active_id=self.dialogue.id,
            default_paper_type="invitation").create({})
        self.assertLessEqual(wizard.date, date(2023, 10, 13))
        self.assertEqual(wizard.date.year, 2023)
        with self.assertRaises(UserError):
            Register._issue_paper(self.dialogue.with_user(self.officer), "invitation", day=date(2026, 11, 1))
        entry = Register._issue_paper(self.dialogue.with_user(self.officer), "invitation")
        end_request(self.env)
        self.assertEqual((entry.year, entry.name), (2023, "01/GM-UBND"))
        # minutes and the notice after the session; the notice once concluded
        with self.assertRaises(UserError):
            Register._issue_paper(self.fresh.with_user(self.officer), "minutes", day=date(2023, 11, 2))
        with self.assertRaises(UserError):
            self.env["doithoai.paper.number"].with_user(self.leader)._issue_paper(
                self.fresh.with_user(self.leader), "notice")
        self.assertFalse(self._register(self.fresh, "notice"))
        # a written answer after the notice; a yearly report not before its year
        responder = self.env["doithoai.paper.number"].with_user(self.labour_responder)
        with self.assertRaises(UserError):
            responder._issue_paper(self.a_labour.with_user(self.labour_responder), "answer",
                                   day=self.a_labour.notice_date - timedelta(days=1))
        with self.assertRaises(UserError):
            Register._issue_paper(self.province.with_user(self.officer), "report", day=date(2023, 12, 30),
                                  data={"year": 2024})
        self.assertFalse(self.env["doithoai.paper.number"].with_user(self.leader).search([
            ("paper_type", "in", ("answer", "report"))]))


@tagged("post_install", "-at_install")
class TestDemoPapers(TransactionCase):
    """The demo's papers: past notices issued with their historical numbers and dates."""

    def test_demo_register_is_historical(self):
        dialogue = self.env.ref("doithoai_module.dialogue_thainguyen_2023", raise_if_not_found=False)
        if not dialogue:
            self.skipTest("no demo data")
        # the register as Thái Nguyên's leader reads it (demo login thainguyen.lanhdao)
        leader = self.env["res.users"].search([("login", "=", "thainguyen.lanhdao")])
        Register = self.env["doithoai.paper.number"].with_user(leader)
        notice = Register.search([("res_model", "=", "doithoai.dialogue"), ("res_id", "=", dialogue.id),
                                  ("paper_type", "=", "notice"), ("state", "=", "issued")])
        self.assertEqual((notice.name, notice.date, notice.year), ("168/TB-UBND", date(2023, 10, 24), 2023))
        today = self.env["doithoai.organization"]._doithoai_today()
        everything = self.env["doithoai.paper.number"]  # the whole register, read by the test itself
        for entry in everything.search([]):
            record = self.env[entry.res_model].browse(entry.res_id)
            self.assertEqual(entry.date.year, entry.year)
            if entry.res_model == "doithoai.dialogue" and record.date_start.year < today.year:
                self.assertLess(entry.date, today.replace(month=1, day=1), f"{entry.name} dated today")
        # past invitations stay drafts: not in the register
        self.assertFalse(everything.search([("paper_type", "=", "invitation"), ("year", "<", 2026)]))
        text = pdf_text(notice.attachment_id.raw)
        self.assertIn("Số: 168/TB-UBND", text)
        self.assertNotIn(" cadres ", text, "the papers are Vietnamese")

    def test_demo_yearly_report_adds_up(self):
        org = self.env.ref("doithoai_module.org_daklak", raise_if_not_found=False)
        supervisor = self.env.ref("doithoai_module.user_tinh_giamsat", raise_if_not_found=False)
        if not org or not supervisor:
            self.skipTest("no demo data")
        today = self.env["doithoai.organization"]._doithoai_today()
        for year in (2018, today.year):
            item = self.env["report.doithoai_module.report_yearly"].with_user(supervisor)._get_report_values(
                org.ids, {"year": year})["papers"][0]
            outcomes = item["outcomes"]
            self.assertEqual(sum(v for k, v in outcomes.items() if k != "total"), outcomes["total"])
            start, stop = vn(year, 1, 1, 0, 0), vn(year + 1, 1, 1, 0, 0)
            expected = self.env["doithoai.question"].sudo().search_count([
                ("dialogue_id.organization_id", "child_of", org.id), ("dialogue_id.state", "!=", "cancel"),
                ("dialogue_id.date_start", ">=", start), ("dialogue_id.date_start", "<", stop),
                ("confidential", "=", False), ("merged_into_id", "=", False)])
            self.assertEqual(outcomes["total"], expected, f"{year}: every question accounted for")
            self.assertFalse(item["own"], "the grouping record holds no session of its own")
            self.assertTrue(item["below"])
        end_request(self.env)

    def test_demo_dates(self):
        dialogue = self.env.ref("doithoai_module.dialogue_binhthuan_2014", raise_if_not_found=False)
        if not dialogue:
            self.skipTest("no demo data")
        proposed = self.env["doithoai.paper.number"]._default_date(dialogue, "invitation")
        self.assertEqual(proposed.year, 2014, "a 2014 invitation is not dated today")
        self.assertLessEqual(proposed, dialogue.date_start.date() + timedelta(days=1))
