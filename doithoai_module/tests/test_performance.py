"""Query counts that must not grow with the number of records.

Performance tests only: their bulk set-up may skip the chatter (mail_create_nolog,
tracking_disable...) to stay fast; what they measure runs as the user of the role and
ends as a request ends, tracking included."""
from datetime import date, timedelta

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn

# What a question card of the kanban reads, as the web client asks it (web_search_read
# with a specification: many2one as display_name, tags with their colour, activities).
KANBAN_SPEC = {
    "name": {},
    "stage_id": {"fields": {"display_name": {}}},
    "field_id": {"fields": {"display_name": {}}},
    "asker_ids": {"fields": {"display_name": {}, "color": {}}},
    "competent_organization_id": {"fields": {"display_name": {}}},
    "dialogue_id": {"fields": {"display_name": {}}},
    "outcome": {},
    "confidential": {},
    "priority": {},
    "color": {},
    "register_to_speak": {},
    "assignment_count": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_id": {"fields": {"display_name": {}}},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
}

# Measured once (see the module's test conventions): a kanban page of questions costs
# this many queries, whatever the number of cards on it. 23 since the co-host (partner)
# rules and recommendations: the assignment count reads assignments through their rules.
KANBAN_QUERIES = 23


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestQuestionKanbanQueries(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        fields = cls.env["doithoai.field"].search([])
        orgs = cls.agency | cls.agency_2
        cls.dialogues = {}
        for key, start, count in (("warm", vn(2026, 12, 1), 5), ("80", vn(2026, 12, 2), 80),
                                  ("160", vn(2026, 12, 3), 160)):
            dialogue = cls._dialogue(start, name=f"Đối thoại {key}")
            askers = Partner.create([{"name": f"Người hỏi {key}-{i}"} for i in range(count)])
            questions = cls.Question.create([{
                "dialogue_id": dialogue.id,
                "content": f"Câu hỏi số {i} về an sinh xã hội cho phụ nữ và trẻ em?",
                "asker_ids": [Command.set((askers[i] | askers[(i + 1) % count]).ids)],
                "field_id": fields[i % len(fields)].id,
                "competent_organization_id": orgs[i % 2].id,
                "confidential": i % 10 == 0,
                "priority": "1" if i % 7 == 0 else "0",
                "outcome": "answered" if i % 3 == 0 else False,
                "answer": "Đã trả lời" if i % 3 == 0 else False,
            } for i in range(count)])
            for question in questions[::4]:
                question.activity_schedule("mail.mail_activity_data_todo", date_deadline=date(2026, 11, 20),
                                           user_id=cls.leader.id, summary="Chuyển cơ quan")
            cls.dialogues[key] = dialogue
        cls.end_request()

    def _read_page(self, key, limit):
        Question = self.env(user=self.leader)["doithoai.question"]
        return Question.web_search_read(
            [("dialogue_id", "=", self.dialogues[key].id)], KANBAN_SPEC, limit=limit,
            order="speaking_order, sequence, id")

    def test_kanban_page_query_count(self):
        # what the set-up left to do at commit (bus notifications, caches to clear) is done...
        self.end_request()
        # ...and a first page load fills the registry caches (access rules, translations)
        self.env.invalidate_all()
        self._read_page("warm", 80)
        counts = {}
        for key, limit in (("80", 80), ("160", 160)):
            self.env.invalidate_all()  # a new request: nothing of the records is in memory
            with self.assertQueryCount(KANBAN_QUERIES):
                before = self.cr.sql_log_count
                result = self._read_page(key, limit)
                counts[key] = self.cr.sql_log_count - before
            self.assertEqual(len(result["records"]), limit)
            self.assertEqual(result["length"], limit)
            card = result["records"][0]
            self.assertEqual(len(card["asker_ids"]), 2)
            self.assertTrue(card["stage_id"]["display_name"])
            self.assertEqual(card["activity_state"], "overdue")
            self.assertEqual(card["competent_organization_id"]["display_name"], "Sở Lao động Test")
        self.assertEqual(counts["80"], counts["160"], "160 cards cost exactly the queries of 80 cards")


@tagged("post_install", "-at_install")
class TestDeadlineBatch(DoithoaiCase):
    """Deadlines of 10 000 dialogues are computed with a handful of queries, not one per record."""

    N = 10000

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["doithoai.deadline.rule"].create({
            "kind": "conclusion", "days": 12, "unit": "working", "organization_id": cls.agency_2.id})
        orgs = [cls.commune, cls.agency, cls.agency_2, cls.province]
        first = vn(2025, 6, 2, 8)  # Monday 2 June 2025
        # performance set-up only: 10 000 dialogues without chatter
        Dialogue = cls.Dialogue.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True)
        before = cls.cr.sql_log_count
        cls.dialogues = Dialogue.create([{
            "name": f"Đối thoại {i}",
            "organization_id": orgs[i % len(orgs)].id,
            "date_start": first + timedelta(days=i % 730),
        } for i in range(cls.N)])
        cls.env.flush_all()
        cls.create_queries = cls.cr.sql_log_count - before

    def _compute_queries(self, dialogues):
        """Queries of one call of the deadline compute on these dialogues, as the ORM makes it."""
        fields = [self.Dialogue._fields[fname] for fname in self.Dialogue._deadline_fields()]
        self.env.invalidate_all()
        dialogues.mapped("date_start"), dialogues.mapped("organization_id")  # rows already read
        with self.env.protecting(fields, dialogues):
            before = self.cr.sql_log_count
            dialogues._compute_deadlines()
            return self.cr.sql_log_count - before

    def test_batch_creation_is_fast(self):
        """Counted in queries, not seconds (a busy machine makes any timing flaky)."""
        self.assertEqual(len(self.dialogues), self.N)
        self.assertLess(self.create_queries, 500, "10 000 dialogues are created in a few queries per batch")

    def test_deadlines_of_10000_dialogues(self):
        few = self._compute_queries(self.dialogues[:8])
        many = self._compute_queries(self.dialogues)
        self.assertLessEqual(many, 10, "a few queries: rules, calendars, holidays, make-up days")
        # one more or less depending on what the prefetch already holds (the default calendar)
        self.assertLessEqual(abs(many - few), 1, "the query count does not depend on the number of dialogues")

    def test_recompute_after_holiday_of_10000_dialogues(self):
        """A holiday added in the middle of the period: the ORM recomputes every open dialogue
        around it (in batches of 1 000), a few queries per batch, not one per dialogue.
        Measured over the administrator's whole request, tracking of the moved deadlines included."""
        self.end_request()
        fnames = self.Dialogue._deadline_fields()
        old = {d.id: [d[f] for f in fnames] for d in self.dialogues}
        before = self.cr.sql_log_count
        self._holiday("Ngày nghỉ thử", date(2026, 3, 11))  # as the administrator, up to the commit
        queries = self.cr.sql_log_count - before
        moved = sum(1 for d in self.dialogues if [d[f] for f in fnames] != old[d.id])
        self.assertGreater(moved, 50)
        # Recomputing is a few queries per batch of 1 000; what grows with the records is the
        # chatter line Odoo's tracking writes on each dialogue whose deadline really moved.
        self.assertLess(queries, 100 + 5 * moved, f"{moved} dialogues moved")
        by_name = {d.name: d for d in self.dialogues}
        # Tuesday 10 March 2026 (i = 1011, the province): 11 March is now off -> Wednesday 25 March
        self.assertEqual(by_name["Đối thoại 1011"].conclusion_deadline, date(2026, 3, 25))

    def test_batch_values_are_right(self):
        self._compute_queries(self.dialogues)
        by_name = {d.name: d for d in self.dialogues}
        # i = 256: Monday 2 June 2025 + 256 days = Friday 13 February 2026, the commune (default rules)
        friday = by_name["Đối thoại 256"]
        self.assertEqual(friday.organization_id, self.commune)
        self.assertEqual(friday._local_date(friday.date_start), date(2026, 2, 13))
        self.assertEqual(friday.conclusion_deadline, date(2026, 3, 6))
        self.assertEqual(friday.invitation_deadline, date(2026, 2, 10))
        # i = 282: Wednesday 11 March 2026, agency_2 and its own 12-working-day rule:
        # 12-13 (2), 16-20 (7), 23-27 (12) -> Friday 27 March
        wednesday = by_name["Đối thoại 282"]
        self.assertEqual(wednesday.organization_id, self.agency_2)
        self.assertEqual(wednesday.conclusion_deadline, date(2026, 3, 27))
        # Tuesday 10 (1), Monday 9 (2), Friday 6 (3)
        self.assertEqual(wednesday.invitation_deadline, date(2026, 3, 6))
        # i = 1011 (= 281 + 730): Tuesday 10 March 2026 again, the province (default rules)
        tuesday = by_name["Đối thoại 1011"]
        self.assertEqual(tuesday.organization_id, self.province)
        self.assertEqual(tuesday.conclusion_deadline, date(2026, 3, 24))
        self.assertEqual(tuesday.invitation_deadline, date(2026, 3, 5))
