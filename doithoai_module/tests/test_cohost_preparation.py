"""Issue 15: the Women's Union works on the dialogues it co-hosts or proposes, within its role;
preparation tasks per agency counted back from the session; prepared answers; delegates."""
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from .common import DoithoaiCase, vn


class TestCohostPreparation(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        cls.union = Org.create({"name": "Hội LHPN tỉnh Test", "kind": "union"})
        cls.union_commune = Org.create({"name": "Hội LHPN xã Test", "kind": "union", "parent_id": cls.union.id})
        cls.union_sibling = Org.create({"name": "Hội LHPN xã Khác", "kind": "union", "parent_id": cls.union.id})
        cls.union_officer = cls._user("Cán bộ Hội Test", "doithoai_test_union_officer", "officer", cls.union)
        cls.union_leader = cls._user("Lãnh đạo Hội Test", "doithoai_test_union_leader", "manager", cls.union)
        cls.commune_union_officer = cls._user(
            "Cán bộ Hội xã Test", "doithoai_test_union_commune", "officer", cls.union_commune)
        cls.sibling_union_officer = cls._user(
            "Cán bộ Hội xã Khác", "doithoai_test_union_sibling", "officer", cls.union_sibling)
        cls.responder_2 = cls._user("Sở Y tế xử lý", "doithoai_test_responder_2", "responder", cls.agency_2)
        cls.end_request()

    def _cohosted(self, cohost=None, start=None, **vals):
        return self._dialogue(start or vn(2027, 1, 4), organization=self.province,
                              cohost_organization_id=(cohost or self.union).id, **vals)

    # ------------------------------------------------------------------
    # Co-host and proposer rights
    # ------------------------------------------------------------------
    def test_union_officer_works_on_the_dialogue_it_cohosts(self):
        dialogue = self._cohosted()
        mine = dialogue.with_user(self.union_officer)
        self.assertEqual(mine.name, "Đối thoại với hội viên phụ nữ")
        mine.write({"venue": "Hội trường UBND tỉnh", "conclusions": "<p>Dự thảo thông báo kết luận</p>"})
        self.end_request()
        q1 = self._question(dialogue, "Hỗ trợ phụ nữ khởi nghiệp thế nào?", user=self.union_officer)
        q2 = self._question(dialogue, "Phụ nữ khởi nghiệp được hỗ trợ ra sao?", user=self.union_officer,
                            asker_ids=[(6, 0, self.asker_b.ids)])
        wizard = self.env["doithoai.question.merge.wizard"].with_user(self.union_officer).with_context(
            active_model="doithoai.question", active_ids=[q1.id, q2.id]).create({})
        wizard.target_id = q1
        wizard.action_merge()
        self.end_request()
        self.assertEqual(q1.asker_ids, self.asker_a | self.asker_b)
        self.assertEqual(q2.merged_into_id, q1)
        mine.action_submit()
        self.end_request()
        self.assertEqual(dialogue.state, "approval")
        self.assertIn(dialogue, self.Dialogue.with_user(self.union_officer).search([]))

    def test_union_leader_neither_approves_nor_concludes_nor_archives(self):
        dialogue = self._cohosted()
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        with self.assertRaises(UserError):
            dialogue.with_user(self.union_leader).action_approve()
        with self.assertRaises(UserError):
            dialogue.with_user(self.union_leader).write({"active": False})
        with self.assertRaises(AccessError):
            dialogue.with_user(self.union_leader).unlink()
        self.assertEqual(dialogue.state, "approval")
        dialogue.with_user(self.leader).action_approve()
        self.end_request()
        self.assertEqual(dialogue.state, "preparation")
        with self.assertRaises(UserError):
            dialogue.with_user(self.union_officer).action_cancel()
        wizard = self.env["doithoai.conclusion.wizard"].with_user(self.union_leader).create(
            {"dialogue_id": dialogue.id})
        with self.assertRaises(UserError):
            wizard.action_issue()
        # the host's papers take the host's numbers: the union does not issue them
        with self.assertRaises(AccessError):
            self.env["doithoai.paper.number"].with_user(self.union_leader)._issue_paper(dialogue, "invitation")
        self.assertFalse(self.env["doithoai.paper.number"].search([("res_id", "=", dialogue.id),
                                                                   ("res_model", "=", dialogue._name)]))

    def test_union_refused_on_a_dialogue_it_does_not_cohost(self):
        dialogue = self._dialogue(vn(2027, 1, 4), organization=self.province)
        with self.assertRaises(AccessError):
            dialogue.with_user(self.union_officer).read(["name"])
        with self.assertRaises(AccessError):
            self._question(dialogue, user=self.union_officer)
        with self.assertRaises(AccessError):
            dialogue.with_user(self.union_officer).write({"venue": "Hội trường khác"})
        self.assertNotIn(dialogue, self.Dialogue.with_user(self.union_officer).search([]))

    def test_parents_see_siblings_do_not(self):
        dialogue = self._cohosted(cohost=self.union_commune)
        self.assertIn(dialogue, self.Dialogue.with_user(self.commune_union_officer).search([]))
        self.assertIn(dialogue, self.Dialogue.with_user(self.union_officer).search([]))
        self.assertNotIn(dialogue, self.Dialogue.with_user(self.sibling_union_officer).search([]))
        with self.assertRaises(AccessError):
            dialogue.with_user(self.sibling_union_officer).write({"venue": "Xã khác"})

    def test_union_proposes_to_the_peoples_committee_but_does_not_move_it(self):
        dialogue = self.Dialogue.with_user(self.union_officer).create({
            "name": "Đề xuất đối thoại với phụ nữ", "organization_id": self.province.id,
            "proposer_organization_id": self.union.id, "date_start": vn(2027, 1, 4)})
        self.end_request()
        self.assertEqual(dialogue.partner_organization_ids, self.union)
        dialogue.action_submit()
        self.end_request()
        self.assertEqual(dialogue.state, "approval")
        with self.assertRaises(AccessError):
            dialogue.write({"organization_id": self.commune.id})
        with self.assertRaises(AccessError):
            dialogue.write({"proposer_organization_id": self.union_sibling.id})
        # nor does it make itself the host (then its own leader would approve)
        with self.assertRaises(AccessError):
            dialogue.write({"organization_id": self.union.id})
        self.assertEqual(dialogue.organization_id, self.province)
        # it files the dialogue under a plan of the host, never under a stranger's
        plan = self.env["doithoai.plan"].with_user(self.officer).create(
            {"name": "Kế hoạch đối thoại 2027", "organization_id": self.province.id})
        stranger = self.env["doithoai.plan"].create({"name": "Kế hoạch lạ", "organization_id": self.union_sibling.id})
        self.end_request()
        dialogue.write({"plan_id": plan.id})
        self.end_request()
        self.assertEqual(dialogue.plan_id, plan)
        with self.assertRaises(AccessError):
            self.Dialogue.with_user(self.commune_union_officer).create({
                "name": "Kế hoạch của xã khác", "organization_id": self.province.id, "plan_id": stranger.id,
                "cohost_organization_id": self.union_commune.id, "date_start": vn(2027, 1, 4)})
        # without naming its own union it cannot create a dialogue of the People's Committee
        with self.assertRaises(AccessError):
            self.Dialogue.with_user(self.union_officer).create({
                "name": "Không đề xuất", "organization_id": self.province.id, "date_start": vn(2027, 1, 4)})

    # ------------------------------------------------------------------
    # Preparation tasks
    # ------------------------------------------------------------------
    def test_tasks_counted_back_in_working_days_and_seen_by_their_agency_only(self):
        dialogue = self._cohosted()  # Monday 4 January 2027; 1 January 2027 is a public holiday
        Task = self.env["doithoai.preparation.task"]
        task = Task.with_user(self.union_officer).create({
            "dialogue_id": dialogue.id, "organization_id": self.agency.id, "name": "Danh sách đại biểu",
            "kind": "delegates", "days_before": 5})
        other = Task.with_user(self.union_officer).create({
            "dialogue_id": dialogue.id, "organization_id": self.agency_2.id, "name": "Hội trường",
            "kind": "hall", "days_before": 0})
        self.end_request()
        self.assertEqual(task.date_due, date(2026, 12, 25))
        self.assertEqual(other.date_due, date(2027, 1, 4))
        self._holiday("Nghỉ bù thử", date(2026, 12, 30))
        self.assertEqual(task.date_due, date(2026, 12, 24))
        # the agency sees its own task only, and records its progress
        self.assertEqual(Task.with_user(self.responder).search([("dialogue_id", "=", dialogue.id)]), task)
        self.assertEqual(Task.with_user(self.responder_2).search([("dialogue_id", "=", dialogue.id)]), other)
        with self.assertRaises(AccessError):
            other.with_user(self.responder).read(["name"])
        with self.assertRaises(AccessError):
            task.with_user(self.responder).write({"days_before": 1})
        with self.assertRaises(AccessError):
            Task.with_user(self.responder).create({
                "dialogue_id": dialogue.id, "organization_id": self.agency.id, "name": "Tự giao"})
        # its form opens without reading the dialogue itself (only its name, through the task)
        form = task.with_user(self.responder).web_read({
            "dialogue_name": {}, "date_due": {}, "dialogue_id": {"fields": {"display_name": {}}}})
        self.assertEqual(form[0]["dialogue_name"], dialogue.name)
        task.with_user(self.responder).action_done()
        self.end_request()
        self.assertEqual(task.state, "done")
        self.assertEqual(dialogue.preparation_open_count, 1)
        # a union that does not co-host cannot plan tasks there
        with self.assertRaises(AccessError):
            Task.with_user(self.sibling_union_officer).create({
                "dialogue_id": dialogue.id, "organization_id": self.agency.id, "name": "Lạ"})

    def test_preparation_reminder_once(self):
        dialogue = self._cohosted(start=vn(2026, 12, 7))  # Monday 7 December 2026
        task = self.env["doithoai.preparation.task"].with_user(self.union_officer).create({
            "dialogue_id": dialogue.id, "organization_id": self.agency.id, "name": "In tài liệu",
            "days_before": 2, "user_id": self.responder.id})
        self.end_request()
        self.assertEqual(task.date_due, date(2026, 12, 3))
        Log = self.env["doithoai.reminder.log"]
        Mail = self.env["mail.mail"]
        before = Mail.search([("model", "=", task._name), ("res_id", "=", task.id)])
        cron = self.env.ref("doithoai_module.ir_cron_reminder_preparation_deadlines")
        with freeze_time("2026-12-01 01:00:00"):  # Tuesday, 8:00 in Hanoi
            for _run in range(2):  # the scheduler's way (progress API); the second run sends nothing
                with self.enter_registry_test_mode():
                    cron.method_direct_trigger()
                self.env.invalidate_all()
        logs = Log.search([("res_model", "=", task._name), ("res_id", "=", task.id)])
        self.assertEqual(logs.mapped("kind"), ["preparation_due_soon"])
        mails = Mail.search([("model", "=", task._name), ("res_id", "=", task.id)]) - before
        self.assertEqual(len(mails), 1)
        self.assertIn(self.responder.partner_id, mails.recipient_ids)

    # ------------------------------------------------------------------
    # Prepared answers and delegates
    # ------------------------------------------------------------------
    def test_prepared_answer_reaches_the_answer_wizard(self):
        dialogue = self._cohosted()
        question = self._question(dialogue, user=self.union_officer)
        question.with_user(self.union_officer).action_forward()
        self.end_request()
        answer = question.prepared_answer_ids
        self.assertEqual(answer.organization_id, self.agency)
        self.assertEqual(answer.date_due, date(2026, 12, 29))  # 3 working days before, 1/1 a holiday
        mine = self.env["doithoai.prepared.answer"].with_user(self.responder).search([])
        self.assertEqual(mine, answer)
        self.assertFalse(self.env["doithoai.prepared.answer"].with_user(self.responder_2).search([]))
        with self.assertRaises(AccessError):
            answer.with_user(self.responder).write({"organization_id": self.agency_2.id})
        answer.with_user(self.responder).write({"content": "Sở sẽ trình chính sách hỗ trợ trong quý I."})
        answer.with_user(self.responder).action_submit()
        self.end_request()
        self.assertEqual(answer.state, "submitted")
        with self.assertRaises(UserError):
            answer.with_user(self.responder).write({"content": "Sửa sau khi nộp"})
        wizard = self.env["doithoai.answer.wizard"].with_user(self.union_officer).with_context(
            default_dialogue_id=dialogue.id).create({})
        self.assertEqual(wizard.line_ids.answer, "Sở sẽ trình chính sách hỗ trợ trong quý I.")

    def test_delegates_and_attendance_figures(self):
        dialogue = self._cohosted()
        women = self.env.ref("doithoai_module.participant_women")
        cadres = self.env.ref("doithoai_module.participant_cadres")
        Quota = self.env["doithoai.delegate.quota"].with_user(self.union_officer)
        Quota.create([
            {"dialogue_id": dialogue.id, "participant_group_id": women.id, "organization_id": self.union_commune.id,
             "quota": 250, "summoned": 250, "attended": 246},
            {"dialogue_id": dialogue.id, "participant_group_id": cadres.id, "organization_id": self.agency.id,
             "quota": 50, "summoned": 50, "attended": 50},
        ])
        self.end_request()
        self.assertEqual((dialogue.delegate_quota_total, dialogue.delegate_attended_total), (300, 296))
        # the papers (minutes, yearly report) print the dialogue's attendance: the quotas' totals
        self.assertEqual((dialogue.expected_attendance, dialogue.actual_attendance), (300, 296))
        figures = dialogue._doithoai_attendance_figures()
        self.assertEqual((figures["planned"], figures["attended"]), (300, 296))
        with self.assertRaises(AccessError):
            self.env["doithoai.delegate.quota"].with_user(self.sibling_union_officer).create(
                {"dialogue_id": dialogue.id, "participant_group_id": women.id, "quota": 1})

    # ------------------------------------------------------------------
    # Gifts, budget, richer dialogue data
    # ------------------------------------------------------------------
    def test_gifts_budget_and_area(self):
        dialogue = self._cohosted()
        mine = dialogue.with_user(self.union_officer)
        mine.write({
            "theme": "Phát huy vai trò của phụ nữ",
            "dialogue_form": "representatives",
            "budget_line_ids": [(0, 0, {"name": "Hội trường", "source": "union", "amount": 18500000,
                                        "amount_actual": 18000000,
                                        "fund_reference": "Quyết định số 3100/QĐ-UBND ngày 12/12/2022"})],
            "gift_ids": [(0, 0, {"beneficiary": "Nguyễn Thị Hoa", "category": "policy_household",
                                 "selected_by_id": self.agency.id, "fund": "Quỹ Đền ơn đáp nghĩa",
                                 "amount": 1000000})],
            "budget_appraiser_id": self.agency_2.id,
        })
        self.end_request()
        self.assertEqual((dialogue.budget_total, dialogue.budget_actual_total), (18500000, 18000000))
        # the budget per organisation and year (Reporting → Budget), as the host's officer reads it
        groups = self.env["doithoai.budget.line"].with_user(self.officer)._read_group(
            [("dialogue_id", "=", dialogue.id)], ["organization_id", "year"], ["amount:sum", "amount_actual:sum"])
        self.assertEqual(groups, [(self.province, 2027, 18500000, 18000000)])
        self.assertEqual(len(dialogue.gift_ids), 1)
        dialogue.gift_ids.with_user(self.union_officer).delivered = True
        self.end_request()
        with self.assertRaises(AccessError):
            self.env["doithoai.gift"].with_user(self.sibling_union_officer).create(
                {"dialogue_id": dialogue.id, "beneficiary": "Người lạ"})
        # the area is under the host, never a sibling or the host's own parent
        dialogue.with_user(self.officer).write({"area_id": self.commune.id})
        self.end_request()
        with self.assertRaises(ValidationError):
            dialogue.with_user(self.officer).write({"area_id": self.union.id})
        question = self._question(dialogue)
        question.with_user(self.officer).write({"outcome": "referred"})
        self.end_request()
        self.assertEqual(question.outcome, "referred")

    def test_union_issues_its_proposal_in_its_own_register(self):
        """The proposal (tờ trình) is the union's paper: its staff issue it, numbered in the
        union's register; the host's staff do not, nor does a sibling union."""
        dialogue = self.Dialogue.with_user(self.union_officer).create({
            "name": "Đề xuất đối thoại với phụ nữ", "organization_id": self.province.id,
            "proposer_organization_id": self.union.id, "date_start": vn(2027, 1, 4)})
        self.end_request()
        Register = self.env["doithoai.paper.number"]
        with self.assertRaises(AccessError):
            Register.with_user(self.sibling_union_officer)._issue_paper(dialogue, "proposal")
        with self.assertRaises(AccessError):
            Register.with_user(self.officer)._issue_paper(dialogue, "proposal")
        self.env.invalidate_all()
        entry = Register.with_user(self.union_officer)._issue_paper(dialogue, "proposal")
        self.end_request()
        self.assertEqual(entry.organization_id, self.union)
        self.assertTrue(entry.name.startswith("01/TTr-"), entry.name)
        html = self.env["ir.actions.report"].with_user(self.union_officer)._render_qweb_html(
            "doithoai_module.action_report_proposal", dialogue.ids)[0].decode()
        self.assertIn("TỜ TRÌNH", html)
        self.assertIn(f"Kính gửi: {self.province._paper_name()}", html)
        self.assertIn(entry.name, html)
        self.assertNotIn("DỰ THẢO", html)
