"""One local-time rule: a day is the day where the organisation sits.

Every "today" and every local day of a stored datetime is taken in the time zone of the
organisation's working calendar (Asia/Ho_Chi_Minh by default), never in the time zone of
whoever happens to write or read: the same session gets the same deadlines from Hanoi or
from Paris. Models call `doithoai.organization._doithoai_tz()` / `_doithoai_today()` /
`_doithoai_local_date()`, which use these pure functions.
"""
from datetime import datetime, time, timedelta

import pytz

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def _zone(tz_name):
    try:
        return pytz.timezone(tz_name or DEFAULT_TZ)
    except pytz.UnknownTimeZoneError:
        return pytz.timezone(DEFAULT_TZ)


def local_date(dt, tz_name=DEFAULT_TZ):
    """The local day of a naive UTC datetime (as Odoo stores it); False stays False."""
    if not dt:
        return False
    return pytz.utc.localize(dt).astimezone(_zone(tz_name)).date()


def local_datetime(dt, tz_name=DEFAULT_TZ):
    """The aware local datetime of a naive UTC datetime; False stays False."""
    if not dt:
        return False
    return pytz.utc.localize(dt).astimezone(_zone(tz_name))


def today(tz_name=DEFAULT_TZ, now=None):
    """Today in that time zone; `now` is a naive UTC datetime (default: the clock)."""
    return local_date(now or datetime.now(pytz.utc).replace(tzinfo=None), tz_name)


def utc_bounds(day_from, day_to, tz_name=DEFAULT_TZ):
    """Naive UTC datetimes [start, stop) covering these local days."""
    zone = _zone(tz_name)

    def to_utc(day):
        return zone.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
    return to_utc(day_from), to_utc(day_to + timedelta(days=1))
