"""Stored deadlines follow the calendar data and the per-organization rules.

Holidays and make-up days are data an administrator edits during the year; every open
dialogue and assignment near the edited day must show the new legal deadline at once.
"""
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn, vn_day_bounds


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestHolidayRecompute(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An open dialogue in preparation: Monday 7 December 2026.
        # Conclusion: 8-11 Dec (4), 14-18 (9), Monday 21 Dec (10).
        cls.dialogue = cls._approve(cls._dialogue(vn(2026, 12, 7, 8)))
        # A held dialogue with its conclusion notice on Friday 20 November 2026:
        # resolution 45 working days later, 1 Jan 2027 off -> Monday 25 January 2027.
        cls.held = cls._hold(cls._dialogue(vn(2026, 11, 10, 8), name="Đối thoại tháng 11"))
        cls.assignment = cls._assignment(cls.held, date(2026, 11, 20))

    def test_initial_deadlines(self):
        self.assertEqual(self.dialogue.state, "preparation")
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21))
        self.assertEqual(self.assignment.deadline, date(2027, 1, 25))

    def test_public_holiday_moves_the_conclusion_deadline(self):
        holiday = self._holiday("Ngày nghỉ đột xuất", date(2026, 12, 16))
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 22),
                         "one working day less in the window: the deadline moves by one day")
        self.assertEqual(self.dialogue.next_deadline, min(
            self.dialogue.questions_deadline, self.dialogue.announcement_deadline,
            self.dialogue.invitation_deadline), "in preparation the next deadline is the earliest step before the session")
        holiday.unlink()
        self.end_request()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21),
                         "deleting the holiday gives the deadline back")

    def test_deadline_is_stored_after_holiday_change(self):
        """What another user reads (from the database) is the new deadline too."""
        holiday = self._holiday("Ngày nghỉ đột xuất", date(2026, 12, 16))
        self.env.invalidate_all()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 22))
        Dialogue = self.Dialogue.with_user(self.viewer)
        self.assertEqual(Dialogue.search_count([
            ("id", "=", self.dialogue.id), ("conclusion_deadline", "=", "2026-12-22")]), 1)
        holiday.unlink()
        self.end_request()
        self.env.invalidate_all()
        self.assertEqual(Dialogue.search_count([
            ("id", "=", self.dialogue.id), ("conclusion_deadline", "=", "2026-12-21")]), 1)

    def test_moving_a_holiday(self):
        holiday = self._holiday("Ngày nghỉ đột xuất", date(2026, 12, 16))
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 22))
        start, end = vn_day_bounds(date(2026, 12, 29))
        holiday.write({"date_from": start, "date_to": end})  # after the window
        self.end_request()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21))

    def test_holiday_of_another_calendar_changes_nothing(self):
        other = self.env["resource.calendar"].create({"name": "Other", "tz": "Asia/Ho_Chi_Minh"})
        self.end_request()
        self._holiday("Nghỉ của lịch khác", date(2026, 12, 16), calendar=other)
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21))

    def test_personal_leave_changes_nothing(self):
        resource = self.env["resource.resource"].create({
            "name": "Cán bộ A", "calendar_id": self.calendar.id})
        self.end_request()
        self.env(user=self.admin_user)["resource.calendar.leaves"].create({
            "name": "Nghỉ phép cá nhân", "calendar_id": self.calendar.id,
            "resource_id": resource.id,
            "date_from": vn(2026, 12, 16, 0), "date_to": vn(2026, 12, 16, 23, 59),
        })
        self.end_request()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21))

    def test_public_holiday_moves_the_assignment_deadline(self):
        holiday = self._holiday("Ngày nghỉ đột xuất", date(2027, 1, 6))
        self.assertEqual(self.assignment.deadline, date(2027, 1, 26))
        self.assertEqual(self.assignment.date_due, date(2027, 1, 26))
        holiday.unlink()
        self.end_request()
        self.assertEqual(self.assignment.deadline, date(2027, 1, 25))
        self.assertEqual(self.assignment.date_due, date(2027, 1, 25))

    def test_makeup_day_moves_deadlines(self):
        # the module's administrator declares and withdraws make-up days
        Makeup = self.env(user=self.admin_user)["doithoai.makeup.day"]
        # Saturday 12 Dec 2026 worked: 8-11 (4), Sat 12 (5), 14-18 (10) -> Friday 18 Dec
        makeup = Makeup.create({"name": "Làm bù", "date": date(2026, 12, 12),
                                "calendar_id": self.calendar.id})
        self.end_request()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 18))
        makeup.unlink()
        self.end_request()
        self.assertEqual(self.dialogue.conclusion_deadline, date(2026, 12, 21))

        makeup = Makeup.create({"name": "Làm bù", "date": date(2027, 1, 9),
                                "calendar_id": self.calendar.id})
        self.end_request()
        self.assertEqual(self.assignment.deadline, date(2027, 1, 22))
        makeup.write({"active": False})
        self.end_request()
        self.assertEqual(self.assignment.deadline, date(2027, 1, 25))
        makeup.write({"active": True})
        self.end_request()
        self.assertEqual(self.assignment.deadline, date(2027, 1, 22))
        makeup.unlink()
        self.end_request()
        self.assertEqual(self.assignment.deadline, date(2027, 1, 25))

    def test_held_dialogue_is_still_recomputed(self):
        # _recompute_open_deadlines only leaves out done and cancelled records: a held
        # dialogue still waits for its conclusion notice, so its deadline must follow.
        # Session Tuesday 10 Nov 2026: 11-13 (3), 16-20 (8), 23-24 (10) -> Tuesday 24 Nov.
        self.assertEqual(self.held.state, "held")
        self.assertEqual(self.held.conclusion_deadline, date(2026, 11, 24))
        self._holiday("Ngày nghỉ đột xuất", date(2026, 11, 18))
        self.assertEqual(self.held.conclusion_deadline, date(2026, 11, 25))
        # what the dialogue list shows as "next deadline" of a held dialogue follows too
        self.assertEqual(self.held.next_deadline, date(2026, 11, 25))

    def test_closed_records_keep_their_deadlines(self):
        # Session Monday 2 Nov 2026: 3-6 (4), 9-13 (9), Monday 16 Nov (10).
        done = self._hold(self._dialogue(vn(2026, 11, 2, 8), name="Đối thoại đã xong"))
        self.assertEqual(done.conclusion_deadline, date(2026, 11, 16))
        done.with_user(self.leader)._record_conclusion(date(2026, 11, 12))
        self.end_request()
        done.with_user(self.leader)._move_to_state("done")
        self.end_request()
        cancelled = self._dialogue(vn(2026, 11, 3, 8), name="Đối thoại bị hủy")
        cancelled.with_user(self.leader).action_cancel()
        self.end_request()
        # 4-6 (3), 9-13 (8), 16-17 (10) -> Tuesday 17 Nov
        self.assertEqual(cancelled.conclusion_deadline, date(2026, 11, 17))
        resolved = self._assignment(done, date(2026, 11, 12))
        open_assignment = self._assignment(done, date(2026, 11, 12), name="Việc còn mở")
        resolved.with_user(self.responder).result = "<p>Đã giải quyết</p>"
        self.end_request()
        resolved.with_user(self.responder).action_resolve()
        self.end_request()
        self.assertEqual(resolved.state, "done")
        # Thursday 12 Nov 2026 + 45 working days: 13 Nov (1), 16 Nov-25 Dec (31), 28-31 Dec (35),
        # 1 Jan 2027 off, 4-8 Jan (40), 11-15 Jan (45) -> Friday 15 January 2027
        self.assertEqual(resolved.deadline, date(2027, 1, 15))
        self.assertEqual(open_assignment.deadline, date(2027, 1, 15))

        self._holiday("Ngày nghỉ đột xuất", date(2026, 11, 10))
        self._holiday("Ngày nghỉ đột xuất 2", date(2027, 1, 6))
        self.assertEqual(done.state, "done")
        self.assertEqual(done.conclusion_deadline, date(2026, 11, 16), "a done dialogue is history")
        self.assertEqual(cancelled.conclusion_deadline, date(2026, 11, 17), "a cancelled one too")
        self.assertEqual(resolved.deadline, date(2027, 1, 15), "a resolved assignment is history")
        self.assertEqual(open_assignment.deadline, date(2027, 1, 18), "an open one follows the calendar")


