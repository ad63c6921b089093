"""Each role's own job, as that user, ended the way a request ends (tracking runs)."""
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn, vn_day_bounds


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestUserJobs(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, group, orgs):
            return Users.create({
                "name": login, "login": login, "email": f"{login}@example.invalid",
                "tz": "Asia/Ho_Chi_Minh",
                "group_ids": [Command.set([cls.env.ref(f"doithoai_module.{group}").id])],
                "doithoai_organization_ids": [Command.set(orgs.ids)],
            })
        cls.responder = user("jobs_responder", "group_doithoai_responder", cls.agency)
        cls.commune_leader = user("jobs_commune_leader", "group_doithoai_manager", cls.commune)
        cls.module_admin = user("jobs_module_admin", "group_doithoai_admin", cls.province)
        cls.asker_a.email = "an@example.invalid"

    def end_request(self):
        self.env.flush_all()
        self.env.cr.flush()

    def _activities(self, record, xmlid):
        return self.env["mail.activity"].search([
            ("res_model", "=", record._name), ("res_id", "=", record.id),
            ("activity_type_id", "=", self.env.ref(xmlid).id)])

    def _concluded_assignment(self):
        dialogue = self._hold(self._dialogue(vn(2026, 11, 2), organization=self.commune))
        question = self._question(dialogue, outcome="deferred")
        assignment = self._assignment(dialogue, date(2026, 11, 5), question_ids=[Command.set(question.ids)])
        self.end_request()
        return assignment, question

    def test_submit_gives_the_leader_a_todo_and_approval_closes_it(self):
        dialogue = self.Dialogue.with_user(self.officer).create({
            "name": "Đối thoại 2027", "organization_id": self.commune.id, "date_start": vn(2027, 3, 10)})
        dialogue.action_submit()
        self.end_request()
        todo = self._activities(dialogue, "doithoai_module.mail_activity_type_approval")
        # the commune's own leader, not the province's nor the module's administrator
        self.assertEqual(todo.user_id, self.commune_leader)
        dialogue.with_user(self.commune_leader).action_approve()
        self.end_request()
        self.assertEqual(dialogue.state, "preparation")
        self.assertEqual(dialogue.approved_by_id, self.commune_leader)
        self.assertFalse(self._activities(dialogue, "doithoai_module.mail_activity_type_approval"))

    def test_responder_writes_result_and_resolves(self):
        assignment, question = self._concluded_assignment()
        mine = assignment.with_user(self.responder)
        mine.write({"result": "<p>Đã bố trí <b>kinh phí</b> hỗ trợ.</p>"})
        self.end_request()  # Html tracking used to fail here, at commit
        mine.action_resolve()
        self.end_request()
        self.assertEqual(assignment.state, "done")
        self.assertEqual(assignment.date_resolved, date(2026, 11, 22))
        self.assertEqual(question.state, "resolved")
        self.assertIn("kinh phí", assignment.message_ids[:3].mapped("body")[0] + "".join(
            assignment.message_ids.mapped("body")))
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.assignment"), ("res_id", "=", assignment.id)])
        self.assertEqual(mails.recipient_ids, self.asker_a)
        with self.assertRaises(AccessError):  # the agency still cannot edit the question itself
            question.with_user(self.responder).write({"content": "khác"})

    def test_extension_request_goes_to_host_leader_and_prefills_grant(self):
        assignment, _question = self._concluded_assignment()
        action = assignment.with_user(self.responder).action_request_extension()
        Wizard = self.env[action["res_model"]].with_user(self.responder).with_context(action["context"])
        with self.assertRaises(ValidationError):
            Wizard.create({"date_proposed": assignment.date_due + timedelta(days=30), "reason": "  "}).action_request()
        wanted = assignment.date_due + timedelta(days=30)
        Wizard.create({"date_proposed": wanted, "reason": "Chờ kết quả thanh tra"}).action_request()
        self.end_request()
        todo = self._activities(assignment, "doithoai_module.mail_activity_type_extension_request")
        self.assertEqual(todo.user_id, self.commune_leader, "a leader of the host, not the dialogue's officer")
        grant = Form(self.env["doithoai.extension.wizard"].with_user(self.commune_leader).with_context(
            default_assignment_id=assignment.id))
        self.assertEqual(grant.extension_date, wanted)
        self.assertEqual(grant.extension_reason, "Chờ kết quả thanh tra")
        grant.extension_answer = "<p>Sẽ trả lời trước ngày gia hạn.</p>"
        grant.save().action_extend()
        self.end_request()
        self.assertEqual(assignment.state, "extended")
        self.assertEqual(assignment.extension_date, wanted)
        self.assertFalse(self._activities(assignment, "doithoai_module.mail_activity_type_extension_request"))

    def test_module_administrator_adds_a_public_holiday(self):
        open_one, _q = self._concluded_assignment()
        closed, _q2 = self._concluded_assignment()
        closed.with_user(self.responder).write({"result": "<p>Xong</p>"})
        closed.with_user(self.responder).action_resolve()
        self.end_request()
        before_open, before_closed = open_one.deadline, closed.deadline
        start, end = vn_day_bounds(date(2026, 12, 15))  # a Tuesday inside both windows
        self.env["resource.calendar.leaves"].with_user(self.module_admin).create({
            "name": "Nghỉ bù", "calendar_id": self.calendar.id, "date_from": start, "date_to": end})
        self.end_request()
        self.assertGreater(open_one.deadline, before_open)
        self.assertEqual(closed.deadline, before_closed, "a resolved assignment keeps its figures")

    def test_officer_creates_a_new_asker_on_the_fly(self):
        dialogue = self._dialogue(vn(2026, 12, 20))
        form = Form(self.Question.with_user(self.officer).with_context(default_dialogue_id=dialogue.id))
        form.content = "Xin hỏi về nước sạch thôn 3?"
        asker = self.env["res.partner"].with_user(self.officer).with_context(
            default_doithoai_asker=True, default_is_company=False).name_create("Phạm Thị Mới")[0]
        form.asker_ids.add(self.env["res.partner"].browse(asker))
        question = form.save()
        self.end_request()
        partner = question.asker_ids
        self.assertTrue(partner.doithoai_asker)
        self.assertFalse(partner.is_company)
        domain = self.Question._fields["asker_ids"].domain
        offered = self.env["res.partner"].with_user(self.officer).search(domain)
        self.assertIn(partner, offered)
        self.assertFalse(offered.filtered("is_company"), "companies are never offered as askers")

    def test_next_deadline_takes_the_earliest_pending_step(self):
        dialogue = self._approve(self._dialogue(vn(2026, 12, 30)))
        self.end_request()
        self.assertEqual(dialogue.next_deadline, dialogue.questions_deadline)
        self.assertLess(dialogue.questions_deadline, dialogue.invitation_deadline)
        dialogue.with_user(self.officer).action_questions_sent()
        self.end_request()
        self.assertEqual(dialogue.next_deadline, dialogue.announcement_deadline)
        dialogue.with_user(self.officer).action_mark_invited()
        self.end_request()
        self.assertEqual(dialogue.next_deadline, dialogue.announcement_deadline,
                         "the radio announcement is still due once invitations are out")
        dialogue.with_user(self.officer).action_announced()
        self.end_request()
        self.assertEqual(dialogue.next_deadline, dialogue.conclusion_deadline)
