"""Pick-lists of a dialogue offer its host's tree, and a write outside it is refused:
a ValidationError when the choice does not fit the dialogue, an AccessError when the user
may not put the dialogue there at all."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DoithoaiCase, vn


@tagged("post_install", "-at_install")
class TestPickLists(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        cls.union = Org.create({"name": "Hội LHPN tỉnh Test", "kind": "union", "parent_id": cls.province.id})
        cls.elsewhere = Org.create({"name": "UBND tỉnh Khác", "kind": "government"})
        Plan = cls.env["doithoai.plan"].with_user(cls.officer)
        cls.union_plan = Plan.create({"name": "Kế hoạch của Hội", "organization_id": cls.union.id, "year": 2026})
        cls.province_plan = Plan.create({"name": "Kế hoạch của tỉnh", "organization_id": cls.province.id, "year": 2026})
        cls.end_request()
        cls.dialogue = cls._dialogue(vn(2026, 12, 20))

    def test_pick_lists_offer_the_host_tree(self):
        dialogue = self.dialogue.with_user(self.officer)
        self.assertIn(self.agency, dialogue.scope_organization_ids)
        self.assertIn(self.commune, dialogue.scope_organization_ids)
        self.assertNotIn(self.elsewhere, dialogue.scope_organization_ids)

    def test_invited_agency_of_another_company_refused(self):
        # the officer cannot even read it (multi-company rule): an AccessError, not a choice
        # that does not fit
        other = self.env["res.company"].create({"name": "Công ty khác"})
        foreign = self.env["doithoai.organization"].create(
            {"name": "UBND khác công ty", "kind": "government", "company_id": other.id})
        dialogue = self.dialogue.with_user(self.officer)
        dialogue.write({"invited_organization_ids": [(4, self.agency.id)]})
        self.end_request()
        with self.assertRaises(AccessError):
            dialogue.write({"invited_organization_ids": [(4, foreign.id)]})
            self.end_request()
        self.assertEqual(dialogue.invited_organization_ids, self.agency)
        self.assertNotIn(foreign, dialogue.scope_organization_ids)

    def test_peoples_committee_dialogue_refuses_union_plan(self):
        dialogue = self.dialogue.with_user(self.officer)
        with self.assertRaises(ValidationError):
            dialogue.write({"plan_id": self.union_plan.id})
            self.end_request()
        dialogue.write({"plan_id": self.province_plan.id})
        self.end_request()
        self.assertEqual(dialogue.plan_id, self.province_plan)

    def test_moving_outside_the_user_tree_is_an_access_error(self):
        with self.assertRaises(AccessError):
            self.dialogue.with_user(self.officer).write({"organization_id": self.elsewhere.id})
            self.end_request()

    def test_answer_wizard_prefills_who_answers(self):
        head = self.env["res.partner"].create({"name": "Giám đốc Sở Lao động Test"})
        self.agency.host_id = head
        self.commune.host_id = self.host
        self.end_request()
        dialogue = self._dialogue(vn(2026, 12, 21))
        self.assertEqual(dialogue.host_id, self.host)
        with_agency = self._question(dialogue)
        without = self._question(dialogue, "Câu hỏi không rõ cơ quan?", competent_organization_id=False)
        wizard = self.env["doithoai.answer.wizard"].with_user(self.officer).with_context(
            default_dialogue_id=dialogue.id).create({})
        by_question = {line.question_id: line.answered_by_id for line in wizard.line_ids}
        self.assertEqual(by_question[with_agency], head, "the competent agency's head")
        self.assertEqual(by_question[without], self.host, "else the dialogue's host")

    def test_assignment_responsible_offered_from_the_agency(self):
        # the domain of the assignment form's "Responsible": the agency's own staff
        Users = self.env["res.users"].with_user(self.leader)
        found = Users.search([("share", "=", False), ("doithoai_organization_ids", "child_of", self.agency.id)])
        self.assertIn(self.responder, found)
        self.assertNotIn(self.officer, found)
