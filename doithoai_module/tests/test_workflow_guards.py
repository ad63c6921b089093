"""The workflow table and the fields only its actions set, tried as each role at the ORM's
door (what JSON-RPC calls): every refusal of the exact kind, the record unchanged after it."""
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestWorkflowGuards(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.held = cls._hold(cls._dialogue(vn(2026, 11, 10, 8), name="Đối thoại đã tổ chức"))
        cls.stage = {s.state: s for s in cls.env["doithoai.dialogue.stage"].search([])}

    def _snapshot(self, dialogue):
        dialogue.invalidate_recordset()
        return {name: dialogue[name] for name in (
            "state", "approved_by_id", "approval_date", "conclusion_date", "conclusion_number",
            "is_held", "date_start", "active")}

    # --- forged approval -----------------------------------------------------------------
    def test_officer_forges_approval_then_prepares(self):
        dialogue = self._dialogue(vn(2026, 12, 10, 8))
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        before = self._snapshot(dialogue)
        with self.assertRaises(AccessError):
            dialogue.with_user(self.officer).write({"approved_by_id": self.leader.id})
            self.end_request()
        with self.assertRaises(AccessError):
            dialogue.with_user(self.officer).write({"approval_date": "2026-11-01 00:00:00"})
            self.end_request()
        with self.assertRaises(UserError):
            dialogue.with_user(self.officer).write({"stage_id": self.stage["preparation"].id})
            self.end_request()
        self.assertEqual(self._snapshot(dialogue), before)
        self.assertEqual(dialogue.state, "approval")
        self.assertFalse(dialogue.approved_by_id)

    def test_officer_creates_an_approved_dialogue(self):
        Dialogue = self.Dialogue.with_user(self.officer)
        vals = {"name": "Đối thoại giả mạo phê duyệt", "organization_id": self.commune.id,
                "date_start": vn(2026, 12, 20, 8), "stage_id": self.stage["preparation"].id}
        with self.assertRaises(AccessError):
            Dialogue.create(dict(vals, approved_by_id=self.leader.id))
            self.end_request()
        with self.assertRaises(UserError):
            Dialogue.create(vals)
            self.end_request()
        with self.assertRaises(UserError):  # not even a leader creates it past the approval
            self.Dialogue.with_user(self.leader).create(vals)
            self.end_request()
        self.assertFalse(self.Dialogue.search([("name", "=", vals["name"])]))

    def test_approval_cannot_be_skipped(self):
        dialogue = self._dialogue(vn(2026, 12, 10, 8))
        with self.assertRaises(UserError):
            dialogue.with_user(self.leader).write({"stage_id": self.stage["preparation"].id})
            self.end_request()
        self.assertEqual(dialogue.state, "proposal")
        self.assertFalse(dialogue.approved_by_id)

    # --- conclusion skipped --------------------------------------------------------------
    def test_officer_forges_conclusion_then_follows_up(self):
        before = self._snapshot(self.held)
        with self.assertRaises(AccessError):
            self.held.with_user(self.officer).write({"conclusion_date": date(2026, 11, 20)})
            self.end_request()
        with self.assertRaises(AccessError):
            self.held.with_user(self.leader).write({"conclusion_number": "1/TB-UBND"})
            self.end_request()
        with self.assertRaises(UserError):
            self.held.with_user(self.officer).write({"stage_id": self.stage["followup"].id})
            self.end_request()
        with self.assertRaises(UserError):
            self.held.with_user(self.leader).write({"stage_id": self.stage["concluded"].id})
            self.end_request()
        self.assertEqual(self._snapshot(self.held), before)
        self.assertFalse(self.held.assignment_ids)

    def test_is_held_is_not_written(self):
        dialogue = self._dialogue(vn(2026, 12, 10, 8))
        with self.assertRaises(AccessError):
            dialogue.with_user(self.leader).write({"is_held": True})
            self.end_request()
        self.assertFalse(dialogue.is_held)

    # --- held history ----------------------------------------------------------------------
    def test_leader_moves_held_back_or_deletes_it(self):
        before = self._snapshot(self.held)
        for state in ("proposal", "approval", "invited"):
            with self.assertRaises(UserError):
                self.held.with_user(self.leader).write({"stage_id": self.stage[state].id})
                self.end_request()
        with self.assertRaises(UserError):
            self.held.with_user(self.leader).unlink()
            self.end_request()
        self.assertTrue(self.held.exists())
        self.assertEqual(self._snapshot(self.held), before)

    def test_officer_moves_held_back_or_cancels_it(self):
        before = self._snapshot(self.held)
        with self.assertRaises(UserError):
            self.held.with_user(self.officer).write({"stage_id": self.stage["invited"].id})
            self.end_request()
        with self.assertRaises(UserError):
            self.held.with_user(self.officer).action_cancel()
            self.end_request()
        with self.assertRaises(UserError):
            self.held.with_user(self.officer).write({"stage_id": self.stage["cancel"].id})
            self.end_request()
        self.assertEqual(self._snapshot(self.held), before)

    def test_held_date_does_not_move(self):
        before = self._snapshot(self.held)
        for user in (self.officer, self.leader):
            with self.assertRaises(UserError) as refused:
                self.held.with_user(user).write({"date_start": vn(2027, 3, 1, 8)})
                self.end_request()
            # the date as people write it, not 2026-11-10
            self.assertIn("10/11/2026", str(refused.exception))
        self.assertEqual(self._snapshot(self.held), before)
        # writing the same start again is no move
        self.held.with_user(self.officer).write({"date_start": self.held.date_start, "venue": "Hội trường"})
        self.end_request()
        self.assertEqual(self.held.venue, "Hội trường")

    # --- reopening a held dialogue ----------------------------------------------------------
    def _reopen_wizard(self, user, dialogue, reason):
        return self.env["doithoai.dialogue.reopen.wizard"].with_user(user).create(
            {"dialogue_id": dialogue.id, "reason": reason})

    def test_only_a_leader_reopens_with_a_reason(self):
        before = self._snapshot(self.held)
        with self.assertRaises(AccessError):
            self._reopen_wizard(self.officer, self.held, "Nhầm")
            self.end_request()
        with self.assertRaises(UserError):
            self._reopen_wizard(self.leader, self.held, "   ").action_reopen()
            self.end_request()
        self.assertEqual(self._snapshot(self.held), before)

        action = self.held.with_user(self.leader).action_open_reopen_wizard()
        self.assertEqual(action["res_model"], "doithoai.dialogue.reopen.wizard")
        self._reopen_wizard(self.leader, self.held, "Buổi đối thoại hoãn vì mưa bão").action_reopen()
        self.end_request()
        self.assertEqual(self.held.state, "invited")
        self.assertFalse(self.held.is_held)
        self.assertEqual(self.held.approved_by_id, self.leader, "the approval stays")
        self.assertTrue(self.held.message_ids.filtered(lambda m: "Buổi đối thoại hoãn vì mưa bão" in m.body),
                        "the reason is in the history")
        stage_tracking = self.held.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage_id")
        self.assertTrue(stage_tracking, "the move back is tracked")
        # reopened, the session may move to its new date
        self.held.with_user(self.officer).write({"date_start": vn(2026, 12, 3, 8)})
        self.end_request()
        self.assertEqual(self.held.date_start, vn(2026, 12, 3, 8))

    def test_concluded_dialogue_is_not_reopened(self):
        wizard = self.env(user=self.leader)["doithoai.conclusion.wizard"].with_context(
            default_dialogue_id=self.held.id).create({"date": date(2026, 11, 20), "number": "9/TB-UBND"})
        wizard.action_issue()
        self.end_request()
        self.assertEqual(self.held.state, "concluded")
        self.assertEqual(self.held.conclusion_number, "9/TB-UBND")
        before = self._snapshot(self.held)
        with self.assertRaises(UserError):
            self._reopen_wizard(self.leader, self.held, "Lý do").action_reopen()
            self.end_request()
        self.assertEqual(self._snapshot(self.held), before)

    # --- the table itself --------------------------------------------------------------------
    def test_cancelled_dialogue_is_restored_by_a_leader_only(self):
        dialogue = self._dialogue(vn(2026, 12, 10, 8))
        dialogue.with_user(self.officer).action_cancel()
        self.end_request()
        with self.assertRaises(UserError):
            dialogue.with_user(self.officer).write({"stage_id": self.stage["proposal"].id})
            self.end_request()
        self.assertEqual(dialogue.state, "cancel")
        dialogue.with_user(self.leader).write({"stage_id": self.stage["proposal"].id})
        self.end_request()
        self.assertEqual(dialogue.state, "proposal")

    def test_every_move_of_the_table_is_refused_or_allowed_as_declared(self):
        from ..models.doithoai_dialogue_stage import TRANSITIONS
        dialogue = self._dialogue(vn(2026, 12, 10, 8))
        # proposal -> invited is not in the table: refused, even for a leader
        self.assertNotIn(("proposal", "invited"), TRANSITIONS)
        with self.assertRaises(UserError):
            dialogue.with_user(self.leader).write({"stage_id": self.stage["invited"].id})
            self.end_request()
        self.assertEqual(dialogue.state, "proposal")
        # the officer may send it back and forth before the approval
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        dialogue.with_user(self.officer).write({"stage_id": self.stage["proposal"].id})
        self.end_request()
        self.assertEqual(dialogue.state, "proposal")

    # --- questions: merged only through the wizard ---------------------------------------------
    def test_merge_field_and_context_key_are_closed(self):
        first = self._question(self.held, "Câu hỏi thứ nhất?")
        second = self._question(self.held, "Câu hỏi thứ hai?", asker_ids=[Command.set(self.asker_b.ids)])
        with self.assertRaises(AccessError):
            second.with_user(self.officer).write({"merged_into_id": first.id})
            self.end_request()
        with self.assertRaises(UserError):
            second.with_user(self.officer).with_context(doithoai_merge=True).write({"active": False})
            self.end_request()
        with self.assertRaises(AccessError):
            self._question(self.held, "Câu hỏi thứ ba?", merged_into_id=first.id)
        second.invalidate_recordset()
        self.assertTrue(second.active)
        self.assertFalse(second.merged_into_id)
        self.assertEqual(self.Question.search_count([("content", "=", "Câu hỏi thứ ba?")]), 0)
        # the wizard still merges, as the officer
        wizard = self.env["doithoai.question.merge.wizard"].with_user(self.officer).create({
            "question_ids": [Command.set((first | second).ids)], "target_id": first.id})
        wizard.action_merge()
        self.end_request()
        self.assertFalse(second.active)
        self.assertEqual(second.merged_into_id, first)
