from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    doithoai_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_organization_user_rel", "user_id", "organization_id",
        string="Dialogue Organizations",
        help="The user works for these organizations and sees them and everything below them.")
    doithoai_access_organization_ids = fields.Many2many(
        "doithoai.organization", string="Organizations Accessed",
        compute="_compute_doithoai_access_organization_ids",
        help="The user's organizations and the abolished units they took over (their "
             "predecessors, and the predecessors of those): the record rules and the checks of "
             "writes follow these and everything below them.")

    @api.depends("doithoai_organization_ids")
    def _compute_doithoai_access_organization_ids(self):
        """One search per generation of predecessors (usually none or one), for each user."""
        Org = self.env["doithoai.organization"].sudo().with_context(active_test=False)
        for user in self:
            found = frontier = user.sudo().doithoai_organization_ids
            while frontier:
                frontier = Org.search([("successor_id", "child_of", frontier.ids), ("id", "not in", found.ids)])
                found |= frontier
            user.doithoai_access_organization_ids = found

    def _get_invalidation_fields(self):
        # the record rules read the user's organizations: their cached domains go stale
        return super()._get_invalidation_fields() | {"doithoai_organization_ids"}
