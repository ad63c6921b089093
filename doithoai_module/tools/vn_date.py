"""Dates written the way Vietnamese official papers write them."""
from datetime import date, datetime


def format_vn_date(value):
    """``date(2026, 10, 5)`` → ``"ngày 05 tháng 10 năm 2026"`` (empty for no date).

    Official papers (Decree 30/2020/NĐ-CP) pad the day and the months January and
    February with a zero and never translate the words: they are Vietnamese in every
    language the mail is rendered in.
    """
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
