"""Questions already stored get their links to earlier questions that look the same (one
query; nothing happens when the similarity extensions could not be created)."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    questions = env["doithoai.question"].with_context(active_test=False).search([])
    questions._doithoai_link_repeats()
