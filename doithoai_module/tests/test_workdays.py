"""Working-day arithmetic: the pure calendar class and the legal deadlines it gives.

Every expected date below was counted by hand on a 2026 calendar (the comments show
the count), with the holidays shipped in data/doithoai_calendar_data.xml:
New Year 1-2 Jan 2026, Tết 14-22 Feb 2026, Hùng Kings 27 Apr, 30 Apr, 1 May,
National Day 1-2 Sep 2026, and the make-up Saturday 10 Jan 2026.
"""
from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import WorkdayCalendar
from .common import DoithoaiCase, vn

MON_FRI = range(5)


@tagged("post_install", "-at_install")
class TestWorkdayCalendar(BaseCase):
    """The in-memory calendar class, without any database."""

    def test_weekend_is_skipped(self):
        cal = WorkdayCalendar(MON_FRI)
        friday = date(2026, 3, 6)
        self.assertFalse(cal.is_workday(date(2026, 3, 7)), "Saturday")
        self.assertFalse(cal.is_workday(date(2026, 3, 8)), "Sunday")
        self.assertTrue(cal.is_workday(friday))
        # the day itself never counts: 1 working day after a Friday is the Monday
        self.assertEqual(cal.shift(friday, 1), date(2026, 3, 9))
        # 10 working days after a Friday: the second Friday after it
        self.assertEqual(cal.shift(friday, 10), date(2026, 3, 20))
        # starting on a weekend day: the next Monday is the first working day
        self.assertEqual(cal.shift(date(2026, 3, 7), 1), date(2026, 3, 9))
        self.assertEqual(cal.shift(date(2026, 3, 8), 5), date(2026, 3, 13))

    def test_backwards(self):
        cal = WorkdayCalendar(MON_FRI)
        tuesday = date(2026, 3, 10)
        # 3 working days before a Tuesday: Monday (1), Friday (2), Thursday (3)
        self.assertEqual(cal.shift(tuesday, -3), date(2026, 3, 5))
        # before a Monday: Friday, Thursday, Wednesday
        self.assertEqual(cal.shift(date(2026, 3, 9), -3), date(2026, 3, 4))
        self.assertEqual(cal.shift(tuesday, 0), tuesday)

    def test_holidays_are_skipped(self):
        monday = date(2026, 3, 9)
        cal = WorkdayCalendar(MON_FRI, holidays={monday})
        self.assertFalse(cal.is_workday(monday))
        self.assertEqual(cal.shift(date(2026, 3, 6), 1), date(2026, 3, 10))
        self.assertEqual(cal.shift(date(2026, 3, 6), 10), date(2026, 3, 23))
        self.assertEqual(cal.shift(date(2026, 3, 10), -1), date(2026, 3, 6))
        # a holiday falling on a Sunday changes nothing
        cal_sunday = WorkdayCalendar(MON_FRI, holidays={date(2026, 3, 8)})
        self.assertEqual(cal_sunday.shift(date(2026, 3, 6), 10), date(2026, 3, 20))

    def test_makeup_saturday_counts(self):
        saturday = date(2026, 3, 14)
        cal = WorkdayCalendar(MON_FRI, makeup_days={saturday})
        self.assertTrue(cal.is_workday(saturday))
        self.assertFalse(cal.is_workday(date(2026, 3, 15)), "the Sunday stays a rest day")
        # Friday 13 + 1 working day is the make-up Saturday
        self.assertEqual(cal.shift(date(2026, 3, 13), 1), saturday)
        # 10 working days after Friday 6 March: 9-13 (5), Sat 14 (6), 16-19 (10) -> Thursday 19
        self.assertEqual(cal.shift(date(2026, 3, 6), 10), date(2026, 3, 19))
        self.assertEqual(cal.shift(date(2026, 3, 16), -1), saturday)

    def test_count_between(self):
        cal = WorkdayCalendar(MON_FRI, holidays={date(2026, 3, 9)}, makeup_days={date(2026, 3, 14)})
        friday = date(2026, 3, 6)
        # 10..13 (4) + Sat 14 (5) + 16..20 (10); Monday 9 is a holiday
        self.assertEqual(cal.count_between(friday, date(2026, 3, 20)), 10)
        self.assertEqual(cal.count_between(date(2026, 3, 20), friday), -10)
        self.assertEqual(cal.count_between(friday, friday), 0)
        # shift and count_between agree
        for n in (1, 5, 10, 23):
            self.assertEqual(cal.count_between(friday, cal.shift(friday, n)), n)

    def test_calendar_without_working_day_stops(self):
        cal = WorkdayCalendar(())
        with self.assertRaises(ValueError):
            cal.shift(date(2026, 3, 6), 1)


