"""19.0.1.2.0: an assignment always names its agency (NOT NULL in the database).

Assignments saved without one before get the competent agency of their first question, else the
host organisation of their dialogue, so that the new constraint can be added.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE doithoai_assignment a
           SET organization_id = COALESCE(
                   (SELECT q.competent_organization_id
                      FROM doithoai_assignment_question_rel r
                      JOIN doithoai_question q ON q.id = r.question_id
                     WHERE r.assignment_id = a.id AND q.competent_organization_id IS NOT NULL
                     ORDER BY q.id LIMIT 1),
                   (SELECT d.organization_id FROM doithoai_dialogue d WHERE d.id = a.dialogue_id))
         WHERE a.organization_id IS NULL
    """)