@tagged("post_install", "-at_install")
class TestOrganizationRules(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # deadline rules are configured by the module's administrator
        cls.Rule = cls.env(user=cls.admin_user)["doithoai.deadline.rule"]
        cls.outside = cls.env["doithoai.organization"].create({"name": "UBND tỉnh khác"})
        cls.outside_officer = cls._user("Chuyên viên tỉnh khác", "doithoai_test_outside_officer", "officer",
                                        cls.outside)
        # Tuesday 10 March 2026, no holiday around: default conclusion deadline 24 March.
        cls.start = vn(2026, 3, 10, 8)

    def test_default_rules_apply(self):
        dialogue = self._dialogue(self.start)
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 24))

    def test_parent_rule_applies_to_children(self):
        self.Rule.create({"kind": "conclusion", "days": 5, "unit": "working",
                          "organization_id": self.province.id})
        self.end_request()
        # 11, 12, 13, 16, 17 -> Tuesday 17 March
        self.assertEqual(self._dialogue(self.start).conclusion_deadline, date(2026, 3, 17))
        self.assertEqual(self._dialogue(self.start, organization=self.province).conclusion_deadline,
                         date(2026, 3, 17))
        self.assertEqual(self._dialogue(self.start, organization=self.outside,
                                        user=self.outside_officer).conclusion_deadline,
                         date(2026, 3, 24), "an organization outside the tree keeps the default")

    def test_child_rule_wins(self):
        self.Rule.create({"kind": "conclusion", "days": 5, "unit": "working",
                          "organization_id": self.province.id})
        self.Rule.create({"kind": "conclusion", "days": 15, "unit": "calendar",
                          "organization_id": self.commune.id})
        self.end_request()
        self.assertEqual(self._dialogue(self.start).conclusion_deadline, date(2026, 3, 25))
        self.assertEqual(self._dialogue(self.start, organization=self.agency_2).conclusion_deadline,
                         date(2026, 3, 17), "a sibling still follows the parent's rule")

    def test_rule_change_recomputes_existing_dialogues(self):
        dialogue = self._dialogue(self.start)
        rule = self.Rule.create({"kind": "conclusion", "days": 5, "unit": "working",
                                 "organization_id": self.province.id})
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 17))
        rule.days = 6
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 18))
        rule.active = False
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 24))
        rule.active = True
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 18))
        rule.unlink()
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 24))

    def test_resolution_rule_of_parent_applies_to_assignments(self):
        dialogue = self._dialogue(vn(2026, 2, 27, 8))
        assignment = self._assignment(dialogue, date(2026, 3, 6))
        self.assertEqual(assignment.deadline, date(2026, 5, 13))
        self.Rule.create({"kind": "resolution", "days": 30, "unit": "working",
                          "organization_id": self.province.id})
        self.end_request()
        # Friday 6 March + 30 working days = six full weeks -> Friday 17 April
        self.assertEqual(assignment.deadline, date(2026, 4, 17))

    def test_moving_an_organization_under_a_parent(self):
        self.Rule.create({"kind": "conclusion", "days": 5, "unit": "working",
                          "organization_id": self.province.id})
        self.end_request()
        dialogue = self._dialogue(self.start, organization=self.outside, user=self.outside_officer)
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 24))
        # the administrator moves the organization under the province
        self.outside.with_user(self.admin_user).parent_id = self.province
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 17))

    def test_global_rule_is_unique_per_kind(self):
        # The shipped defaults are the organization-less rules: a second one is refused.
        from psycopg2 import IntegrityError

        from odoo.tools import mute_logger
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Rule.create({"kind": "conclusion", "days": 5, "unit": "working"})
            self.end_request()