@tagged("post_install", "-at_install")
class TestLegalDeadlines(DoithoaiCase):
    """The deadlines of dialogues and assignments, on the shipped Vietnamese calendar."""

    def test_shipped_calendar_knows_tet_2026(self):
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(self.commune, [date(2026, 2, 13)])
        cal = engine.workday_calendar(self.commune)
        self.assertTrue(cal.is_workday(date(2026, 2, 13)), "Friday 13 Feb is worked")
        for day in range(14, 23):
            self.assertFalse(cal.is_workday(date(2026, 2, day)), f"{day} Feb 2026 is Tết")
        self.assertTrue(cal.is_workday(date(2026, 2, 23)), "back to work on Monday 23 Feb")
        self.assertTrue(cal.is_workday(date(2026, 1, 10)), "make-up Saturday 10 Jan 2026")
        self.assertFalse(cal.is_workday(date(2026, 1, 2)), "Friday 2 Jan 2026 is off")

    def test_conclusion_deadline_skips_tet(self):
        # Session on Friday 13 Feb 2026, the last working day before Tết.
        # 10 working days after: Tết 14-22 Feb is skipped; 23-27 Feb (5), 2-6 Mar (10).
        dialogue = self._dialogue(vn(2026, 2, 13, 8))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 6))
        # before the session: 3 working days = Thu 12 (1), Wed 11 (2), Tue 10 (3)
        self.assertEqual(dialogue.invitation_deadline, date(2026, 2, 10))
        # 7 and 10 calendar days before
        self.assertEqual(dialogue.announcement_deadline, date(2026, 2, 6))
        self.assertEqual(dialogue.questions_deadline, date(2026, 2, 3))

    def test_invitation_before_a_tuesday_session(self):
        # Tuesday 10 March 2026: Monday 9 (1), Friday 6 (2), Thursday 5 (3)
        dialogue = self._dialogue(vn(2026, 3, 10, 8))
        self.assertEqual(dialogue.invitation_deadline, date(2026, 3, 5))
        self.assertEqual(dialogue.announcement_deadline, date(2026, 3, 3))
        self.assertEqual(dialogue.questions_deadline, date(2026, 2, 28))
        # 11-13 (3), 16-20 (8), 23 (9), 24 (10)
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 24))

    def test_invitation_right_after_tet(self):
        # Tuesday 24 Feb 2026: Monday 23 (1), Tết 14-22 skipped, Friday 13 (2), Thursday 12 (3)
        dialogue = self._dialogue(vn(2026, 2, 24, 8))
        self.assertEqual(dialogue.invitation_deadline, date(2026, 2, 12))
        # the announcement is counted in calendar days, Tết or not
        self.assertEqual(dialogue.announcement_deadline, date(2026, 2, 17))

    def test_session_time_is_read_in_vietnam(self):
        # 06:30 in Hanoi on Monday 9 March 2026 is still Sunday 8 March 23:30 in UTC
        dialogue = self._dialogue(vn(2026, 3, 9, 6, 30))
        self.assertEqual(dialogue.date_start.day, 8)
        # counted from Monday 9: Tue 10 ... Fri 13 (4), 16-20 (9), Mon 23 (10)
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 23))
        # Fri 6 (1), Thu 5 (2), Wed 4 (3)
        self.assertEqual(dialogue.invitation_deadline, date(2026, 3, 4))

    def test_makeup_saturday_of_january_2026(self):
        # Wednesday 31 Dec 2025; 1-2 Jan 2026 are off, Saturday 10 Jan is worked:
        # 5-9 Jan (5), Sat 10 (6), 12-15 (10) -> Thursday 15 January
        dialogue = self._dialogue(vn(2025, 12, 31, 8))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 1, 15))

    def test_new_makeup_saturday_shortens_the_count(self):
        self.env(user=self.admin_user)["doithoai.makeup.day"].create({
            "name": "Làm bù thử", "date": date(2026, 3, 14), "calendar_id": self.calendar.id,
        })
        self.end_request()
        # Tuesday 10 March: 11-13 (3), Sat 14 (4), 16-20 (9), Mon 23 (10)
        dialogue = self._dialogue(vn(2026, 3, 10, 8))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 23))

    def test_makeup_day_for_all_calendars(self):
        # A make-up day without calendar applies to every calendar.
        self.env(user=self.admin_user)["doithoai.makeup.day"].create(
            {"name": "Làm bù chung", "date": date(2026, 3, 14)})
        self.end_request()
        dialogue = self._dialogue(vn(2026, 3, 10, 8))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 23))

    def test_resolution_45_working_days_after_notice(self):
        dialogue = self._dialogue(vn(2026, 2, 27, 8))
        # Friday 6 March 2026: 9 Mar-24 Apr = 7 weeks (35); 27 Apr holiday, 28-29 (37),
        # 30 Apr and 1 May off, 4-8 May (42), 11-13 May (45) -> Wednesday 13 May 2026
        assignment = self._assignment(dialogue, date(2026, 3, 6))
        self.assertEqual(assignment.deadline, date(2026, 5, 13))
        self.assertEqual(assignment.date_due, date(2026, 5, 13))

    def test_resolution_across_tet(self):
        dialogue = self._dialogue(vn(2026, 1, 27, 8))
        # Monday 2 Feb 2026: 3-6 Feb (4), 9-13 (9), Tết, 23-27 (14), 2 Mar-10 Apr (44), Mon 13 Apr (45)
        assignment = self._assignment(dialogue, date(2026, 2, 2))
        self.assertEqual(assignment.deadline, date(2026, 4, 13))

    def test_organization_with_its_own_calendar(self):
        # A calendar with Saturday mornings worked and no holiday at all.
        six_days = self.env["resource.calendar"].create({
            "name": "Six days", "tz": "Asia/Ho_Chi_Minh", "company_id": False,
            "attendance_ids": [(0, 0, {"name": f"Day {d}", "dayofweek": str(d), "hour_from": 8,
                                       "hour_to": 12, "day_period": "morning"}) for d in range(6)],
        })
        org = self.env["doithoai.organization"].create({
            "name": "Xã làm thứ Bảy", "parent_id": self.province.id, "calendar_id": six_days.id,
        })
        self.end_request()
        dialogue = self._dialogue(vn(2026, 3, 10, 8), organization=org)
        # Tuesday 10 March: 11, 12, 13, 14 (4), 16-21 (10) -> Saturday 21 March
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 3, 21))
        # Monday 9 (1), Saturday 7 (2), Friday 6 (3)
        self.assertEqual(dialogue.invitation_deadline, date(2026, 3, 6))
