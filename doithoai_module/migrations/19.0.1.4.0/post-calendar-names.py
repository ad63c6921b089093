"""The office hours of the civil service calendar read in Vietnamese ("Sáng thứ Hai"), not
"Monday Morning": the calendar is noupdate data, so existing databases are renamed here,
only where the line still has its English name."""

DAYS = {"Monday": "thứ Hai", "Tuesday": "thứ Ba", "Wednesday": "thứ Tư", "Thursday": "thứ Năm",
        "Friday": "thứ Sáu"}


def migrate(cr, version):
    for english, vietnamese in DAYS.items():
        for period_en, period_vi in (("Morning", "Sáng"), ("Afternoon", "Chiều")):
            cr.execute("""
                UPDATE resource_calendar_attendance a SET name = %s
                  FROM ir_model_data d
                 WHERE d.module = 'doithoai_module' AND d.name = 'calendar_vn_civil_service'
                   AND d.model = 'resource.calendar' AND a.calendar_id = d.res_id AND a.name = %s
            """, [f"{period_vi} {vietnamese}", f"{english} {period_en}"])
