"""Working-day arithmetic over preloaded holidays and make-up days.

The ORM side (models/doithoai_deadline_rule.py) loads every calendar, holiday and
make-up day a batch needs in a few queries; this class then answers in memory, so
computing deadlines for thousands of records never queries once per record.
"""
from datetime import timedelta

# Ten years without a single working day means a broken calendar, not a long wait.
MAX_SCAN_DAYS = 3660


class WorkdayCalendar:
    def __init__(self, weekdays, holidays=(), makeup_days=()):
        self.weekdays = frozenset(weekdays)
        self.holidays = frozenset(holidays)
        self.makeup_days = frozenset(makeup_days)

    def is_workday(self, day):
        if day in self.makeup_days:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def shift(self, day, count):
        """The date `count` working days after `day` (before it when negative).

        `day` itself is never counted: 10 working days after a Friday session ends on
        the second Friday after it when no holiday intervenes.
        """
        step = timedelta(days=1 if count > 0 else -1)
        left = abs(count)
        scanned = 0
        while left:
            day += step
            scanned += 1
            if scanned > MAX_SCAN_DAYS:
                raise ValueError("no working day within ten years")
            if self.is_workday(day):
                left -= 1
        return day

    def count_between(self, start, end):
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.count_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_workday(start + timedelta(days=n)))
