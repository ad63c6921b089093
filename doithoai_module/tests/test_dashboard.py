"""The supervisor's figures: one on-time rate, the obligation dashboard and the calendar of
legal deadlines, as the users of each role read them."""
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools import ontime
from .common import TODAY, DoithoaiCase, vn


@tagged("post_install", "-at_install")
class TestDashboard(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dialogue = cls._hold(cls._dialogue(vn(2026, 3, 10)))
        cls.a_on_time = cls._assignment(cls.dialogue, date(2026, 3, 20), name="Đúng hạn")
        cls.a_late = cls._assignment(cls.dialogue, date(2026, 3, 20), name="Trễ hạn")
        cls.a_overdue = cls._assignment(cls.dialogue, date(2026, 3, 20), name="Quá hạn chưa xong")
        cls.a_pending = cls._assignment(cls.dialogue, date(2026, 11, 20), name="Còn trong hạn")
        for assignment, day in ((cls.a_on_time, date(2026, 3, 25)), (cls.a_late, date(2026, 10, 1))):
            assignment.with_user(cls.responder).write({"result": "<p>Đã giải quyết.</p>", "date_resolved": day})
            cls.end_request()
            assignment.with_user(cls.responder).action_resolve()
            cls.end_request()
        cls.other_responder = cls._user("Sở Y tế xử lý", "doithoai_test_responder_2", "responder", cls.agency_2)

    def test_rate_counts_open_overdue_as_late(self):
        self.assertIsNone(ontime.on_time_rate(0, 0, 0), "nothing due yet: no rate, not 100 %")
        self.assertEqual(ontime.on_time_rate(3, 0, 0), 100.0)
        self.assertEqual(ontime.on_time_rate(1, 1, 2), 25.0)
        stats = self.commune.with_user(self.leader)._doithoai_statistics(
            date(2026, 1, 1), date(2026, 12, 31), today=TODAY)[self.commune.id]
        self.assertEqual((stats["on_time"], stats["late"], stats["overdue"], stats["pending"]), (1, 1, 1, 1))
        self.assertEqual(self.commune._doithoai_on_time_rate(stats), 33.3,
                         "1 on time of 1 on time + 1 late + 1 open overdue; pending left out")

    def test_dashboard_reads_the_same_rate(self):
        commune = self.commune.with_user(self.leader)
        self.assertEqual(commune.year_obligation, "met")
        self.assertEqual((commune.year_on_time, commune.year_late), (1, 1))
        self.assertGreaterEqual(commune.year_overdue, 1)
        self.assertEqual(commune.year_rate, ontime.on_time_rate(
            commune.year_on_time, commune.year_late, commune.year_overdue))
        self.assertEqual(self.province.with_user(self.leader).year_obligation, "missing")
        self.assertEqual(self.agency.with_user(self.leader).year_obligation, "none")
        action = commune.action_dashboard_assignments()
        found = self.Assignment.with_user(self.leader).search(action["domain"])
        self.assertEqual(found, self.a_on_time | self.a_late | self.a_overdue | self.a_pending)
        action = commune.action_dashboard_dialogues()
        self.assertEqual(self.Dialogue.with_user(self.leader).search(action["domain"]), self.dialogue)

    def test_analysis_measures_are_labelled(self):
        Assignment = self.Assignment.with_user(self.leader)
        counts = dict(Assignment._read_group([("dialogue_id", "=", self.dialogue.id)],
                                             ["deadline_status"], ["item_count:sum"]))
        self.assertEqual(counts.get("done"), 1)
        self.assertEqual(counts.get("done_late"), 1)
        self.assertEqual(Assignment.fields_get(["item_count"])["item_count"]["string"], "Number of Assignments")

    def test_deadline_calendar(self):
        Event = self.env["doithoai.deadline.event"]
        events = Event.with_user(self.leader).search([("dialogue_id", "=", self.dialogue.id)])
        kinds = set(events.mapped("kind"))
        self.assertTrue({"invitation", "questions", "conclusion", "resolution"} <= kinds, kinds)
        resolution = events.filtered(lambda e: e.assignment_id == self.a_late)
        self.assertEqual(resolution.date, self.a_late.date_due)
        self.assertEqual(resolution.done_date, date(2026, 10, 1))
        self.assertTrue(resolution.is_done and resolution.is_late)
        overdue = events.filtered(lambda e: e.assignment_id == self.a_overdue)
        self.assertTrue(overdue.is_late and not overdue.is_done)
        self.assertEqual(overdue.organization_id, self.agency)
        self.assertEqual(overdue.action_open_source()["res_id"], self.a_overdue.id)
        # The record rules of assignments decide: the responding agency sees its own
        # deadlines, another agency none of them.
        mine = Event.with_user(self.responder).search([("kind", "=", "resolution"),
                                                      ("dialogue_id", "=", self.dialogue.id)])
        self.assertEqual(mine.assignment_id, self.a_on_time | self.a_late | self.a_overdue | self.a_pending)
        self.assertFalse(Event.with_user(self.other_responder).search([("assignment_id", "=", self.a_late.id)]))
        with self.assertRaises(AccessError):
            Event.with_user(self.other_responder).browse(overdue.id).read(["name"])
