"""Merging duplicate questions keeps every asker (DOMAIN: "duplicates merged into one, keeping every asker")."""
from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestQuestionMerge(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dialogue = cls._dialogue(vn(2026, 12, 8, 8))
        received = cls.env["doithoai.question"]
        cls.first = cls._question(cls.dialogue, "Xin hỗ trợ vốn vay cho phụ nữ khởi nghiệp?",
                                  asker_ids=[Command.set(cls.asker_a.ids)])
        cls.second = cls._question(cls.dialogue, "Phụ nữ khởi nghiệp có được vay vốn ưu đãi không?",
                                   asker_ids=[Command.set(cls.asker_b.ids)], register_to_speak=True)
        cls.third = cls._question(cls.dialogue, "Vốn vay khởi nghiệp cho hội viên phụ nữ?",
                                  asker_ids=[Command.set((cls.asker_c | cls.asker_a).ids)])
        # received in this order: the oldest one is kept by default
        now = cls.first.date_received
        cls.second.date_received = now + timedelta(hours=1)
        cls.third.date_received = now + timedelta(hours=2)
        cls.questions = received | cls.first | cls.second | cls.third
        cls.end_request()

    def _wizard(self, questions, env=None):
        env = env or self.env(user=self.officer)
        action = questions.with_env(env).action_merge()
        self.assertEqual(action["res_model"], "doithoai.question.merge.wizard")
        return env["doithoai.question.merge.wizard"].with_context(action["context"]).create({})

    def test_merge_keeps_every_asker(self):
        wizard = self._wizard(self.questions)
        self.assertEqual(wizard.question_ids, self.questions)
        self.assertEqual(wizard.target_id, self.first, "the first question received is kept")
        wizard.action_merge()
        self.end_request()

        self.assertTrue(self.first.active)
        self.assertEqual(self.first.asker_ids, self.asker_a | self.asker_b | self.asker_c)
        self.assertTrue(self.first.register_to_speak, "a duplicate's asker registered to speak")
        for duplicate in self.second | self.third:
            self.assertFalse(duplicate.active, "duplicates are archived, not deleted")
            self.assertEqual(duplicate.merged_into_id, self.first)
        self.assertEqual(self.first.with_context(active_test=False).merged_ids, self.second | self.third)
        # the dialogue now lists one question
        self.assertEqual(self.Question.with_user(self.officer).search([("dialogue_id", "=", self.dialogue.id)]), self.first)
        self.assertIn("Merged duplicates", self.first.message_ids[0].body)

    def test_merge_into_another_target(self):
        wizard = self._wizard(self.questions)
        wizard.target_id = self.third
        wizard.action_merge()
        self.end_request()
        self.assertEqual(self.third.asker_ids, self.asker_a | self.asker_b | self.asker_c)
        self.assertEqual((self.first | self.second).merged_into_id, self.third)
        self.assertFalse(self.first.active)

    def test_merge_questions_of_two_dialogues_is_refused(self):
        other = self._dialogue(vn(2026, 12, 9, 8), name="Đối thoại khác")
        stranger = self._question(other, "Vốn vay cho phụ nữ?", asker_ids=[Command.set(self.asker_b.ids)])
        wizard = self._wizard(self.first | stranger)
        with self.assertRaises(UserError):
            wizard.action_merge()
        self.assertTrue(self.first.active)
        self.assertTrue(stranger.active)
        self.assertFalse(stranger.merged_into_id)
        self.assertFalse(self.first.merged_into_id)
        self.assertEqual(self.first.asker_ids, self.asker_a, "nothing was merged")

    def test_merge_needs_two_questions(self):
        wizard = self._wizard(self.first)
        with self.assertRaises(UserError):
            wizard.action_merge()
        self.assertTrue(self.first.active)

    def test_answered_question_is_not_merged_away(self):
        self.second.with_user(self.officer).write(
            {"outcome": "answered", "answer": "Có, qua Ngân hàng Chính sách xã hội."})
        self.end_request()
        wizard = self._wizard(self.questions)
        with self.assertRaises(UserError):
            wizard.action_merge()
        self.assertTrue(self.second.active)
        self.assertFalse(self.second.merged_into_id)
        self.assertEqual(self.first.asker_ids, self.asker_a)
