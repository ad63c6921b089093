"""The union's 15/6 and 15/12 reminder links to the draft report of the period: its template
is noupdate data, reset here from the module's file (with its translations) unless an
administrator edited it."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("doithoai_module.mail_template_union_report", raise_if_not_found=False)
    if template and "doithoai_report_url" not in (template.body_html or ""):
        template.reset_template()
