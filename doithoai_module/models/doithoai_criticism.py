from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty


class DoithoaiCriticism(models.Model):
    """Social criticism of a draft (phản biện xã hội): a draft received from the People's
    Council or Committee, the union's comments sent by a date, the drafting body's response.
    Recommendations after it are doithoai.assignment records of origin "criticism"."""
    _name = "doithoai.criticism"
    _description = "Social Criticism of a Draft"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"

    name = fields.Char(string="Draft", required=True, tracking=True)
    organization_id = fields.Many2one("doithoai.organization", string="Union Organization", required=True,
                                      index=True, tracking=True, ondelete="restrict")
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    drafting_organization_id = fields.Many2one("doithoai.organization", string="Drafting Body",
                                               required=True, tracking=True)
    date_received = fields.Date(string="Draft Received on", required=True, tracking=True,
                                default=fields.Date.context_today)
    date_due = fields.Date(string="Comments Due", required=True, tracking=True)
    comments = fields.Html(string="Union's Comments")
    date_sent = fields.Date(string="Comments Sent on", tracking=True, copy=False)
    response = fields.Html(string="Drafting Body's Response")
    date_response = fields.Date(string="Response Received on", tracking=True, copy=False)
    assignment_ids = fields.One2many("doithoai.assignment", "criticism_id", string="Recommendations")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user)
    active = fields.Boolean(default=True)

    @api.constrains("date_received", "date_due", "date_sent", "date_response")
    def _check_dates(self):
        for draft in self:
            if draft.date_due < draft.date_received:
                raise ValidationError(self.env._("The comments on “%s” cannot be due before the draft "
                                                 "is received.", draft.name))
            if draft.date_sent and draft.date_sent < draft.date_received:
                raise ValidationError(self.env._("The comments on “%s” cannot be sent before the draft "
                                                 "is received.", draft.name))
            if draft.date_response and (not draft.date_sent or draft.date_response < draft.date_sent):
                raise ValidationError(self.env._("A response to “%s” comes after the comments are sent.",
                                                 draft.name))

    @api.model_create_multi
    def create(self, vals_list):
        drafts = super().create(vals_list)
        drafts._check_org_tree()
        return drafts

    def write(self, vals):
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree()
        return res

    def _check_org_tree(self):
        for draft in self.sudo():
            draft.organization_id.with_env(self.env)._check_in_user_tree(draft.name)

    def action_send_comments(self):
        for draft in self:
            if is_html_empty(draft.comments):
                raise UserError(self.env._("Write the comments on “%s” first.", draft.name))
            draft.write({"date_sent": draft.organization_id._doithoai_today()})
