"""The same life through the forms a user fills in (odoo.tests.Form: views, onchanges, defaults)."""
from datetime import date

from odoo.tests import Form, freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestDialogueForms(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune.host_id = cls.host
        cls.officer_env = cls.env(user=cls.officer)
        cls.leader_env = cls.env(user=cls.leader)
        cls.responder_env = cls.env(user=cls.responder)

    def _wizard(self, env, record, method):
        """The wizard form a button of `record` opens, as `env`'s user."""
        return Form.from_action(env, getattr(record.with_env(env), method)())

    def _new_dialogue(self):
        with Form(self.officer_env["doithoai.dialogue"]) as form:
            form.name = "Đối thoại với hội viên phụ nữ xã"
            form.organization_id = self.commune
            form.date_start = vn(2026, 11, 10, 8)
            form.date_end = vn(2026, 11, 10, 11)
            form.venue = "Nhà văn hóa xã"
            # the legal deadlines show as soon as the date is chosen (before saving)
            self.assertEqual(form.conclusion_deadline, date(2026, 11, 24))
            self.assertEqual(form.invitation_deadline, date(2026, 11, 5))
            self.assertEqual(form.host_id, self.host, "the head of the organization is proposed")
            self.assertEqual(form.stage_id.state, "proposal")
        self.end_request()
        return form.record

    def _new_question(self, dialogue, content, asker, agency=None):
        form = Form(self.officer_env["doithoai.question"].with_context(default_dialogue_id=dialogue.id))
        form.content = content
        form.asker_ids.add(asker)
        form.field_id = self.field_social
        if agency:
            form.competent_organization_id = agency
        self.assertEqual(form.name, content, "the summary is filled in from the content")
        question = form.save()
        self.end_request()
        return question

    def test_dialogue_form_creation(self):
        dialogue = self._new_dialogue()
        self.assertEqual(dialogue.name, "Đối thoại với hội viên phụ nữ xã")
        self.assertEqual(dialogue.organization_id, self.commune)
        self.assertEqual(dialogue.state, "proposal")
        self.assertEqual(dialogue.user_id, self.officer)
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 11, 24))
        # moving the session in the form moves the deadlines: Friday 13 Feb 2026, before Tết
        with Form(dialogue) as form:
            form.date_start = vn(2026, 2, 13, 8)
            form.date_end = vn(2026, 2, 13, 11)
            self.assertEqual(form.conclusion_deadline, date(2026, 3, 6))
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 6))

    def test_registering_to_speak_gives_the_next_number(self):
        dialogue = self._new_dialogue()
        first = self._new_question(dialogue, "Xin hỏi về vốn vay hộ nghèo?", self.asker_a)
        second = self._new_question(dialogue, "Xin hỏi về học phí?", self.asker_b)
        with Form(second) as form:
            form.register_to_speak = True
        self.end_request()
        self.assertEqual(second.speaking_order, 1)
        with Form(first) as form:
            form.register_to_speak = True
        self.end_request()
        self.assertEqual(first.speaking_order, 2, "the next number of the dialogue, not 0")
        third = self.officer_env["doithoai.question"].create({
            "dialogue_id": dialogue.id, "content": "Xin hỏi về nước sạch?", "register_to_speak": True})
        self.end_request()
        self.assertEqual(third.speaking_order, 3)

    def test_dialogue_form_requires_organization(self):
        form = Form(self.officer_env["doithoai.dialogue"])
        form.name = "Đối thoại thiếu đơn vị"
        form.date_start = vn(2026, 12, 10, 8)
        with self.assertRaises(AssertionError):  # a required field is empty: the form does not save
            form.save()
        self.assertFalse(self.Dialogue.search([("name", "=", "Đối thoại thiếu đơn vị")]))

    def test_full_life_through_forms(self):
        dialogue = self._new_dialogue()
        q_answer = self._new_question(dialogue, "Xin hỏi về hỗ trợ học nghề cho phụ nữ?", self.asker_a)
        q_defer = self._new_question(dialogue, "Đường vào chợ ngập nước khi mưa?", self.asker_b, self.agency)
        q_decline = self._new_question(dialogue, "Vụ tranh chấp đất đang thanh tra?", self.asker_c)
        q_dup = self._new_question(dialogue, "Đường vào chợ bị ngập?", self.asker_c, self.agency)

        # duplicates are merged (merge wizard opened from the list's action)
        form = self._wizard(self.officer_env, q_defer | q_dup, "action_merge")
        self.assertEqual(form.target_id, q_defer)
        form.save().action_merge()
        self.end_request()
        self.assertEqual(q_defer.asker_ids, self.asker_b | self.asker_c)
        self.assertFalse(q_dup.active)

        dialogue.action_submit()
        self.end_request()
        dialogue.with_env(self.leader_env).action_approve()
        self.end_request()
        self.assertEqual(dialogue.approved_by_id, self.leader)
        dialogue.action_mark_invited()
        self.end_request()
        dialogue.action_mark_held()
        self.end_request()
        self.assertEqual(dialogue.state, "held")

        # answers recorded in the session
        form = self._wizard(self.officer_env, dialogue, "action_open_answer_wizard")
        self.assertEqual(len(form.line_ids), 3)
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if line.content == q_answer.content:
                    line.outcome = "answered"
                    line.answer = "Xã mở lớp học nghề miễn phí trong quý I/2027."
                    line.answered_by_id = self.host
                elif line.content == q_defer.content:
                    line.outcome = "deferred"
                else:
                    line.outcome = "declined"
                    line.decline_reason = "Vụ việc đang được thanh tra."
        with form.line_ids.new() as line:
            line.content = "Khi nào lắp đèn đường thôn 3?"
            line.asker_ids.add(self.asker_b)
            line.outcome = "answered"
            line.answer = "Trong tháng 12."
        form.save().action_confirm()
        self.end_request()
        self.assertEqual(q_answer.state, "answered")
        self.assertEqual(q_answer.answered_by_id, self.host)
        self.assertEqual(q_defer.outcome, "deferred")
        self.assertEqual(q_decline.state, "declined")
        raised = dialogue.question_ids.filtered(lambda q: q.channel == "session")
        self.assertEqual(raised.content, "Khi nào lắp đèn đường thôn 3?")
        self.assertEqual(raised.state, "answered")

        # the conclusion notice, by the leader
        form = self._wizard(self.leader_env, dialogue, "action_open_conclusion_wizard")
        self.assertEqual(form.conclusion_deadline, date(2026, 11, 24))
        form.date = date(2026, 11, 20)
        form.number = "125/TB-UBND"
        self.assertEqual(len(form.line_ids), 1)
        with form.line_ids.edit(0) as line:
            self.assertEqual(line.organization_id, self.agency)
            line.user_id = self.officer
        form.save().action_issue()
        self.end_request()
        self.assertEqual(dialogue.state, "concluded")
        self.assertEqual(dialogue.conclusion_date, date(2026, 11, 20))
        assignment = dialogue.assignment_ids
        self.assertEqual(len(assignment), 1)
        self.assertEqual(assignment.question_ids, q_defer)
        self.assertEqual(assignment.user_id, self.officer)
        self.assertEqual(assignment.deadline, date(2027, 1, 25))
        self.assertEqual(q_defer.state, "assigned")

        # more time, granted by the leader
        form = self._wizard(self.leader_env, assignment, "action_open_extension_wizard")
        self.assertEqual(form.deadline, date(2027, 1, 25))
        form.extension_date = date(2027, 3, 1)
        form.extension_reason = "Chờ vốn đầu tư công năm 2027."
        form.save().action_extend()
        self.end_request()
        self.assertEqual(assignment.state, "extended")
        self.assertEqual(assignment.date_due, date(2027, 3, 1))

        # resolved through the assignment form
        # the agency writes the result, then presses "Resolve" on 10 February 2027
        with Form(assignment.with_env(self.responder_env)) as form:
            form.result = "<p>Đã nạo vét cống thoát nước.</p>"
        self.end_request()
        with freeze_time("2027-02-10 03:00:00"):
            assignment.with_env(self.responder_env).action_resolve()
            self.end_request()
        self.assertEqual(assignment.state, "done")
        self.assertEqual(assignment.date_resolved, date(2027, 2, 10))
        self.assertTrue(assignment.is_on_time)
        self.assertEqual(q_defer.state, "resolved")

    def test_conclusion_extension_resolution_forms(self):
        """The wizards after the session, on questions answered beforehand through the ORM."""
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        question = self._question(dialogue, outcome="deferred")
        form = self._wizard(self.leader_env, dialogue, "action_open_conclusion_wizard")
        form.date = date(2026, 11, 20)
        form.number = "126/TB-UBND"
        self.assertEqual(len(form.line_ids), 1)
        with form.line_ids.edit(0) as line:
            self.assertEqual(line.organization_id, self.agency)
            self.assertEqual(line.name, question.name)
        form.save().action_issue()
        self.end_request()
        self.assertEqual(dialogue.state, "concluded")
        self.assertEqual(dialogue.conclusion_number, "126/TB-UBND")
        assignment = dialogue.assignment_ids
        self.assertEqual(assignment.question_ids, question)
        self.assertEqual(assignment.deadline, date(2027, 1, 25))
        self.assertEqual(question.state, "assigned")

        form = self._wizard(self.leader_env, assignment, "action_open_extension_wizard")
        self.assertEqual(form.deadline, date(2027, 1, 25))
        form.extension_date = date(2027, 3, 1)
        form.extension_reason = "Chờ vốn đầu tư công năm 2027."
        form.save().action_extend()
        self.end_request()
        self.assertEqual(assignment.state, "extended")
        self.assertEqual(assignment.date_due, date(2027, 3, 1))

        # the agency writes the result, then presses "Resolve" on 10 February 2027
        with Form(assignment.with_env(self.responder_env)) as form:
            form.result = "<p>Đã nạo vét cống thoát nước.</p>"
        self.end_request()
        with freeze_time("2027-02-10 03:00:00"):
            assignment.with_env(self.responder_env).action_resolve()
            self.end_request()
        self.assertEqual(assignment.state, "done")
        self.assertEqual(assignment.date_resolved, date(2027, 2, 10))
        self.assertTrue(assignment.is_on_time)
        self.assertEqual(question.state, "resolved")

    def test_answer_form_updates_the_listed_questions(self):
        """Recording an outcome on a listed question answers that question, no copy is made."""
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        question = self._question(dialogue)
        form = self._wizard(self.officer_env, dialogue, "action_open_answer_wizard")
        self.assertEqual(len(form.line_ids), 1)
        with form.line_ids.edit(0) as line:
            line.outcome = "answered"
            line.answer = "Đã có chính sách hỗ trợ."
        form.save().action_confirm()
        self.end_request()
        self.assertEqual(dialogue.question_ids, question, "no duplicate question is created")
        self.assertEqual(question.outcome, "answered")
        self.assertEqual(question.state, "answered")

    def test_extension_form_needs_a_reason(self):
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        assignment = self._assignment(dialogue, date(2026, 11, 20))
        form = self._wizard(self.leader_env, assignment, "action_open_extension_wizard")
        form.extension_date = date(2027, 3, 1)
        with self.assertRaises(AssertionError):
            form.save()
        self.assertFalse(assignment.extension_date)

    def test_declined_line_needs_a_reason_in_the_form(self):
        dialogue = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        question = self._question(dialogue)
        form = self._wizard(self.officer_env, dialogue, "action_open_answer_wizard")
        with self.assertRaises(AssertionError):
            with form.line_ids.edit(0) as line:
                line.outcome = "declined"
        self.assertFalse(question.outcome)

    def test_organization_form(self):
        # organizations are configured by the module's administrator
        with Form(self.env(user=self.admin_user)["doithoai.organization"]) as form:
            form.name = "UBND xã Mới"
            form.parent_id = self.province
        self.end_request()
        org = form.record
        self.assertEqual(org.complete_name, "UBND tỉnh Test / UBND xã Mới")
        # fields and columns show its own name; the dropdown (web_name_search) adds the path, muted
        self.assertEqual(org.with_user(self.officer).display_name, "UBND xã Mới")
        found = self.env["doithoai.organization"].with_user(self.officer).web_name_search(
            "xã Mới", {"display_name": {}})
        self.assertEqual([(r["display_name"], r["__formatted_display_name"]) for r in found],
                         [("UBND xã Mới", "UBND xã Mới \t --UBND tỉnh Test--")])
        self.assertEqual(org.dialogue_count, 0)
        self.assertEqual(org.parent_id, self.province)
