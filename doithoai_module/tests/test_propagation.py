"""After the session (document 000, step 4): answered items propagated to members and bodies,
unresolved ones pushed again; one log per dialogue, kept by who works on the dialogue."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn

ANSWERED = "Xin hỏi về chế độ thai sản cho lao động nữ tự do?"
OPEN = "Đường liên thôn Hòa Bình bị xuống cấp, đề nghị sửa chữa?"
SECRET = "Phản ánh cán bộ thôn nhận tiền hỗ trợ của hộ nghèo"


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestPropagation(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune_2 = cls.env["doithoai.organization"].create({
            "name": "UBND xã Bên cạnh", "kind": "government", "parent_id": cls.province.id,
            "level_id": cls.env.ref("doithoai_module.level_commune").id})
        cls.sibling_officer = cls._user("Chuyên viên xã bên", "doithoai_test_sibling", "officer", cls.commune_2)
        cls.commune_officer = cls._user("Chuyên viên xã", "doithoai_test_commune", "officer", cls.commune)
        cls.members = cls.env["doithoai.participant.group"].search([], limit=1)
        cls.dialogue = cls._dialogue(vn(2026, 11, 10, 8))
        cls.answered = cls._question(cls.dialogue, ANSWERED)
        cls.open = cls._question(cls.dialogue, OPEN)
        cls.secret = cls._question(cls.dialogue, SECRET)
        cls.secret.with_user(cls.leader).write({"confidential": True})
        cls._hold(cls.dialogue)
        cls.answered.with_user(cls.commune_officer).write({"outcome": "answered", "answer": "Đã giải thích rõ."})
        cls.secret.with_user(cls.leader).write({"outcome": "answered", "answer": "Đã chỉ đạo kiểm tra."})
        cls.end_request()

    def _propagate(self, user, **vals):
        line = self.env["doithoai.propagation"].with_user(user).create(dict({
            "dialogue_id": self.dialogue.id, "kind": "propagation", "channel": "loudspeaker",
            "audience": "members", "people_reached": 120}, **vals))
        self.end_request()
        return line

    def test_officer_records_propagation_through_the_form(self):
        """The commune's officer records, on the form, that the answers were read on the
        loudspeaker to the members; the dialogue counts it."""
        form = Form(self.env["doithoai.propagation"].with_user(self.commune_officer).with_context(
            default_dialogue_id=self.dialogue.id))
        self.assertEqual(form.kind, "propagation")
        # offered: the answered item only; neither the open one nor the confidential one
        self.assertEqual(form.allowed_question_ids[:], self.answered)
        form.channel = "loudspeaker"
        form.audience = "members"
        form.participant_group_ids.add(self.members)
        form.audience_organization_ids.add(self.commune)
        form.audience_note = "Hội viên phụ nữ thôn Hòa Bình"
        form.people_reached = 120
        form.question_ids.add(self.answered)
        line = form.save()
        self.end_request()
        self.assertEqual(line.question_ids, self.answered)
        self.assertEqual(line.user_id, self.commune_officer)
        dialogue = self.dialogue.with_user(self.commune_officer)
        self.assertEqual((dialogue.propagation_count, dialogue.people_reached, dialogue.push_count), (1, 120, 0))
        self.assertEqual(self.answered.with_user(self.commune_officer).propagation_ids, line)
        # the province's viewer reads it, cannot change it
        self.assertEqual(line.with_user(self.viewer).people_reached, 120)
        with self.assertRaises(AccessError):
            line.with_user(self.viewer).write({"people_reached": 10})

    def test_only_after_the_session(self):
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        with self.assertRaises(UserError) as cm:
            self.env["doithoai.propagation"].with_user(self.officer).create({
                "dialogue_id": dialogue.id, "kind": "propagation", "channel": "meeting"})
        self.assertIn("has not been held yet", str(cm.exception))

    def test_how_is_required(self):
        with self.assertRaises(ValidationError):
            self._propagate(self.officer, channel=False)
        with self.assertRaises(ValidationError):
            self._propagate(self.officer, kind="push", channel=False)

    def test_items_must_fit_the_kind(self):
        with self.assertRaises(ValidationError):
            self._propagate(self.officer, question_ids=[(6, 0, self.open.ids)])
        with self.assertRaises(ValidationError):
            self._propagate(self.officer, kind="push", push_method="reminder", question_ids=[(6, 0, self.answered.ids)])
        other = self._hold(self._dialogue(vn(2026, 11, 12, 8)))
        with self.assertRaises(ValidationError):
            self._propagate(self.officer, dialogue_id=other.id, question_ids=[(6, 0, self.answered.ids)])

    def test_sibling_officer_refused(self):
        line = self._propagate(self.commune_officer, question_ids=[(6, 0, self.answered.ids)])
        with self.assertRaises(AccessError):
            self._propagate(self.sibling_officer)
        with self.assertRaises(AccessError):
            line.with_user(self.sibling_officer).read(["people_reached"])
        with self.assertRaises(AccessError):
            line.with_user(self.sibling_officer).write({"people_reached": 1})
        self.assertFalse(self.env["doithoai.propagation"].with_user(self.sibling_officer).search(
            [("dialogue_id", "=", self.dialogue.id)]))

    def test_confidential_never_propagated_nor_shown(self):
        # even a leader cannot propagate a confidential item to members
        with self.assertRaises(ValidationError):
            self._propagate(self.leader, question_ids=[(6, 0, self.secret.ids)])
        # the leader pushes it again internally; the officer reads the line, never the item
        self.secret.with_user(self.leader).write({"outcome": False})
        self.secret.sudo()._move_to_state("forwarded")
        self.end_request()
        push = self.env["doithoai.propagation"].with_user(self.leader).create({
            "dialogue_id": self.dialogue.id, "kind": "push", "push_method": "proposal",
            "target_organization_id": self.province.id, "question_ids": [(6, 0, (self.secret | self.open).ids)]})
        self.end_request()
        self.assertEqual(push.with_user(self.leader).question_ids, self.secret | self.open)
        self.env.invalidate_all()  # a new request: the officer reads from the database
        as_officer = push.with_user(self.officer)
        self.assertEqual(as_officer.question_ids, self.open)
        self.assertNotIn(SECRET, str(as_officer.read(["question_ids", "display_name"])))
        offered = self.env["doithoai.propagation"].with_user(self.officer).new({
            "dialogue_id": self.dialogue.id, "kind": "push"}).allowed_question_ids
        self.assertEqual(offered._origin, self.open)

    def test_push_again_from_the_questions(self):
        """The officer lists the unresolved items not yet pushed again, selects one, and records
        the reminder paper sent to the agency: the item leaves the list."""
        officer = self.commune_officer
        Question = self.Question.with_user(officer)
        self.assertEqual(self.dialogue.with_user(officer).unpushed_count, 1)
        todo = Question.search(self.dialogue.with_user(officer).action_view_unpushed()["domain"])
        self.assertEqual(todo, self.open)
        self.assertEqual(todo.push_state, "todo")
        self.assertEqual(self.answered.with_user(officer).push_state, False)
        with self.assertRaises(UserError):
            self.answered.with_user(officer).action_push_again()
        action = todo.action_push_again()
        form = Form(self.env["doithoai.propagation"].with_user(officer).with_context(action["context"]))
        self.assertEqual(form.kind, "push")
        self.assertEqual(form.dialogue_id, self.dialogue)
        self.assertEqual(form.target_organization_id, self.agency)
        form.push_method = "reminder"
        form.reference = "15/CV-UBND"
        line = form.save()
        self.end_request()
        self.assertEqual(line.question_ids, self.open)
        self.assertEqual(self.open.with_user(officer).push_state, "pushed")
        self.assertFalse(Question.search([("dialogue_id", "=", self.dialogue.id), ("push_state", "=", "todo")]))
        self.assertEqual(Question.search([("dialogue_id", "=", self.dialogue.id), ("push_state", "=", "pushed")]),
                         self.open)
        self.assertIn(self.answered, Question.search([("dialogue_id", "=", self.dialogue.id),
                                                      ("push_state", "not in", ["todo"])]))
        self.assertEqual(self.dialogue.with_user(officer).push_count, 1)
        # resolved later, the item stays in the history of its line, and the line can still be edited
        self.open.sudo()._move_to_state("resolved")
        self.end_request()
        line.write({"note": "Sở đã trả lời."})
        self.assertEqual(line.question_ids, self.open)

    def test_responding_agency_reads_push_state(self):
        """The agency assigned an unresolved item reads whether it was pushed again, without
        reading the log itself."""
        self._assignment(self.dialogue, vn(2026, 11, 20).date(), question_ids=[(6, 0, self.open.ids)])
        Question = self.Question.with_user(self.responder)
        self.assertEqual(Question.search([("push_state", "=", "todo")]), self.open)
        self.assertEqual(self.open.with_user(self.responder).push_state, "todo")
        with self.assertRaises(AccessError):
            self.env["doithoai.propagation"].with_user(self.responder).search([])

    def test_carry_into_next_dialogue_is_logged(self):
        """Carrying an unresolved item into the next dialogue writes its line in the earlier log."""
        following = self._dialogue(vn(2026, 12, 8, 8))
        action = following.with_user(self.officer).action_view_candidate_issues()
        self.open.with_user(self.officer).with_context(action["context"]).action_carry_into_dialogue()
        self.end_request()
        log = self.dialogue.with_user(self.officer).propagation_ids
        self.assertEqual(log.push_method, "next_dialogue")
        self.assertEqual(log.next_dialogue_id, following)
        self.assertEqual(log.question_ids, self.open)
        self.assertEqual(self.open.with_user(self.officer).push_state, "pushed")


@tagged("post_install", "-at_install")
class TestPublicPropagation(DoithoaiCase, HttpCase):
    """The published page tells how the answers were made known, never the notes, the
    free-text audience, an asker or a confidential item."""

    def test_published_page_shows_propagation_facts(self):
        dialogue = self._dialogue(vn(2026, 11, 10, 8), name="Đối thoại về đường giao thông nông thôn")
        answered = self._question(dialogue, ANSWERED)
        unresolved = self._question(dialogue, OPEN)
        secret = self._question(dialogue, SECRET)
        secret.with_user(self.leader).write({"confidential": True})
        self._hold(dialogue)
        answered.with_user(self.officer).write({"outcome": "answered", "answer": "Đã giải thích rõ."})
        Log = self.env["doithoai.propagation"]
        Log.with_user(self.officer).create({
            "dialogue_id": dialogue.id, "kind": "propagation", "channel": "loudspeaker", "audience": "members",
            "people_reached": 345, "audience_note": "Gia đình bà Nguyễn Thị Riêng", "note": "Ghi chú nội bộ XYZ",
            "question_ids": [(6, 0, answered.ids)]})
        Log.with_user(self.leader).create({
            "dialogue_id": dialogue.id, "kind": "push", "push_method": "reminder",
            "question_ids": [(6, 0, (unresolved | secret).ids)]})
        dialogue.with_user(self.leader).action_publish_results()
        self.end_request()
        page = self.url_open(f"/doithoai/{dialogue.id}")
        self.assertEqual(page.status_code, 200)
        # the page speaks the public's language (Vietnamese in the demo), English otherwise
        self.assertTrue(any(label in page.text for label in ("Loudspeaker or local radio", "Loa truyền thanh, đài cơ sở")))
        self.assertIn("345", page.text)
        for private in ("Gia đình bà Nguyễn Thị Riêng", "Ghi chú nội bộ XYZ", SECRET, self.asker_a.name):
            self.assertNotIn(private, page.text)
        # one public unresolved item, pushed again (the confidential one is not counted)
        self.assertRegex(" ".join(page.text.split()), r": 1, [^:<]*: 1\.</p>")
