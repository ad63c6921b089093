"""Supervision, social criticism, petitions and recommendations of the unions (issue 14).

Recommendations are assignments (origin "supervision"/"criticism", no dialogue): they count
their deadline with the same engine and calendar, are reminded by the same cron and answered
by the agency the same way, with accepted / partly / not accepted and the explanation."""
import io
import subprocess
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import DoithoaiCase, vn


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                          capture_output=True).stdout.decode()


@tagged("post_install", "-at_install")
class TestSupervision(DoithoaiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        cls.union = Org.create({"name": "Hội LHPN tỉnh Test", "kind": "union", "code": "HPN"})
        cls.district_union = Org.create({"name": "Hội LHPN huyện A", "kind": "union", "parent_id": cls.union.id})
        cls.sibling_union = Org.create({"name": "Hội LHPN huyện B", "kind": "union", "parent_id": cls.union.id})
        cls.front = Org.create({"name": "Ủy ban MTTQ tỉnh Test", "kind": "front"})
        cls.union_officer = cls._user("Cán bộ Hội tỉnh", "doithoai_test_union", "supervisor", cls.union)
        cls.union_leader = cls._user("Chủ tịch Hội tỉnh", "doithoai_test_union_leader", "manager", cls.union)
        cls.district_user = cls._user("Cán bộ Hội huyện A", "doithoai_test_union_a", "supervisor", cls.district_union)
        cls.sibling_user = cls._user("Cán bộ Hội huyện B", "doithoai_test_union_b", "supervisor", cls.sibling_union)
        cls.end_request()

    # helpers: each one request of the user of the role
    def _plan(self, user=None, org=None, **vals):
        plan = self.env["doithoai.supervision"].with_user(user or self.union_officer).create(dict({
            "name": "Kế hoạch giám sát năm 2027", "year": 2027,
            "organization_id": (org or self.union).id, "front_organization_id": self.front.id,
            "subject_ids": [(0, 0, {"name": "Chính sách vay vốn cho phụ nữ nghèo", "source": "dialogue",
                                    "supervised_organization_id": self.agency.id})],
        }, **vals))
        self.end_request()
        return plan

    def _approved_plan(self):
        plan = self._plan()
        plan.action_submit()
        self.end_request()
        plan.with_user(self.union_leader).action_approve()
        self.end_request()
        return plan

    def _recommendation(self, plan, notice_date, user=None, **vals):
        rec = self.Assignment.with_user(user or self.union_officer).create(dict({
            "origin": "supervision", "name": "Đơn giản hóa thủ tục vay vốn",
            "supervision_id": plan.id, "organization_id": self.agency.id, "notice_date": notice_date,
        }, **vals))
        self.end_request()
        return rec

    # ------------------------------------------------------------------
    def test_plan_workflow(self):
        plan = self._plan()
        self.assertEqual(plan.state, "draft")
        # the union's officer submits, but may not approve
        plan.action_submit()
        self.end_request()
        self.assertEqual(plan.state, "approval")
        self.assertEqual(plan.activity_ids.user_id, self.union_leader)
        with self.assertRaises(UserError):
            plan.action_approve()
        with self.assertRaises(AccessError):
            plan.write({"approved_by_id": self.union_officer.id})
        # no skipping the table: straight to done is refused
        done = self.env.ref("doithoai_module.supervision_stage_done")
        with self.assertRaises(UserError):
            plan.with_user(self.union_leader).write({"stage_id": done.id})
        plan.with_user(self.union_leader).action_approve()
        self.end_request()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.union_leader)
        self.assertFalse(plan.activity_ids)
        # approved subjects stay as approved for the officer
        with self.assertRaises(UserError):
            plan.subject_ids.write({"name": "Đổi nội dung"})
        # closing needs the findings
        with self.assertRaises(UserError):
            plan.action_done()
        plan.write({"findings": "<p>Thủ tục vay vốn còn phức tạp.</p>"})
        plan.action_done()
        self.end_request()
        self.assertEqual(plan.state, "done")

    def test_forms(self):
        """The union's officer fills in a plan and, once approved, a recommendation in the forms."""
        with Form(self.env["doithoai.supervision"].with_user(self.union_officer)) as form:
            form.name = "Kế hoạch giám sát năm 2027"
            form.organization_id = self.union
            form.front_organization_id = self.front
            with form.subject_ids.new() as subject:
                subject.name = "Chính sách vay vốn cho phụ nữ nghèo"
                subject.source = "voters"
                subject.supervised_organization_id = self.agency
        plan = form.record
        self.end_request()
        plan.action_submit()
        self.end_request()
        plan.with_user(self.union_leader).action_approve()
        self.end_request()
        action = plan.action_new_recommendation()
        with Form(self.Assignment.with_user(self.union_officer).with_context(action["context"])) as form:
            self.assertEqual(form.organization_id, self.agency)
            form.name = "Rút ngắn thời gian giải ngân"
        rec = form.record
        self.end_request()
        self.assertEqual((rec.origin, rec.supervision_id, rec.host_organization_id),
                         ("supervision", plan, self.union))
        self.assertTrue(rec.deadline)
        # the agency answers in the form: not accepted needs the explanation
        with Form(rec.with_user(self.responder)) as form:
            form.result = "<p>Không thể rút ngắn.</p>"
            form.response = "rejected"
            form.explanation = "Quy trình thẩm định do Ngân hàng Chính sách xã hội quy định."
        self.end_request()
        self.assertEqual(rec.response, "rejected")

    def test_plan_without_subject_cannot_be_submitted(self):
        plan = self._plan(subject_ids=[])
        with self.assertRaises(UserError):
            plan.action_submit()

    def test_recommendation_needs_approved_plan(self):
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.action_new_recommendation()

    def test_recommendation_answered_by_agency(self):
        plan = self._approved_plan()
        rec = self._recommendation(plan, date(2026, 11, 2))
        self.assertFalse(rec.dialogue_id)
        self.assertEqual(rec.host_organization_id, self.union)
        self.assertEqual(rec.state, "new")
        self.assertIn(rec, plan.assignment_ids)
        # the agency sees it like an assignment and answers it
        as_agency = rec.with_user(self.responder)
        self.assertEqual(self.Assignment.with_user(self.responder).search([("id", "=", rec.id)]), rec)
        as_agency.write({"result": "<p>Đã rà soát thủ tục.</p>"})
        with self.assertRaises(UserError):  # accepted or not must be said first
            as_agency.action_resolve()
        with self.assertRaises(ValidationError):  # not accepted needs the explanation
            as_agency.write({"response": "rejected"})
        as_agency.write({"response": "partly", "explanation": "Lãi suất do Trung ương quy định."})
        with freeze_time("2026-11-20 03:00:00"):
            as_agency.action_resolve()
        self.end_request()
        self.assertEqual(rec.state, "done")
        self.assertEqual(rec.date_resolved, date(2026, 11, 20))
        self.assertTrue(rec.is_on_time)
        # the dialogue's written answer paper is not issued for a recommendation
        with self.assertRaises(UserError):
            self.env["doithoai.paper.number"].with_user(self.responder)._issue_paper(rec, "answer")
        # a recommendation does not turn into a dialogue's assignment (nor the reverse)
        with self.assertRaises(UserError):
            rec.with_user(self.union_leader).write({"origin": "criticism"})
        # the agency cannot change what the union recommended
        with self.assertRaises(UserError):
            as_agency.write({"name": "Khác"})

    def test_recommendation_extension(self):
        """The agency asks the union for more time; the union's leader grants it (same wizards)."""
        plan = self._approved_plan()
        rec = self._recommendation(plan, date(2026, 11, 2))
        due = rec.date_due
        Request = self.env["doithoai.extension.request.wizard"].with_user(self.responder)
        Request.create({"assignment_id": rec.id, "date_proposed": date(2027, 1, 29),
                        "reason": "Cần xin ý kiến Bộ về lãi suất."}).action_request()
        self.end_request()
        self.assertEqual(rec.activity_ids.user_id, self.union_leader)
        # the union's officer is no leader: the extension wizard is not hers
        with self.assertRaises(AccessError):
            self.env["doithoai.extension.wizard"].with_user(self.union_officer).with_context(
                default_assignment_id=rec.id).create({}).action_extend()
        self.env["doithoai.extension.wizard"].with_user(self.union_leader).with_context(
            default_assignment_id=rec.id).create({}).action_extend()
        self.end_request()
        self.assertEqual(rec.state, "extended")
        self.assertEqual(rec.date_due, date(2027, 1, 29))
        self.assertEqual(rec.deadline, due)

    def test_recommendation_deadline_across_tet(self):
        plan = self._approved_plan()
        # Monday 2 February 2026, just before Tết (14-22 Feb 2026): 30 working days:
        # 3-6 Feb (4), 9-13 (9), Tết skipped, 23-27 (14), 2-6 Mar (19), 9-13 (24), 16-20 (29), Mon 23 Mar (30)
        rec = self._recommendation(plan, date(2026, 2, 2))
        self.assertEqual(rec.deadline, date(2026, 3, 23))
        # a dialogue's assignment from the same day keeps its own rule (45 working days)
        dialogue = self._dialogue(vn(2026, 1, 27, 8))
        self.assertEqual(self._assignment(dialogue, date(2026, 2, 2)).deadline, date(2026, 4, 13))
        # the union's own rule applies to its recommendations (rules are records)
        self.env["doithoai.deadline.rule"].with_user(self.admin_user).create(
            {"kind": "recommendation", "days": 15, "unit": "working", "organization_id": self.union.id})
        self.end_request()
        # 3-6 Feb (4), 9-13 (9), Tết, 23-27 (14), Mon 2 Mar (15)
        self.assertEqual(rec.deadline, date(2026, 3, 2))

    def test_recommendation_reminded_exactly_once(self):
        plan = self._approved_plan()
        rec = self._recommendation(plan, date(2026, 10, 1), user_id=self.responder.id)
        self.end_request()
        Log = self.env["doithoai.reminder.log"]
        cron = self.env.ref("doithoai_module.ir_cron_reminder_assignment_deadlines")
        day_after = rec.date_due.strftime("%Y-%m-%d") + " 03:00:00"
        for _run in range(2):
            with freeze_time(day_after):
                with self.enter_registry_test_mode():
                    cron.method_direct_trigger()
            self.env.invalidate_all()
        logs = Log.search([("res_model", "=", "doithoai.assignment"), ("res_id", "=", rec.id)])
        self.assertEqual(logs.mapped("kind"), ["assignment_due_today"])
        # the recommendation's own reminder (in Vietnamese, the company's language), not the dialogue's
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.assignment"), ("res_id", "=", rec.id),
                                              ("subject", "ilike", "Kiến nghị đến hạn trả lời hôm nay")])
        self.assertEqual(len(mails), 1)
        self.assertIn(f"của {self.union.name} gửi {self.agency.name}", mails.body_html)
        self.assertNotIn("đối thoại", mails.body_html)

    def test_petition_overdue_reminded_exactly_once(self):
        petition = self.env["doithoai.petition"].with_user(self.district_user).create({
            "name": "Tố cáo bạo lực gia đình", "kind": "denunciation", "organization_id": self.district_union.id,
            "sender_id": self.asker_a.id, "content": "…", "competent_organization_id": self.agency.id,
            "date_received": date(2026, 10, 5)})
        with freeze_time("2026-10-05 03:00:00"):
            petition.action_forward()
        self.end_request()
        cron = self.env.ref("doithoai_module.ir_cron_reminder_petition_overdue")
        for day in ("2026-10-19 03:00:00", "2026-10-20 03:00:00", "2026-10-21 03:00:00"):
            with freeze_time(day), self.enter_registry_test_mode():
                cron.method_direct_trigger()
            self.env.invalidate_all()
        logs = self.env["doithoai.reminder.log"].search(
            [("res_model", "=", "doithoai.petition"), ("res_id", "=", petition.id)])
        self.assertEqual(logs.mapped("due_date"), [date(2026, 10, 19)])
        self.assertEqual(logs.organization_id, self.district_union)
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.petition"), ("res_id", "=", petition.id)])
        self.assertEqual(len(mails), 1)
        # to the officer handling it only, and never naming the sender
        self.assertEqual(mails.recipient_ids, self.district_user.partner_id)
        self.assertNotIn(self.asker_a.name, mails.body_html)
        self.assertIn("19 tháng 10 năm 2026", mails.body_html)
        self.assertTrue(mails.subject.startswith("Đơn thư quá hạn trả lời từ ngày 19 tháng 10 năm 2026"), mails.subject)

    def test_sibling_unions_see_nothing(self):
        plan = self._plan(user=self.district_user, org=self.district_union)
        # the province's union sees the district's plan (down the tree)
        self.assertEqual(self.env["doithoai.supervision"].with_user(self.union_officer).search(
            [("id", "=", plan.id)]), plan)
        # the sibling district neither finds, reads nor writes it
        Supervision = self.env["doithoai.supervision"].with_user(self.sibling_user)
        self.assertFalse(Supervision.search([("id", "=", plan.id)]))
        with self.assertRaises(AccessError):
            plan.with_user(self.sibling_user).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.sibling_user).write({"name": "Sửa"})
        # nor creates one in the district's name
        with self.assertRaises(AccessError):
            self._plan(user=self.sibling_user, org=self.district_union)
        # nor sends a recommendation in its name
        with self.assertRaises(AccessError):
            self.Assignment.with_user(self.sibling_user).create({
                "origin": "supervision", "name": "Kiến nghị", "host_organization_id": self.district_union.id,
                "organization_id": self.agency.id, "notice_date": date(2026, 11, 2)})

    def test_union_cannot_touch_dialogue_assignments(self):
        self.union_officer.doithoai_organization_ids |= self.commune
        dialogue = self._dialogue(vn(2026, 1, 27, 8))
        assignment = self._assignment(dialogue, date(2026, 2, 2))
        with self.assertRaises(AccessError):
            assignment.with_user(self.union_officer).write({"name": "Sửa"})

    def test_petition_denunciation_is_confidential(self):
        Petition = self.env["doithoai.petition"]
        sender = self.env["res.partner"].create({"name": "Nguyễn Thị Hạnh"})
        petition = Petition.with_user(self.district_user).create({
            "name": "Tố cáo xâm hại trẻ em gái", "kind": "denunciation", "organization_id": self.district_union.id,
            "sender_id": sender.id, "about": "Em N.T.L., 13 tuổi", "content": "Mẹ em trình bày…",
            "competent_organization_id": self.agency.id, "date_received": date(2026, 2, 9)})
        self.end_request()
        self.assertTrue(petition.confidential)
        # the officer handling it keeps it, and may not lift the confidentiality
        with self.assertRaises(UserError):
            petition.with_user(self.district_user).write({"confidential": False})
        # the province's union officer does not see it, its leader does; the agency never does
        self.assertFalse(Petition.with_user(self.union_officer).search([("id", "=", petition.id)]))
        self.assertEqual(Petition.with_user(self.union_leader).search([("id", "=", petition.id)]), petition)
        with self.assertRaises(AccessError):
            petition.with_user(self.responder).read(["sender_id"])
        with self.assertRaises(AccessError):
            petition.with_user(self.sibling_user).read(["name"])
        # forwarded on Monday 9 Feb 2026, 10 working days skipping Tết:
        # 10-13 Feb (4), Tết 14-22, 23-27 (9), Mon 2 Mar (10)
        with freeze_time("2026-02-09 03:00:00"):
            petition.with_user(self.district_user).action_forward()
        self.end_request()
        self.assertEqual(petition.state, "forwarded")
        self.assertEqual(petition.deadline, date(2026, 3, 2))
        with self.assertRaises(UserError):  # the answer first
            petition.with_user(self.district_user).action_answer_received()
        petition.with_user(self.district_user).write({"answer": "Công an huyện đã khởi tố vụ án."})
        with freeze_time("2026-02-25 03:00:00"):
            petition.with_user(self.district_user).action_answer_received()
            petition.with_user(self.district_user).action_sender_informed()
        self.end_request()
        self.assertEqual(petition.state, "done")

    def test_petition_deadline_follows_a_new_holiday(self):
        petition = self.env["doithoai.petition"].with_user(self.district_user).create({
            "name": "Phản ánh trợ cấp cho trẻ mồ côi", "kind": "report", "organization_id": self.district_union.id,
            "content": "Trợ cấp chậm", "competent_organization_id": self.agency.id,
            "date_received": date(2026, 10, 5)})
        with freeze_time("2026-10-05 03:00:00"):
            petition.action_forward()
        self.end_request()
        self.assertFalse(petition.confidential)
        # Monday 5 Oct 2026 + 10 working days -> Monday 19 Oct
        self.assertEqual(petition.deadline, date(2026, 10, 19))
        self._holiday("Ngày nghỉ bù", date(2026, 10, 9))
        self.assertEqual(petition.deadline, date(2026, 10, 20))

    def test_question_to_supervision(self):
        self.union_officer.doithoai_organization_ids |= self.commune
        dialogue = self._hold(self._dialogue(vn(2026, 1, 27, 8)))
        question = self._question(dialogue)
        plan = self._plan(user=self.union_leader)
        Wizard = self.env["doithoai.question.escalate.wizard"].with_user(self.leader)
        # the province's leader works for the province, not for the union: refused
        leader_wizard = Wizard.create({"question_id": question.id, "mode": "recommendation",
                                       "organization_id": self.union.id, "agency_id": self.agency.id,
                                       "notice_date": date(2026, 3, 2)})
        with self.assertRaises(AccessError):
            leader_wizard.action_confirm()
        # the union's leader (who sees the commune's dialogue) makes it a subject and a recommendation
        self.union_leader.doithoai_organization_ids |= self.commune
        Wizard = self.env["doithoai.question.escalate.wizard"].with_user(self.union_leader)
        Wizard.create({"question_id": question.id, "mode": "subject", "supervision_id": plan.id}).action_confirm()
        self.end_request()
        # linked both ways, as the union sees it (the province's officer does not see the union's plan)
        question = question.with_user(self.union_leader)
        self.assertEqual(question.supervision_subject_ids.supervision_id, plan)
        self.assertEqual(question.supervision_subject_ids.source, "dialogue")
        self.assertEqual(plan.subject_ids.question_id, question)
        Wizard.create({"question_id": question.id, "mode": "recommendation", "organization_id": self.union.id,
                       "notice_date": date(2026, 3, 2)}).action_confirm()
        self.end_request()
        rec = question.assignment_ids
        self.assertEqual(rec.origin, "supervision")
        self.assertEqual(rec.organization_id, self.agency)
        self.assertEqual(rec.host_organization_id, self.union)
        self.assertEqual(question.state, "assigned")
        # the dialogue's follow-up log says this unresolved item was pushed again, twice
        log = self.env["doithoai.propagation"].with_user(self.officer).search([("dialogue_id", "=", dialogue.id)])
        self.assertEqual(log.mapped("push_method"), ["supervision", "supervision"])
        self.assertEqual(log.question_ids, question)
        self.assertEqual(log.sudo().recommendation_id, rec)
        self.assertEqual(log.sudo().supervision_id, plan)
        self.assertEqual(question.with_user(self.officer).push_state, "pushed")

    def test_criticism(self):
        draft = self.env["doithoai.criticism"].with_user(self.union_officer).create({
            "name": "Dự thảo Đề án hỗ trợ phụ nữ khởi nghiệp", "organization_id": self.union.id,
            "drafting_organization_id": self.province.id, "date_received": date(2026, 11, 10),
            "date_due": date(2026, 11, 25)})
        self.end_request()
        with self.assertRaises(UserError):
            draft.action_send_comments()
        draft.write({"comments": "<p>Bổ sung phụ nữ dân tộc thiểu số.</p>"})
        draft.action_send_comments()
        self.end_request()
        self.assertTrue(draft.date_sent)
        rec = self.Assignment.with_user(self.union_officer).create({
            "origin": "criticism", "name": "Bổ sung đối tượng", "criticism_id": draft.id,
            "organization_id": self.province.id, "notice_date": date(2026, 11, 26)})
        self.end_request()
        self.assertEqual(rec.host_organization_id, self.union)
        with self.assertRaises(AccessError):
            draft.with_user(self.sibling_user).read(["name"])

    def test_union_report_figures_and_paper(self):
        plan = self._approved_plan()
        Petition = self.env["doithoai.petition"].with_user(self.union_officer)
        with freeze_time("2026-03-02 03:00:00"):
            on_time = self._recommendation(plan, date(2026, 1, 5), name="Đúng hạn")
            late = self._recommendation(plan, date(2026, 1, 6), name="Trễ hạn")
            overdue = self._recommendation(plan, date(2026, 1, 7), name="Quá hạn")
            pending = self._recommendation(plan, date(2026, 6, 1), name="Trong hạn")
            for rec, day, response in ((on_time, date(2026, 1, 20), "accepted"), (late, date(2026, 5, 29), "partly")):
                rec.with_user(self.responder).write({"result": "<p>Đã trả lời.</p>", "response": response,
                                                     "explanation": "Giải trình.", "date_resolved": day})
                rec.with_user(self.responder).action_resolve()
            petition = Petition.create({"name": "Phản ánh", "kind": "report", "organization_id": self.union.id,
                                        "content": "…", "competent_organization_id": self.agency.id,
                                        "date_received": date(2026, 2, 2)})
            Petition.create({"name": "Tố cáo", "kind": "denunciation", "organization_id": self.union.id,
                             "content": "…", "date_received": date(2026, 2, 3)})
        self.end_request()
        with freeze_time("2026-02-02 03:00:00"):
            petition.action_forward()
        self.end_request()
        report = self.env["doithoai.union.report"].with_user(self.union_officer).create(
            {"organization_id": self.union.id, "period": "half", "year": 2026})
        self.end_request()
        self.assertEqual((report.date_from, report.date_to), (date(2025, 12, 16), date(2026, 6, 15)))
        with freeze_time("2026-06-15 03:00:00"):
            f, plans, listed = report._figures()
        self.assertEqual(f["recommendations"], 4)
        self.assertEqual((f["rec_on_time"], f["rec_late"], f["rec_overdue"], f["rec_pending"]), (1, 1, 1, 1))
        self.assertEqual(f["rec_on_time"] + f["rec_late"] + f["rec_overdue"] + f["rec_pending"], f["recommendations"])
        self.assertEqual((f["rec_accepted"], f["rec_partly"], f["rec_rejected"]), (1, 1, 0))
        self.assertEqual((f["petitions"], f["petitions_report"], f["petitions_denunciation"]), (2, 1, 1))
        self.assertEqual(f["petitions_kept"] + f["petitions_forwarded"], f["petitions"])
        self.assertEqual(f["petitions_overdue"], 1)
        self.assertEqual(listed, overdue)
        self.assertEqual((f["plans"], f["subjects"]), (0, 0))  # the plan of 2027 is not in 2026
        # the union's officer issues it through the register: a number, the PDF kept
        with freeze_time("2026-06-15 03:00:00"):
            entry = self.env["doithoai.paper.number"].with_user(self.union_officer)._issue_paper(report, "union_report")
        self.end_request()
        self.assertTrue(entry.name.startswith("01/BC-"), entry.name)
        text = " ".join(pdf_text(entry.attachment_id.raw).split())
        self.assertIn(entry.name, text)
        self.assertIn("Tổng số kiến nghị đã gửi: 4", text)
        self.assertIn("quá hạn chưa trả lời: 1", text)
        # the Excel annex: the same figures, the recommendations listed
        with freeze_time("2026-06-15 03:00:00"):
            action = report.action_excel_annex()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        values = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=4, values_only=True)}
        self.assertEqual(values["Kiến nghị đã gửi"], 4)
        self.assertEqual(values["Đơn thư tiếp nhận"], 2)
        names = [row[1] for row in book["Kiến nghị"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(names, ["Đúng hạn", "Trễ hạn", "Quá hạn", "Trong hạn"])
        # a sibling union neither reads nor issues it
        with self.assertRaises(AccessError):
            report.with_user(self.sibling_user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["doithoai.paper.number"].with_user(self.sibling_user)._issue_paper(
                report.with_user(self.sibling_user), "union_report")

