"""19.0.1.2.0: reminder-log rows carry the organisation of the record they are about
(users read only the rows of their organisation tree); askers of an ordinary question
of a confidential assignment get a brief mail, without the confidential content."""
import json


def migrate(cr, version):
    if not version:
        return
    cr.execute("""UPDATE doithoai_reminder_log l SET organization_id = l.res_id
                   WHERE l.res_model = 'doithoai.organization' AND l.organization_id IS NULL
                     AND EXISTS (SELECT 1 FROM doithoai_organization o WHERE o.id = l.res_id)""")
    cr.execute("""UPDATE doithoai_reminder_log l SET organization_id = d.organization_id
                    FROM doithoai_dialogue d
                   WHERE l.res_model = 'doithoai.dialogue' AND d.id = l.res_id
                     AND l.organization_id IS NULL""")
    cr.execute("""UPDATE doithoai_reminder_log l SET organization_id = a.host_organization_id
                    FROM doithoai_assignment a
                   WHERE l.res_model = 'doithoai.assignment' AND a.id = l.res_id
                     AND l.organization_id IS NULL""")
    _brief_asker_mails(cr)


# The asker template is noupdate (administrators may reword it): its confidential parts get
# their condition in place, in every language, leaving any other rewording alone.
BRIEF = "not ctx.get('doithoai_brief')"
REPLACEMENTS = (
    ("<p>Reason: ", f"<p t-if=\"{BRIEF}\">Reason: "),
    ("<p>Lý do: ", f"<p t-if=\"{BRIEF}\">Lý do: "),
    ('t-if="not is_html_empty(object.extension_answer)"',
     f't-if="{BRIEF} and not is_html_empty(object.extension_answer)"'),
    ('t-if="not is_html_empty(object.result)"', f't-if="{BRIEF} and not is_html_empty(object.result)"'),
)


def _brief_asker_mails(cr):
    cr.execute("""SELECT t.id, t.body_html FROM mail_template t
                    JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
                   WHERE d.module = 'doithoai_module' AND d.name = 'mail_template_assignment_asker'""")
    for template_id, bodies in cr.fetchall():
        if not bodies or BRIEF in str(bodies):
            continue
        for lang, body in bodies.items():
            for old, new in REPLACEMENTS:
                body = body.replace(old, new)
            bodies[lang] = body
        cr.execute("UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
                   (json.dumps(bodies), template_id))
