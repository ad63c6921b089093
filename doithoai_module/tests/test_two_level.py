"""Two-level government (issue 16): an abolished unit keeps its history, readable under its
successor; it is asked for no yearly dialogue from the year of its abolition on."""
from datetime import date

from odoo.exceptions import AccessError, ValidationError

from .common import DoithoaiCase, vn


class TestTwoLevel(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        commune_level = cls.env.ref("doithoai_module.level_commune").id
        # commune_old is merged into cls.commune; commune_b is their sibling
        cls.commune_old = Org.create({"name": "UBND xã Cũ", "kind": "government", "parent_id": cls.province.id,
                                      "level_id": commune_level, "date_start": date(2001, 1, 1)})
        cls.commune_b = Org.create({"name": "UBND xã Bên cạnh", "kind": "government",
                                    "parent_id": cls.province.id, "level_id": commune_level})
        cls.c_officer = cls._user("Cán bộ xã mới", "doithoai_2l_c_officer", "officer", cls.commune)
        cls.c_leader = cls._user("Lãnh đạo xã mới", "doithoai_2l_c_leader", "manager", cls.commune)
        cls.b_officer = cls._user("Cán bộ xã bên", "doithoai_2l_b_officer", "officer", cls.commune_b)
        # the old commune's dialogue of 2025, held, with a question and an assignment (by the system)
        cls.old_dialogue = cls.Dialogue.create({
            "name": "Đối thoại xã Cũ 2025", "organization_id": cls.commune_old.id, "date_start": vn(2025, 4, 10)})
        cls.old_question = cls.Question.create({
            "dialogue_id": cls.old_dialogue.id, "content": "Đường liên thôn xuống cấp?",
            "field_id": cls.field_social.id})
        cls.old_assignment = cls.Assignment.create({
            "name": "Sửa đường liên thôn", "dialogue_id": cls.old_dialogue.id,
            "organization_id": cls.agency.id, "notice_date": date(2025, 4, 15)})
        cls.end_request()

    def _abolish(self, org, day, successor, user=None):
        wizard = self.env["doithoai.organization.abolish.wizard"].with_user(user or self.leader).create({
            "organization_id": org.id, "date_end": day, "successor_id": successor.id})
        wizard.action_abolish()
        self.end_request()

    def test_successor_reads_predecessor_history(self):
        Dialogue = self.Dialogue.with_user(self.c_officer)
        with self.assertRaises(AccessError):
            Dialogue.browse(self.old_dialogue.id).read(["name"])
        self._abolish(self.commune_old, date(2025, 7, 1), self.commune)
        self.assertEqual(self.commune_old.successor_id, self.commune)
        self.assertEqual(self.commune.predecessor_ids, self.commune_old)
        self.assertTrue(self.commune_old.active, "an abolished unit is not archived")
        for user in (self.c_officer, self.c_leader):
            self.assertEqual(self.Dialogue.with_user(user).search([("organization_id", "=", self.commune_old.id)]),
                             self.old_dialogue)
            self.assertEqual(self.Question.with_user(user).browse(self.old_question.id).content,
                             "Đường liên thôn xuống cấp?")
            self.assertEqual(self.Assignment.with_user(user).browse(self.old_assignment.id).name,
                             "Sửa đường liên thôn")
        # the successor carries on the open work of the predecessor
        self.old_assignment.with_user(self.c_leader).write({"name": "Sửa đường liên thôn (xã mới tiếp nhận)"})
        self.end_request()
        # a sibling of the successor still reads nothing of it
        for record in (self.old_dialogue, self.old_question, self.old_assignment):
            with self.assertRaises(AccessError):
                record.with_user(self.b_officer).read(["display_name"])
        # predecessors of predecessors: merged again, the next successor reads both
        commune_new = self.env["doithoai.organization"].create({
            "name": "UBND xã Hợp nhất", "kind": "government", "parent_id": self.province.id,
            "date_start": date(2026, 1, 1)})
        n_officer = self._user("Cán bộ xã hợp nhất", "doithoai_2l_n_officer", "officer", commune_new)
        self._abolish(self.commune, date(2026, 1, 1), commune_new)
        self.assertEqual(self.Dialogue.with_user(n_officer).browse(self.old_dialogue.id).name, "Đối thoại xã Cũ 2025")

    def test_abolish_checks(self):
        Wizard = self.env["doithoai.organization.abolish.wizard"]
        # an officer does not abolish units; a commune's leader abolishes none outside its tree
        with self.assertRaises(AccessError):
            Wizard.with_user(self.c_officer).create({
                "organization_id": self.commune_old.id, "date_end": date(2025, 7, 1),
                "successor_id": self.commune.id})
        with self.assertRaises(AccessError):
            self._abolish(self.commune_old, date(2025, 7, 1), self.commune, user=self.c_leader)
        with self.assertRaisesRegex(ValidationError, "its own successor"):
            self._abolish(self.commune_old, date(2025, 7, 1), self.commune_old)
        with self.assertRaisesRegex(ValidationError, "before it was established"):
            self._abolish(self.commune_old, date(2000, 7, 1), self.commune)
        self.commune.date_start = date(2026, 1, 1)
        with self.assertRaisesRegex(ValidationError, "does not exist on"):
            self._abolish(self.commune_old, date(2025, 7, 1), self.commune)
        self.commune.date_start = False
        self._abolish(self.commune_old, date(2025, 7, 1), self.commune)
        with self.assertRaisesRegex(ValidationError, "round in a circle"):
            self.commune.write({"date_end": date(2025, 7, 1), "successor_id": self.commune_old.id})
            self.end_request()
        with self.assertRaisesRegex(ValidationError, "no abolition date"):
            self.commune_b.write({"successor_id": self.commune.id})
            self.end_request()
        # the abolished unit hosts nothing from its abolition on
        with self.assertRaisesRegex(ValidationError, "was abolished on 01/07/2025"):
            self._dialogue(vn(2025, 9, 10), organization=self.commune_old, user=self.officer)

    def test_abolished_filters_and_obligation(self):
        self._abolish(self.commune_old, date(2025, 7, 1), self.commune)
        Org = self.env["doithoai.organization"].with_user(self.leader)
        self.assertIn(self.commune_old, Org.search([("is_abolished", "=", True)]))
        current = Org.search([("is_abolished", "=", False)])
        self.assertIn(self.commune, current)
        self.assertNotIn(self.commune_old, current)
        # the dashboard of this year: not required (the commune still is)
        old, new = Org.browse([self.commune_old.id, self.commune.id])
        self.assertEqual((old.year_required, old.year_obligation), (0, "none"))
        self.assertEqual((new.year_required, new.year_obligation), (1, "missing"))
        # the year of abolition: not obliged either (not existing at its end); held dialogues
        # still count in its figures
        stats = (old | new)._doithoai_statistics(date(2025, 1, 1), date(2025, 12, 31))
        self.assertEqual(stats[old.id]["required"], 0)
        self.assertEqual(stats[new.id]["required"], 1)
        stats_2024 = old._doithoai_statistics(date(2024, 1, 1), date(2024, 12, 31))
        self.assertEqual(stats_2024[old.id]["required"], 1)
        # the province's yearly report of 2025 counts the commune, not the abolished one
        report = self.env["report.doithoai_module.report_yearly"].with_user(self.leader)
        paper = report._papers(self.province.with_user(self.leader), {"year": 2025})[0]
        self.assertIn(self.commune, paper["obliged"])
        self.assertNotIn(self.commune_old, paper["obliged"])

    def test_forms_show_successor_and_predecessors(self):
        self._abolish(self.commune_old, date(2025, 7, 1), self.commune)
        action = self.commune.with_user(self.c_leader).action_view_predecessors()
        self.assertEqual(self.env["doithoai.organization"].with_user(self.c_leader).search(action["domain"]),
                         self.commune_old)
        self.assertEqual(self.commune.predecessor_count, 1)
        self.assertEqual(self.commune_old.with_user(self.c_leader).action_view_successor()["res_id"], self.commune.id)
        self.assertEqual(self.commune_old._doithoai_current_unit(date(2026, 1, 1)), self.commune)
        self.assertEqual(self.commune_old._doithoai_current_unit(date(2025, 6, 30)), self.commune_old)
