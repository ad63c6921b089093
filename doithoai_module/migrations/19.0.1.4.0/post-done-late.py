"""Work finished after its deadline keeps a trace: the stored status becomes "done_late"
(it was "done", the same grey as work done on time)."""


def migrate(cr, version):
    cr.execute("""UPDATE doithoai_dialogue SET deadline_status = 'done_late'
                   WHERE deadline_status = 'done' AND conclusion_date > conclusion_deadline""")
    cr.execute("""UPDATE doithoai_assignment SET deadline_status = 'done_late'
                   WHERE deadline_status = 'done' AND state = 'done' AND date_resolved > date_due""")
