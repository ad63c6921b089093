"""The whole life of one dialogue through the ORM, as the buttons and wizards drive it."""
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestDialogueLife(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the Department of Health resolves what is given to agency_2
        cls.responder_2 = cls._user("Sở Y tế xử lý", "doithoai_test_responder_2", "responder", cls.agency_2)

    def _answer_line(self, wizard, question):
        line = wizard.line_ids.filtered(lambda l: l.question_id == question)
        self.assertEqual(len(line), 1, f"the answer wizard lists {question.name}")
        return line

    def test_full_life(self):
        env = self.env(user=self.officer)  # prepares, records answers, follows up
        lead = self.env(user=self.leader)  # approves, concludes, extends
        # --- the organization and its head (the module's administrator) ----------------
        org = self.env(user=self.admin_user)["doithoai.organization"].create({
            "name": "UBND phường Bến Thành", "parent_id": self.province.id, "kind": "government",
            "host_id": self.host.id,
        })
        self.end_request()
        self.assertEqual(org.complete_name, "UBND tỉnh Test / UBND phường Bến Thành")

        # --- proposal ----------------------------------------------------------------
        dialogue = env["doithoai.dialogue"].create({
            "name": "Đối thoại về an sinh xã hội của phụ nữ",
            "organization_id": org.id,
            "date_start": vn(2026, 11, 10, 8),
            "date_end": vn(2026, 11, 10, 11),
            "venue": "Hội trường UBND phường",
            "field_ids": [Command.link(self.field_social.id)],
        })
        self.end_request()
        self.assertEqual(dialogue.state, "proposal")
        self.assertEqual(dialogue.host_id, self.host, "the head of the organization hosts by default")
        self.assertEqual(dialogue.user_id, self.officer)
        self.assertFalse(dialogue.approved_by_id)
        # Tuesday 10 Nov 2026: invitations Thursday 5 Nov, conclusion Tuesday 24 Nov
        self.assertEqual(dialogue.invitation_deadline, date(2026, 11, 5))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 11, 24))

        # questions collected before the session
        Question = env["doithoai.question"]
        q_answer = Question.create({
            "dialogue_id": dialogue.id, "content": "Xin hỏi về hỗ trợ học nghề cho phụ nữ?",
            "asker_ids": [Command.set(self.asker_a.ids)], "field_id": self.field_social.id,
        })
        q_defer = Question.create({
            "dialogue_id": dialogue.id, "content": "Đường vào chợ ngập nước mỗi khi mưa?",
            "asker_ids": [Command.set(self.asker_b.ids)], "competent_organization_id": self.agency.id,
        })
        q_defer_2 = Question.create({
            "dialogue_id": dialogue.id, "content": "Trạm y tế thiếu thuốc cho trẻ em?",
            "asker_ids": [Command.set(self.asker_c.ids)], "competent_organization_id": self.agency_2.id,
        })
        q_decline = Question.create({
            "dialogue_id": dialogue.id, "content": "Vụ tranh chấp đất đai đang được thanh tra?",
            "asker_ids": [Command.set(self.asker_a.ids)],
        })
        self.end_request()
        self.assertEqual(q_answer.name, "Xin hỏi về hỗ trợ học nghề cho phụ nữ?")
        self.assertEqual(set((q_answer | q_defer | q_defer_2 | q_decline).mapped("state")), {"received"})
        q_defer.action_forward()
        self.end_request()
        self.assertEqual(q_defer.state, "forwarded")
        self.assertEqual(dialogue.question_count, 4)

        # --- approval ----------------------------------------------------------------
        dialogue.action_submit()
        self.end_request()
        self.assertEqual(dialogue.state, "approval")
        self.assertFalse(dialogue.approved_by_id, "submitting is not approving")
        dialogue.with_env(lead).action_approve()
        self.end_request()
        self.assertEqual(dialogue.state, "preparation")
        self.assertEqual(dialogue.approved_by_id, self.leader)
        self.assertEqual(str(dialogue.approval_date), NOW_UTC)

        # --- invitations, session ----------------------------------------------------
        dialogue.action_mark_invited()
        self.end_request()
        self.assertEqual(dialogue.state, "invited")
        dialogue.action_mark_held()
        self.end_request()
        self.assertEqual(dialogue.state, "held")
        self.assertTrue(dialogue.is_held)
        self.assertEqual(dialogue.next_deadline, date(2026, 11, 24), "the conclusion notice is next")
        self.assertEqual(dialogue.deadline_status, "due_soon")

        # --- answers recorded in the session (answer wizard) -------------------------
        action = dialogue.action_open_answer_wizard()
        self.assertEqual(action["res_model"], "doithoai.answer.wizard")
        wizard = env["doithoai.answer.wizard"].with_context(action["context"]).create({})
        self.assertEqual(wizard.dialogue_id, dialogue)
        self.assertEqual(len(wizard.line_ids), 4, "every question without an outcome is listed")
        self.assertEqual(self._answer_line(wizard, q_defer).competent_organization_id, self.agency)
        self._answer_line(wizard, q_answer).write({
            "outcome": "answered", "answer": "Phường mở 2 lớp học nghề miễn phí trong quý I.",
            "answered_by_id": self.host.id,
        })
        self._answer_line(wizard, q_defer).write({"outcome": "deferred"})
        self._answer_line(wizard, q_defer_2).write({"outcome": "deferred"})
        self._answer_line(wizard, q_decline).write({
            "outcome": "declined", "decline_reason": "Vụ việc đang được thanh tra, chưa có kết luận.",
        })
        # a question raised in the room
        wizard.line_ids = [Command.create({
            "content": "Khi nào lắp đèn đường khu phố 3?", "asker_ids": [Command.set(self.asker_b.ids)],
            "outcome": "answered", "answer": "Trong tháng 12.", "answered_by_id": self.host.id,
        })]
        wizard.action_confirm()
        self.end_request()

        self.assertEqual(q_answer.outcome, "answered")
        self.assertEqual(q_answer.answer, "Phường mở 2 lớp học nghề miễn phí trong quý I.")
        self.assertEqual(q_answer.answered_by_id, self.host)
        self.assertEqual(q_answer.state, "answered")
        self.assertEqual(q_defer.outcome, "deferred")
        self.assertEqual(q_defer.state, "forwarded", "a deferred question waits for the conclusion")
        self.assertEqual(q_decline.state, "declined")
        self.assertEqual(q_decline.decline_reason, "Vụ việc đang được thanh tra, chưa có kết luận.")
        raised = dialogue.question_ids - (q_answer | q_defer | q_defer_2 | q_decline)
        self.assertEqual(len(raised), 1)
        self.assertEqual(raised.channel, "session")
        self.assertEqual(raised.asker_ids, self.asker_b)
        self.assertEqual(raised.state, "answered")

        # --- conclusion notice (conclusion wizard) -----------------------------------
        action = dialogue.action_open_conclusion_wizard()
        wizard = lead["doithoai.conclusion.wizard"].with_context(action["context"]).create({
            "date": date(2026, 11, 20), "number": "125/TB-UBND",
            "conclusions": "<p>Giao các sở giải quyết các kiến nghị.</p>",
        })
        self.assertEqual(wizard.conclusion_deadline, date(2026, 11, 24))
        self.assertEqual(wizard.line_ids.question_id, q_defer | q_defer_2,
                         "one assignment is proposed per deferred question")
        self.assertEqual(wizard.line_ids.organization_id, self.agency | self.agency_2)
        result = wizard.action_issue()
        self.end_request()
        self.assertEqual(result["res_model"], "doithoai.assignment")

        self.assertEqual(dialogue.state, "concluded")
        self.assertEqual(dialogue.conclusion_date, date(2026, 11, 20))
        self.assertEqual(dialogue.conclusion_number, "125/TB-UBND")
        self.assertEqual(dialogue.deadline_status, "done")
        self.env.invalidate_all()  # the smart buttons are read again on the next page load
        self.assertEqual(dialogue.assignment_count, 2)
        a_one = dialogue.assignment_ids.filtered(lambda a: a.question_ids == q_defer)
        a_two = dialogue.assignment_ids.filtered(lambda a: a.question_ids == q_defer_2)
        self.assertEqual(a_one.organization_id, self.agency)
        self.assertEqual(a_two.organization_id, self.agency_2)
        for assignment in a_one | a_two:
            self.assertEqual(assignment.notice_date, date(2026, 11, 20))
            # Friday 20 Nov 2026 + 45 working days, 1 Jan 2027 off -> Monday 25 January 2027
            self.assertEqual(assignment.deadline, date(2027, 1, 25))
            self.assertEqual(assignment.date_due, date(2027, 1, 25))
            self.assertEqual(assignment.state, "new")
            self.assertEqual(assignment.deadline_status, "on_track")
        self.assertEqual(a_one.asker_ids, self.asker_b)
        self.assertEqual(q_defer.state, "assigned")
        self.assertEqual(q_defer_2.state, "assigned")
        self.assertEqual(q_answer.state, "answered", "answered questions get no assignment")

        # --- more time needed (extension wizard) -------------------------------------
        action = a_two.action_open_extension_wizard()
        wizard = lead["doithoai.extension.wizard"].with_context(action["context"]).create({
            "extension_date": date(2027, 3, 1),
            "extension_reason": "Chờ phân bổ ngân sách mua thuốc năm 2027.",
            "extension_answer": "<p>Sở Y tế sẽ cấp bổ sung thuốc trước 01/3/2027.</p>",
        })
        self.assertEqual(wizard.deadline, date(2027, 1, 25))
        wizard.action_extend()
        self.end_request()
        self.assertEqual(a_two.state, "extended")
        self.assertEqual(a_two.extension_date, date(2027, 3, 1))
        self.assertEqual(a_two.deadline, date(2027, 1, 25), "the legal deadline itself does not move")
        self.assertEqual(a_two.date_due, date(2027, 3, 1))
        self.assertEqual(a_two.extension_reason, "Chờ phân bổ ngân sách mua thuốc năm 2027.")

        # --- resolution, by each responding agency -----------------------------------
        with freeze_time("2027-01-20 03:00:00"):
            a_one.with_user(self.responder).result = "<p>Đã nạo vét cống thoát nước đường vào chợ.</p>"
            self.end_request()
            a_one.with_user(self.responder).action_resolve()
            self.end_request()
        self.assertEqual(a_one.state, "done")
        self.assertEqual(a_one.date_resolved, date(2027, 1, 20), "resolved today by default")
        self.assertTrue(a_one.is_on_time)
        self.assertEqual(a_one.days_late, 0)
        self.assertEqual(a_one.deadline_status, "done")
        self.assertEqual(q_defer.state, "resolved")
        self.assertEqual(q_defer_2.state, "assigned")

        # resolved after the legal deadline but within the extension: on time
        a_two.with_user(self.responder_2).write({"result": "<p>Đã cấp đủ thuốc.</p>",
                                                 "date_resolved": date(2027, 2, 15)})
        self.end_request()
        a_two.with_user(self.responder_2).action_resolve()
        self.end_request()
        self.assertEqual(a_two.date_resolved, date(2027, 2, 15))
        self.assertTrue(a_two.is_on_time)
        self.assertEqual(q_defer_2.state, "resolved")

        # --- done ----------------------------------------------------------------------
        dialogue.stage_id = self.env.ref("doithoai_module.dialogue_stage_done")
        self.end_request()
        self.assertEqual(dialogue.state, "done")
        self.assertEqual(dialogue.deadline_status, "done")

    def test_late_resolution(self):
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        assignment = self._assignment(dialogue, date(2026, 11, 20))
        self.assertEqual(assignment.date_due, date(2027, 1, 25))
        assignment.with_user(self.responder).write({"result": "<p>Xong</p>", "date_resolved": date(2027, 2, 2)})
        self.end_request()
        assignment.with_user(self.responder).action_resolve()
        self.end_request()
        self.assertFalse(assignment.is_on_time)
        # Monday 25 January to Tuesday 2 February: 8 calendar days, 6 working days
        self.assertEqual(assignment.days_late, 6)

    def test_resolve_needs_a_result(self):
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        question = self._question(dialogue)
        assignment = self._assignment(dialogue, date(2026, 11, 20), question_ids=[Command.set(question.ids)])
        self.assertEqual(question.state, "assigned")
        with self.assertRaises(UserError):
            assignment.with_user(self.responder).action_resolve()
        self.assertEqual(assignment.state, "new")
        self.assertFalse(assignment.date_resolved)
        self.assertEqual(question.state, "assigned")

    def test_question_with_two_assignments(self):
        """A question is resolved only once every assignment carrying it is."""
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        question = self._question(dialogue)
        first = self._assignment(dialogue, date(2026, 11, 20), question_ids=[Command.set(question.ids)])
        second = self._assignment(dialogue, date(2026, 11, 20), question_ids=[Command.set(question.ids)],
                                  organization_id=self.agency_2.id)
        first.with_user(self.responder).result = "<p>Phần việc của sở</p>"
        self.end_request()
        first.with_user(self.responder).action_resolve()
        self.end_request()
        self.assertEqual(question.state, "assigned")
        second.with_user(self.responder_2).result = "<p>Phần việc còn lại</p>"
        self.end_request()
        second.with_user(self.responder_2).action_resolve()
        self.end_request()
        self.assertEqual(question.state, "resolved")

    def test_overdue_status(self):
        # Session 2 Nov 2026, conclusion due Monday 16 Nov: on 22 Nov it is overdue.
        dialogue = self._hold(self._dialogue(vn(2026, 11, 2, 8)))
        self.assertEqual(dialogue.next_deadline, date(2026, 11, 16))
        self.assertEqual(dialogue.deadline_status, "overdue")

    def test_done_after_the_deadline_keeps_a_trace(self):
        dialogue = self._hold(self._dialogue(vn(2026, 7, 1, 8)))
        late = self._assignment(dialogue, date(2026, 7, 8))
        self.assertLess(late.date_due, date(2026, 11, 22))
        self.assertEqual(late.deadline_status, "overdue")
        late.with_user(self.responder).result = "<p>Đã giải quyết, chậm so với thời hạn</p>"
        self.end_request()
        late.with_user(self.responder).action_resolve()
        self.end_request()
        self.assertEqual(late.state, "done")
        self.assertEqual(late.deadline_status, "done_late", "not the grey “done” of work done in time")
        in_time = self._assignment(dialogue, date(2026, 11, 20))
        in_time.with_user(self.responder).result = "<p>Đã giải quyết</p>"
        self.end_request()
        in_time.with_user(self.responder).action_resolve()
        self.end_request()
        self.assertEqual(in_time.deadline_status, "done")
