"""Bad input is refused with a clear error, and the records stay as they were."""
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestConstraints(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tuesday 10 November 2026, held; notice Friday 20 Nov -> resolution due 25 Jan 2027
        cls.held = cls._hold(cls._dialogue(vn(2026, 11, 10, 8), name="Đối thoại đã tổ chức"))
        cls.assignment = cls._assignment(cls.held, date(2026, 11, 20))
        cls.stage_held = cls.env.ref("doithoai_module.dialogue_stage_held")

    # --- the dialogue workflow ---------------------------------------------------------
    def test_session_before_approval_is_refused(self):
        dialogue = self._dialogue(vn(2026, 11, 12, 8))
        with self.assertRaises(UserError):
            dialogue.with_user(self.officer).action_mark_held()
        self.assertEqual(dialogue.state, "proposal")
        self.assertFalse(dialogue.approved_by_id)
        # not even a leader can skip the approval step by dragging the card to "Held"
        with self.assertRaises(UserError):
            dialogue.with_user(self.leader).write({"stage_id": self.stage_held.id})
        self.assertEqual(dialogue.state, "proposal")
        self.assertFalse(dialogue.approved_by_id)
        self.assertFalse(dialogue.approval_date)
        # awaiting approval: an officer cannot hold it either
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        with self.assertRaises(UserError):
            dialogue.with_user(self.officer).write({"stage_id": self.stage_held.id})
        self.assertEqual(dialogue.state, "approval")
        self.assertFalse(dialogue.approved_by_id)

    def test_officer_cannot_approve(self):
        dialogue = self._dialogue(vn(2026, 12, 12, 8))
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        with self.assertRaises(UserError):
            dialogue.with_user(self.officer).action_approve()
        self.assertEqual(dialogue.state, "approval")
        self.assertFalse(dialogue.approved_by_id)

    def test_held_before_the_start_is_refused(self):
        dialogue = self._approve(self._dialogue(vn(2026, 11, 30, 8))).with_user(self.officer)
        dialogue.action_mark_invited()
        self.end_request()
        with self.assertRaises(UserError):
            dialogue.action_mark_held()
        self.assertEqual(dialogue.state, "invited")
        self.assertFalse(dialogue.is_held)
        # the same day but two hours later: still refused (now is 10:00 in Hanoi)
        today_later = self._approve(self._dialogue(vn(2026, 11, 22, 12)))
        with self.assertRaises(UserError):
            today_later.with_user(self.officer).action_mark_held()
        self.assertEqual(today_later.state, "preparation")

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self._dialogue(vn(2026, 12, 1, 10), date_end=vn(2026, 12, 1, 8))
        self.assertFalse(self.Dialogue.search([("date_start", "=", vn(2026, 12, 1, 10))]))

    def test_cancel_held_dialogue_is_refused(self):
        with self.assertRaises(UserError):
            self.held.with_user(self.leader).action_cancel()
        self.assertEqual(self.held.state, "held")

    # --- conclusion notice ---------------------------------------------------------------
    def _conclusion_wizard(self, dialogue, **vals):
        return self.env(user=self.leader)["doithoai.conclusion.wizard"].with_context(
            default_dialogue_id=dialogue.id).create(dict({"date": date(2026, 11, 20)}, **vals))

    def test_conclusion_before_the_session_is_held(self):
        dialogue = self._approve(self._dialogue(vn(2026, 11, 12, 8)))
        question = self._question(dialogue, outcome="deferred")
        wizard = self._conclusion_wizard(dialogue)
        self.assertEqual(len(wizard.line_ids), 1)
        with self.assertRaises(UserError):
            wizard.action_issue()
        self.assertEqual(dialogue.state, "preparation")
        self.assertFalse(dialogue.conclusion_date)
        self.assertFalse(dialogue.assignment_ids)
        self.assertFalse(question.assignment_ids)
        self.assertNotEqual(question.state, "assigned")

    def test_conclusion_dated_before_the_session(self):
        question = self._question(self.held, outcome="deferred")
        wizard = self._conclusion_wizard(self.held, date=date(2026, 11, 9), number="1/TB")
        with self.assertRaises(ValidationError):
            wizard.action_issue()
        self.assertEqual(self.held.state, "held")
        self.assertFalse(self.held.conclusion_date)
        self.assertFalse(self.held.conclusion_number)
        self.assertFalse(question.assignment_ids)

    def test_conclusion_line_without_agency(self):
        question = self._question(self.held, outcome="deferred", competent_organization_id=False)
        wizard = self._conclusion_wizard(self.held)
        self.assertFalse(wizard.line_ids.organization_id)
        with self.assertRaises(UserError):
            wizard.action_issue()
        self.assertFalse(self.held.conclusion_date)
        self.assertFalse(question.assignment_ids)

    def test_conclusion_issued_twice(self):
        self._conclusion_wizard(self.held).action_issue()
        self.end_request()
        self.assertEqual(self.held.state, "concluded")
        with self.assertRaises(UserError):
            self._conclusion_wizard(self.held, date=date(2026, 11, 21)).action_issue()
        self.assertEqual(self.held.conclusion_date, date(2026, 11, 20))

    def test_concluded_stage_needs_the_notice(self):
        with self.assertRaises(UserError):
            self.held.with_user(self.leader).stage_id = self.env.ref("doithoai_module.dialogue_stage_concluded")
        self.assertEqual(self.held.state, "held")

    # --- assignments ---------------------------------------------------------------------
    def test_assignment_without_agency(self):
        before = self.Assignment.search_count([])
        with self.assertRaises(ValidationError):
            self._assignment(self.held, date(2026, 11, 20), organization_id=False)
        self.assertEqual(self.Assignment.search_count([]), before)
        with self.assertRaises(ValidationError):
            self.assignment.with_user(self.leader).organization_id = False
        self.assertEqual(self.assignment.organization_id, self.agency)

    def test_assignment_notice_before_the_session(self):
        with self.assertRaises(ValidationError):
            self.assignment.with_user(self.leader).notice_date = date(2026, 11, 9)
        self.assertEqual(self.assignment.notice_date, date(2026, 11, 20))

    def test_resolved_before_the_notice(self):
        with self.assertRaises(ValidationError):
            self.assignment.with_user(self.responder).date_resolved = date(2026, 11, 19)
        self.assertFalse(self.assignment.date_resolved)

    def _extension_wizard(self, **vals):
        return self.env(user=self.leader)["doithoai.extension.wizard"].with_context(
            default_assignment_id=self.assignment.id).create(vals)

    def test_extension_not_after_the_deadline(self):
        self.assertEqual(self.assignment.deadline, date(2027, 1, 25))
        for day in (date(2027, 1, 25), date(2027, 1, 10)):
            wizard = self._extension_wizard(extension_date=day, extension_reason="Cần thêm thời gian")
            with self.assertRaises(ValidationError):
                wizard.action_extend()
            self.assertFalse(self.assignment.extension_date)
            self.assertFalse(self.assignment.extension_reason)
            self.assertEqual(self.assignment.state, "new")
            self.assertEqual(self.assignment.date_due, date(2027, 1, 25))

    def test_extension_without_reason(self):
        # blank text is no reason
        wizard = self._extension_wizard(extension_date=date(2027, 3, 1), extension_reason="   ")
        with self.assertRaises(ValidationError):
            wizard.action_extend()
        self.assertFalse(self.assignment.extension_date)
        self.assertEqual(self.assignment.state, "new")
        # the same rule on the record itself, whoever writes it (a leader, over RPC)
        with self.assertRaises(ValidationError):
            self.assignment.with_user(self.leader).extension_date = date(2027, 3, 1)
        self.assertFalse(self.assignment.extension_date)
        self.assertEqual(self.assignment.date_due, date(2027, 1, 25))

    def test_officer_cannot_extend(self):
        with self.assertRaises(AccessError):
            self.env(user=self.officer)["doithoai.extension.wizard"].with_context(
                default_assignment_id=self.assignment.id).create({
                    "extension_date": date(2027, 3, 1), "extension_reason": "Cần thêm thời gian"})
        self.assertFalse(self.assignment.extension_date)

    def test_officer_cannot_extend_by_writing_the_fields(self):
        """The leader-only extension cannot be bypassed by a direct write (RPC, import)."""
        with self.assertRaises(UserError):
            self.assignment.with_user(self.officer).write({
                "extension_date": date(2027, 3, 1), "extension_reason": "Cần thêm thời gian"})
        self.assertFalse(self.assignment.extension_date)

    # --- questions ------------------------------------------------------------------------
    def test_declined_without_reason(self):
        question = self._question(self.held).with_user(self.officer)
        with self.assertRaises(ValidationError):
            question.write({"outcome": "declined"})
        self.assertFalse(question.outcome)
        self.assertEqual(question.state, "received")
        with self.assertRaises(ValidationError):
            question.write({"outcome": "declined", "decline_reason": "  \n "})
        self.assertFalse(question.outcome)
        # through the answer wizard
        wizard = self.env(user=self.officer)["doithoai.answer.wizard"].with_context(
            default_dialogue_id=self.held.id).create({})
        wizard.line_ids.filtered(lambda l: l.question_id == question).outcome = "declined"
        with self.assertRaises(ValidationError):
            wizard.action_confirm()
        self.assertFalse(question.outcome)
        self.assertEqual(question.state, "received")

    def test_forward_without_competent_agency(self):
        question = self._question(self.held, competent_organization_id=False)
        with self.assertRaises(UserError):
            question.with_user(self.officer).action_forward()
        self.assertEqual(question.state, "received")

    # --- deleting history ---------------------------------------------------------------
    def test_unlink_held_dialogue_refused_archive_works(self):
        with self.assertRaises(UserError):
            self.held.with_user(self.leader).unlink()
        self.assertTrue(self.held.exists())
        self.held.with_user(self.leader).active = False
        self.end_request()
        self.assertFalse(self.held.active)
        self.assertFalse(self.Dialogue.search([("id", "=", self.held.id)]))
        self.assertEqual(self.Dialogue.with_context(active_test=False).search(
            [("id", "=", self.held.id)]), self.held)

    def test_unlink_proposal_works(self):
        dialogue = self._dialogue(vn(2026, 12, 15, 8))
        dialogue.with_user(self.leader).unlink()
        self.end_request()
        self.assertFalse(dialogue.exists())

    def test_unlink_answered_question_refused(self):
        dialogue = self._dialogue(vn(2026, 12, 15, 8))
        question = self._question(dialogue, outcome="answered", answer="Đã trả lời trước phiên.")
        with self.assertRaises(UserError):
            question.with_user(self.officer).unlink()
        self.assertTrue(question.exists())
        self.assertEqual(question.outcome, "answered")
        # a question of a held dialogue is history too, even without an answer
        held_question = self._question(self.held)
        with self.assertRaises(UserError):
            held_question.with_user(self.officer).unlink()
        self.assertTrue(held_question.exists())
        # a fresh question of a dialogue not yet held can be deleted
        fresh = self._question(dialogue, content="Câu hỏi nhập nhầm")
        fresh.with_user(self.officer).unlink()
        self.end_request()
        self.assertFalse(fresh.exists())

    # --- organizations ------------------------------------------------------------------
    def test_cyclic_organization_parent(self):
        # UserError ("Recursion Detected") from the parent store, or the model's ValidationError;
        # organizations are configured by the module's administrator
        province = self.province.with_user(self.admin_user)
        with self.assertRaises(UserError):
            province.parent_id = self.commune
        self.assertFalse(self.province.parent_id)
        self.assertEqual(self.commune.parent_id, self.province)
        with self.assertRaises(UserError):
            province.parent_id = self.province
        self.assertFalse(self.province.parent_id)
        village = self.env(user=self.admin_user)["doithoai.organization"].create(
            {"name": "Thôn 1", "parent_id": self.commune.id})
        self.end_request()
        with self.assertRaises(UserError):
            province.write({"parent_id": village.id})
        self.assertEqual(self.province.complete_name, "UBND tỉnh Test")

    def test_negative_attendance(self):
        from psycopg2 import IntegrityError

        from odoo.tools import mute_logger
        dialogue = self._dialogue(vn(2026, 12, 15, 8))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            dialogue.with_user(self.officer).expected_attendance = -5
            self.end_request()
        self.assertEqual(dialogue.expected_attendance, 0)

    def test_question_cannot_be_merged_into_itself(self):
        question = self._question(self.held)
        with self.assertRaises(ValidationError):
            question.with_user(self.officer)._merge_into(question)
        self.assertFalse(question.merged_into_id)

    def test_questions_channel_default(self):
        question = self._question(self.held, asker_ids=[Command.set(self.asker_b.ids)])
        self.assertEqual(question.channel, "before")
        self.assertEqual(question.organization_id, self.commune)
