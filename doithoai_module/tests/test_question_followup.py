"""From one dialogue to the next: likely duplicates found by PostgreSQL and merged with the
merge wizard, repeated issues linked across dialogues and carried forward, results published
by a leader."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn

ROAD = "Đường liên thôn Hòa Bình bị xuống cấp nghiêm trọng, đề nghị xã sửa chữa sớm?"
ROAD_NO_MARKS = "Duong lien thon Hoa Binh bi xuong cap nghiem trong, de nghi xa sua chua som?"
ROAD_AGAIN = "Đường liên thôn Hòa Bình xuống cấp nghiêm trọng, đề nghị sửa chữa sớm"
MATERNITY = "Xin hỏi về chế độ thai sản cho lao động nữ tự do?"


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestDuplicates(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dialogue = cls._dialogue(vn(2026, 12, 8, 8))
        cls.road = cls._question(cls.dialogue, ROAD)
        cls.road_ascii = cls._question(cls.dialogue, ROAD_NO_MARKS, asker_ids=[(6, 0, cls.asker_b.ids)])
        cls.road_again = cls._question(cls.dialogue, ROAD_AGAIN, asker_ids=[(6, 0, cls.asker_c.ids)])
        cls.maternity = cls._question(cls.dialogue, MATERNITY)
        cls.secret = cls._question(cls.dialogue, ROAD + " (kèm tố cáo cán bộ thôn)")
        cls.secret.with_user(cls.leader).write({"confidential": True})
        cls.end_request()

    def test_similarity_ready(self):
        """The module created the extensions, the word-pair index and its functions (the test
        role may); the trigram index of earlier versions is gone."""
        self.assertTrue(self.Question._doithoai_similarity_ready())
        self.env.cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'doithoai_question'")
        indexes = {name for name, in self.env.cr.fetchall()}
        self.assertIn("doithoai_question_keys_idx", indexes)
        self.assertNotIn("doithoai_question_content_trgm_idx", indexes)
        self.env.cr.execute("SELECT doithoai_keys(%s), doithoai_keys(%s)", ["Đường liên thôn, Hòa Bình!", "Đường"])
        self.assertEqual(self.env.cr.fetchone(), (["duong lien", "lien thon", "thon hoa", "hoa binh"], []))

    def test_suggestions_with_and_without_diacritics(self):
        """A new question typed without diacritics finds its accented duplicates among all
        stored questions, best first; an unrelated question finds none of them."""
        hits = self.Question._doithoai_similar_ids(ROAD_NO_MARKS)
        ids = [qid for qid, _score in hits]
        self.assertEqual(ids[:2], [self.road_ascii.id, self.road.id], "the same text once the marks are off")
        self.assertEqual(hits[1][1], 1.0)
        self.assertIn(self.road_again.id, ids)
        self.assertEqual([score for _qid, score in hits], sorted((score for _qid, score in hits), reverse=True))
        self.assertNotIn(self.maternity.id, ids)
        unrelated = [qid for qid, _score in self.Question._doithoai_similar_ids(
            "Xin hỏi về chế độ thai sản cho lao động nữ tự do")]
        self.assertIn(self.maternity.id, unrelated)
        self.assertFalse({self.road.id, self.road_ascii.id, self.road_again.id} & set(unrelated))

    def test_officer_sees_groups_and_merges(self):
        Question = self.Question.with_user(self.officer)
        groups = Question.doithoai_duplicate_groups(self.dialogue.id)
        self.assertEqual(len(groups), 1)
        group = groups[0]
        # the confidential one is the leader's: never offered to the officer
        self.assertEqual(group["question_ids"], sorted((self.road | self.road_ascii | self.road_again).ids))
        lines = {line["question_id"]: line for line in group["lines"]}
        # without diacritics the two spellings are the same text; with them, they differ
        self.assertEqual(lines[self.road_ascii.id]["similarity"], 1.0)
        self.assertLess(lines[self.road_ascii.id]["similarity_accented"], 1.0)
        self.assertEqual(group["lines"][-1]["question_id"], self.road_again.id, "ranked by similarity")

        # the same through the screens: the dialogue's button, the group's "Merge", the merge wizard
        action = self.dialogue.with_user(self.officer).action_find_duplicates()
        wizard = self.env[action["res_model"]].with_user(self.officer).browse(action["res_id"])
        self.assertFalse(wizard.message)
        self.assertEqual(len(wizard.group_ids), 1)
        self.assertNotIn("tố cáo", wizard.group_ids.summary)
        merge_action = wizard.group_ids.action_merge()
        merge = self.env[merge_action["res_model"]].with_user(self.officer).with_context(
            merge_action["context"]).create({})
        self.assertEqual(merge.question_ids, self.road | self.road_ascii | self.road_again)
        merge.action_merge()
        self.end_request()
        self.assertEqual(self.road_ascii.merged_into_id, self.road)
        self.assertEqual(self.road.asker_ids, self.asker_a | self.asker_b | self.asker_c)
        self.assertEqual(Question.doithoai_duplicate_groups(self.dialogue.id), [])

    def test_list_action_menu(self):
        """The questions list's Action menu opens the groups of their dialogue."""
        action = self.env.ref("doithoai_module.doithoai_question_action_find_duplicates").with_user(
            self.officer).with_context(active_model="doithoai.question", active_ids=self.maternity.ids).run()
        wizard = self.env[action["res_model"]].with_user(self.officer).browse(action["res_id"])
        self.assertEqual(wizard.dialogue_id, self.dialogue)
        self.assertEqual(len(wizard.group_ids), 1)

    def test_leader_sees_confidential_in_group(self):
        groups = self.Question.with_user(self.leader).doithoai_duplicate_groups(self.dialogue.id)
        self.assertIn(self.secret.id, groups[0]["question_ids"])

    def test_question_form_group(self):
        action = self.maternity.with_user(self.officer).action_view_duplicates()
        wizard = self.env[action["res_model"]].with_user(self.officer).browse(action["res_id"])
        self.assertFalse(wizard.group_ids, "a question without duplicates shows no group")

    def test_viewer_cannot_open_other_tree(self):
        other = self.env["doithoai.organization"].create({"name": "Tỉnh khác", "kind": "government"})
        dialogue = self.Dialogue.create({"name": "Khác", "organization_id": other.id, "date_start": vn(2026, 12, 9)})
        with self.assertRaises(AccessError):
            self.Question.with_user(self.officer).doithoai_duplicate_groups(dialogue.id)


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestRepeatedIssues(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.last_year = cls._dialogue(vn(2025, 11, 10, 8))
        cls.old_road = cls._question(cls.last_year, ROAD)
        cls.old_answered = cls._question(cls.last_year, MATERNITY)
        cls._hold(cls.last_year)
        cls.old_answered.with_user(cls.officer).write({"outcome": "answered", "answer": "Đã trả lời."})
        cls.end_request()

    def test_new_question_linked_to_earlier(self):
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        question = self._question(dialogue, ROAD_AGAIN)
        self.assertEqual(question.with_user(self.officer).previous_ids, self.old_road)
        self.assertEqual(question.repeat_count, 2)
        self.assertFalse(question.ever_resolved)
        again = self._question(dialogue, MATERNITY)
        self.assertTrue(again.ever_resolved, "answered last year")

    def test_batch_linked_in_one_query(self):
        """An import's questions of one organisation are linked to earlier ones by one query,
        each by its rarest word pairs; without diacritics too."""
        from unittest.mock import patch
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        cr = self.env.cr
        real = cr.execute
        queries = []

        def execute(query, *args, **kwargs):
            if "doithoai_rare_keys(n.content)" in str(query):
                queries.append(query)
            return real(query, *args, **kwargs)

        with patch.object(cr, "execute", execute):
            new = self.Question.with_user(self.officer).create([
                {"dialogue_id": dialogue.id, "content": text, "asker_ids": [(6, 0, self.asker_a.ids)],
                 "field_id": self.field_social.id}
                for text in (ROAD_NO_MARKS, ROAD_AGAIN, "Xin hỏi về lịch tiêm chủng cho trẻ em ở trạm y tế?")])
        self.assertEqual(len(queries), 1)
        self.assertEqual([q.previous_ids for q in new], [self.old_road, self.old_road, self.Question])

    def test_candidates_and_carry(self):
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        action = dialogue.with_user(self.officer).action_view_candidate_issues()
        candidates = self.Question.with_user(self.officer).search(action["domain"])
        self.assertIn(self.old_road, candidates)
        self.assertNotIn(self.old_answered, candidates, "resolved once and raised once: not a candidate")
        carried = candidates.with_context(action["context"]).action_carry_into_dialogue()
        self.end_request()
        new = self.Question.with_user(self.officer).search(carried["domain"])
        self.assertEqual(new.carried_from_id, self.old_road)
        self.assertEqual(new.previous_ids, self.old_road)
        self.assertEqual(new.asker_ids, self.old_road.asker_ids)
        # carried once: no longer a candidate, and carrying again creates nothing
        self.assertNotIn(self.old_road, self.Question.with_user(self.officer).search(
            dialogue._doithoai_candidate_domain()))
        self.old_road.with_user(self.officer).with_context(action["context"]).action_carry_into_dialogue()
        self.assertEqual(self.Question.search_count([("dialogue_id", "=", dialogue.id)]), 1)

    def test_carry_needs_a_dialogue(self):
        with self.assertRaises(UserError):
            self.old_road.with_user(self.officer).action_carry_into_dialogue()


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestPublication(DoithoaiCase):
    def test_only_a_leader_publishes_after_the_session(self):
        dialogue = self._dialogue(vn(2026, 11, 10, 8))
        with self.assertRaises(UserError):
            dialogue.with_user(self.leader).action_publish_results()
        self._hold(dialogue)
        with self.assertRaises(AccessError):
            dialogue.with_user(self.officer).action_publish_results()
        with self.assertRaises(AccessError):
            dialogue.with_user(self.leader).write({"results_published": True})
        dialogue.with_user(self.leader).action_publish_results()
        self.end_request()
        self.assertTrue(dialogue.results_published)
        dialogue.with_user(self.leader).action_unpublish_results()
        self.assertFalse(dialogue.results_published)


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestWithoutExtensions(DoithoaiCase):
    """A database where the role could not create pg_trgm/unaccent: a clear message, exact
    duplicates still grouped, nothing breaks."""

    def test_degraded_path(self):
        from unittest.mock import patch
        from odoo.addons.doithoai_module.models.doithoai_question_similarity import DoithoaiQuestion
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        with patch.object(DoithoaiQuestion, "_doithoai_similarity_ready", lambda self: False):
            first = self._question(dialogue, ROAD)
            same = self._question(dialogue, "  " + ROAD.replace(" ", "  ") + " ")
            self._question(dialogue, ROAD_NO_MARKS)
            self.assertFalse(first.previous_ids)
            groups = self.Question.with_user(self.officer).doithoai_duplicate_groups(dialogue.id)
            self.assertEqual([g["question_ids"] for g in groups], [sorted((first | same).ids)])
            action = dialogue.with_user(self.officer).action_find_duplicates()
            wizard = self.env[action["res_model"]].with_user(self.officer).browse(action["res_id"])
            self.assertIn("CREATE EXTENSION", wizard.message)

    def test_setup_refused(self):
        """CREATE EXTENSION refused: a warning for the administrator, no crash."""
        import psycopg2
        cr = self.env.cr
        real = cr.execute

        def execute(query, *args, **kwargs):
            if "CREATE EXTENSION" in str(query):
                raise psycopg2.errors.InsufficientPrivilege("permission denied to create extension")
            return real(query, *args, **kwargs)

        from unittest.mock import patch
        with patch.object(cr, "execute", execute), \
                self.assertLogs("odoo.addons.doithoai_module.models.doithoai_question_similarity", "WARNING") as logs:
            self.Question._doithoai_setup_similarity()
        self.assertIn("CREATE EXTENSION pg_trgm", logs.output[0])


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestCarryConfidential(DoithoaiCase):
    def test_officer_cannot_carry_a_confidential_question(self):
        old = self._dialogue(vn(2025, 11, 10, 8))
        secret = self._question(old, ROAD)
        secret.with_user(self.leader).write({"confidential": True})
        self.end_request()
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        with self.assertRaises(AccessError):
            self.Question.with_user(self.officer).create({
                "dialogue_id": dialogue.id, "content": "Câu hỏi nêu lại", "carried_from_id": secret.id})
        carried = self.Question.with_user(self.leader).create({
            "dialogue_id": dialogue.id, "content": ROAD, "carried_from_id": secret.id, "confidential": True})
        self.assertEqual(carried.previous_ids, secret)
