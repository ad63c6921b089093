"""Issue 11: writes stay in the user's organisation tree, confidential content is mailed only
to its own askers, closed history is never recomputed, metadata follows the tree, and one
local-time rule (the organisation's calendar time zone) whoever writes."""
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError

from ..tools import localtime
from .common import DoithoaiCase, vn


class TestOrgGuards(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        cls.commune_b = Org.create({
            "name": "UBND xã Bên cạnh", "kind": "government", "parent_id": cls.province.id,
            "level_id": cls.env.ref("doithoai_module.level_commune").id,
        })
        cls.province_2 = Org.create({"name": "UBND tỉnh Khác", "kind": "government"})
        cls.c_officer = cls._user("Cán bộ xã", "doithoai_guard_c_officer", "officer", cls.commune)
        cls.c_leader = cls._user("Lãnh đạo xã", "doithoai_guard_c_leader", "manager", cls.commune)
        cls.asker_a.email = "an@example.com"
        cls.asker_b.email = "binh@example.com"
        # another commune's dialogue, made by the system
        cls.other_dialogue = cls.Dialogue.create({
            "name": "Đối thoại xã bên cạnh", "organization_id": cls.commune_b.id,
            "date_start": vn(2026, 10, 1)})
        cls.end_request()

    # ------------------------------------------------------------------
    # 1. writes stay inside the user's organisation tree
    # ------------------------------------------------------------------
    def test_question_cannot_move_to_another_commune(self):
        dialogue = self._dialogue(vn(2026, 12, 20), user=self.c_officer)
        question = self._question(dialogue, user=self.c_officer)
        with self.assertRaises(AccessError):
            question.with_user(self.c_officer).write({"dialogue_id": self.other_dialogue.id})
            self.end_request()
        question.invalidate_recordset()
        self.assertEqual(question.dialogue_id, dialogue)
        with self.assertRaises(AccessError):
            self.Question.with_user(self.c_officer).create({
                "dialogue_id": self.other_dialogue.id, "content": "Hỏi sang xã khác?"})
            self.end_request()
        self.assertFalse(self.Question.search([("content", "=", "Hỏi sang xã khác?")]))

    def test_dialogue_and_plan_stay_in_the_tree(self):
        dialogue = self._dialogue(vn(2026, 12, 20), user=self.c_officer)
        for org in (self.commune_b, self.province, self.province_2):
            with self.assertRaises(AccessError):
                dialogue.with_user(self.c_officer).write({"organization_id": org.id})
                self.end_request()
        dialogue.invalidate_recordset()
        self.assertEqual(dialogue.organization_id, self.commune)
        other_plan = self.env["doithoai.plan"].create({"name": "Kế hoạch xã B", "organization_id": self.commune_b.id})
        with self.assertRaises(AccessError):
            dialogue.with_user(self.c_officer).write({"plan_id": other_plan.id})
            self.end_request()
        dialogue.invalidate_recordset()
        self.assertFalse(dialogue.plan_id)
        with self.assertRaises(AccessError):
            self.env["doithoai.plan"].with_user(self.c_officer).create(
                {"name": "Kế hoạch lạ", "organization_id": self.commune_b.id})
            self.end_request()
        plan = self.env["doithoai.plan"].with_user(self.c_officer).create(
            {"name": "Kế hoạch xã", "organization_id": self.commune.id})
        self.end_request()
        with self.assertRaises(AccessError):
            plan.write({"organization_id": self.commune_b.id})
            self.end_request()
        plan.invalidate_recordset()
        self.assertEqual(plan.organization_id, self.commune)
        # the province works for its communes
        dialogue.with_user(self.officer).write({"organization_id": self.commune_b.id})
        self.end_request()
        self.assertEqual(dialogue.organization_id, self.commune_b)

    def test_assignment_dialogue_in_tree_agency_of_the_company(self):
        dialogue = self._dialogue(vn(2026, 10, 5), user=self.c_officer)
        # a commune leader may give an assignment to a province department
        assignment = self._assignment(dialogue, date(2026, 10, 20), user=self.c_leader)
        self.assertEqual(assignment.organization_id, self.agency)
        with self.assertRaises(AccessError):
            assignment.with_user(self.c_leader).write({"dialogue_id": self.other_dialogue.id})
            self.end_request()
        with self.assertRaises(AccessError):
            self._assignment(self.other_dialogue, date(2026, 10, 20), user=self.c_leader)
        assignment.invalidate_recordset()
        self.assertEqual(assignment.dialogue_id, dialogue)
        foreign = self.env["res.company"].create({"name": "Công ty khác"})
        foreign_org = self.env["doithoai.organization"].create(
            {"name": "Sở nơi khác", "kind": "department", "company_id": foreign.id})
        with self.assertRaises(AccessError):
            assignment.with_user(self.c_leader).write({"organization_id": foreign_org.id})
            self.end_request()
        assignment.invalidate_recordset()
        self.assertEqual(assignment.organization_id, self.agency)

    def test_answer_wizard_refuses_a_question_of_another_dialogue(self):
        first = self._dialogue(vn(2026, 12, 20), user=self.c_officer)
        second = self._dialogue(vn(2026, 12, 21), user=self.c_officer)
        stray = self._question(second, user=self.c_officer)
        wizard = self.env["doithoai.answer.wizard"].with_user(self.c_officer).create({
            "dialogue_id": first.id,
            "line_ids": [(0, 0, {"question_id": stray.id, "content": stray.content,
                                 "outcome": "answered", "answer": "Đã trả lời"})],
        })
        with self.assertRaises(UserError):
            wizard.action_confirm()
            self.end_request()
        stray.invalidate_recordset()
        self.assertFalse(stray.outcome)
        # another commune's dialogue: refused by the access check
        with self.assertRaises(AccessError):
            wizard = self.env["doithoai.answer.wizard"].with_user(self.c_officer).create(
                {"dialogue_id": self.other_dialogue.id})
            wizard.action_confirm()
            self.end_request()

    def test_merge_wizard_refuses_two_dialogues(self):
        first = self._dialogue(vn(2026, 12, 20), user=self.c_officer)
        second = self._dialogue(vn(2026, 12, 21), user=self.c_officer)
        questions = self._question(first, user=self.c_officer) | self._question(second, user=self.c_officer)
        wizard = self.env["doithoai.question.merge.wizard"].with_user(self.c_officer).with_context(
            active_model="doithoai.question", active_ids=questions.ids).create({})
        with self.assertRaises(UserError):
            wizard.action_merge()
            self.end_request()
        self.assertEqual(len(questions.exists().filtered("active")), 2)

    # ------------------------------------------------------------------
    # 2. confidential content is mailed to its own askers only
    # ------------------------------------------------------------------
    def test_confidential_result_mailed_only_to_its_asker(self):
        dialogue = self._dialogue(vn(2026, 10, 5))
        secret = self._question(dialogue, user=self.leader, confidential=True, content="Vụ việc kín?")
        public = self._question(dialogue, user=self.leader, content="Câu hỏi thường?",
                                asker_ids=[(6, 0, self.asker_b.ids)])
        assignment = self._assignment(dialogue, date(2026, 10, 20),
                                      question_ids=[(6, 0, (secret | public).ids)])
        self.assertTrue(assignment.confidential)
        assignment.with_user(self.leader).write({"result": "<p>KẾT QUẢ MẬT 42</p>"})
        assignment.with_user(self.leader).action_resolve()
        self.end_request()
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.assignment"), ("res_id", "=", assignment.id)])
        to_a = mails.filtered(lambda m: self.asker_a in m.recipient_ids)
        to_b = mails.filtered(lambda m: self.asker_b in m.recipient_ids)
        self.assertEqual((len(to_a), len(to_b)), (1, 1))
        self.assertNotIn(self.asker_b, to_a.recipient_ids)
        self.assertIn("KẾT QUẢ MẬT 42", str(to_a.body_html))
        self.assertNotIn("KẾT QUẢ MẬT 42", str(to_b.body_html))

    def test_confidential_extension_not_mailed_to_others(self):
        dialogue = self._dialogue(vn(2026, 10, 5))
        secret = self._question(dialogue, user=self.leader, confidential=True, content="Vụ việc kín?")
        public = self._question(dialogue, user=self.leader, content="Câu hỏi thường?",
                                asker_ids=[(6, 0, self.asker_b.ids)])
        assignment = self._assignment(dialogue, date(2026, 10, 20),
                                      question_ids=[(6, 0, (secret | public).ids)])
        assignment.with_user(self.leader).write({
            "extension_date": date(2027, 3, 31), "extension_reason": "LÝ DO MẬT 7",
            "extension_answer": "<p>TRẢ LỜI MẬT 9</p>"})
        self.end_request()
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.assignment"), ("res_id", "=", assignment.id)])
        to_a = mails.filtered(lambda m: self.asker_a in m.recipient_ids)
        to_b = mails.filtered(lambda m: self.asker_b in m.recipient_ids)
        self.assertIn("LÝ DO MẬT 7", str(to_a.body_html))
        self.assertIn("31 tháng 3 năm 2027", str(to_b.body_html))
        for secret_text in ("LÝ DO MẬT 7", "TRẢ LỜI MẬT 9"):
            self.assertNotIn(secret_text, str(to_b.body_html))

    # ------------------------------------------------------------------
    # 3. closed history is never recomputed
    # ------------------------------------------------------------------
    def test_moving_an_organization_keeps_closed_figures(self):
        self.env["doithoai.deadline.rule"].with_user(self.admin_user).create([
            {"kind": "resolution", "days": 1, "unit": "working", "organization_id": self.province_2.id},
            {"kind": "conclusion", "days": 1, "unit": "working", "organization_id": self.province_2.id},
        ])
        self.end_request()
        cancelled = self._dialogue(vn(2026, 9, 1))
        cancelled.with_user(self.officer).action_cancel()
        open_dialogue = self._dialogue(vn(2026, 9, 1))
        self.end_request()
        dialogue = self._dialogue(vn(2026, 9, 2))
        resolved = self._assignment(dialogue, date(2026, 9, 14))
        resolved.with_user(self.leader).write({"result": "<p>Xong</p>", "date_resolved": date(2026, 9, 24)})
        resolved.with_user(self.leader).action_resolve()
        pending = self._assignment(dialogue, date(2026, 9, 14))
        self.end_request()
        before = {"cancelled": cancelled.conclusion_deadline, "open": open_dialogue.conclusion_deadline,
                  "resolved": (resolved.deadline, resolved.date_due, resolved.is_on_time, resolved.days_late),
                  "pending": pending.deadline}
        self.assertTrue(resolved.is_on_time)
        self.commune.with_user(self.admin_user).write({"parent_id": self.province_2.id})
        self.end_request()
        self.env.invalidate_all()
        # read back as the system: the commune left the province of the users above
        cancelled, open_dialogue, resolved, pending = (
            r.with_env(self.env) for r in (cancelled, open_dialogue, resolved, pending))
        self.assertEqual(cancelled.conclusion_deadline, before["cancelled"])
        self.assertEqual((resolved.deadline, resolved.date_due, resolved.is_on_time, resolved.days_late),
                         before["resolved"])
        # open records do follow the new rules
        self.assertLess(open_dialogue.conclusion_deadline, before["open"])
        self.assertLess(pending.deadline, before["pending"])

    # ------------------------------------------------------------------
    # 4. metadata follows the organisation tree
    # ------------------------------------------------------------------
    def test_reminder_log_and_paper_register_follow_the_tree(self):
        mine = self._dialogue(vn(2026, 12, 20), user=self.c_officer)
        Log = self.env["doithoai.reminder.log"]
        keys = {("doithoai.dialogue", mine.id, "questions", date(2026, 12, 10)): self.commune.id,
                ("doithoai.dialogue", self.other_dialogue.id, "questions", date(2026, 9, 20)): self.commune_b.id}
        Log._claim(keys, keys)
        Number = self.env["doithoai.paper.number"]
        Number._register_number(self.commune, "minutes", mine, date(2026, 12, 20))
        Number._register_number(self.commune_b, "minutes", self.other_dialogue, date(2026, 10, 1))
        self.end_request()
        domain = [("res_id", "in", [mine.id, self.other_dialogue.id]), ("res_model", "=", "doithoai.dialogue")]
        self.assertEqual(Log.with_user(self.c_officer).search(domain).mapped("res_id"), [mine.id])
        self.assertEqual(Number.with_user(self.c_officer).search(domain).mapped("res_id"), [mine.id])
        self.assertEqual(len(Log.with_user(self.officer).search(domain)), 2)
        self.assertEqual(len(Number.with_user(self.viewer).search(domain)), 2)
        self.assertEqual(len(Log.with_user(self.admin_user).search(domain)), 2)
        with self.assertRaises(AccessError):
            Number.with_user(self.c_officer).browse(
                Number.search(domain).filtered(lambda n: n.res_id == self.other_dialogue.id).id).read(["name"])

    # ------------------------------------------------------------------
    # 5. one local-time rule
    # ------------------------------------------------------------------
    def test_local_time_helpers(self):
        late_evening_utc = datetime(2026, 11, 30, 18, 30)  # 1 December, 01:30 in Hanoi
        self.assertEqual(localtime.local_date(late_evening_utc), date(2026, 12, 1))
        self.assertEqual(localtime.local_date(late_evening_utc, "Europe/Paris"), date(2026, 11, 30))
        self.assertEqual(localtime.today(now=late_evening_utc), date(2026, 12, 1))
        self.assertEqual(localtime.utc_bounds(date(2026, 12, 1), date(2026, 12, 1)),
                         (datetime(2026, 11, 30, 17), datetime(2026, 12, 1, 17)))
        self.assertEqual(localtime.local_date(False), False)

    def test_same_session_same_deadlines_from_hanoi_or_paris(self):
        paris = self._user("Cán bộ ở Paris", "doithoai_guard_paris", "officer", self.province)
        paris.tz = "Europe/Paris"
        start = datetime(2026, 11, 30, 18, 30)  # 1 December in Hanoi, 30 November in Paris
        hanoi_dialogue = self._dialogue(start, user=self.officer)
        paris_dialogue = self.Dialogue.with_user(paris).with_context(tz="Europe/Paris").create({
            "name": "Đối thoại viết từ Paris", "organization_id": self.commune.id, "date_start": start})
        self.end_request()
        for name in self.Dialogue._deadline_fields():
            self.assertEqual(paris_dialogue[name], hanoi_dialogue[name], name)
        Org = self.env["doithoai.organization"]
        self.assertEqual(Org.with_user(paris).with_context(tz="Europe/Paris")._doithoai_today(),
                         Org.with_user(self.officer)._doithoai_today())
        self.assertEqual(paris_dialogue._local_date(start), date(2026, 12, 1))
