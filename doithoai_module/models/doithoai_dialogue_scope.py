from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DoithoaiDialogue(models.Model):
    """What a dialogue's pick-lists offer and accept: the organisations of its host's own
    tree (the province or ministry it belongs to), their heads and their users."""
    _inherit = "doithoai.dialogue"

    scope_organization_ids = fields.Many2many(
        "doithoai.organization", compute="_compute_scope", string="Organizations in Scope",
        help="The host's tree (the organisation at its top and everything below it), and the "
             "Front and mass organisations, which co-host.")
    scope_host_ids = fields.Many2many("res.partner", compute="_compute_scope", string="Possible Hosts")

    @api.depends("organization_id")
    def _compute_scope(self):
        Org = self.env["doithoai.organization"].sudo().with_context(active_test=False)
        roots = {}
        for dialogue in self:
            host = dialogue.organization_id.sudo()
            if not host.parent_path:
                dialogue.scope_organization_ids = False
                dialogue.scope_host_ids = False
                continue
            root_id = int(host.parent_path.split("/")[0])
            if root_id not in roots:
                roots[root_id] = Org.search(["|", ("id", "child_of", root_id),
                                             ("kind", "in", ("union", "front"))])
            dialogue.scope_organization_ids = roots[root_id]
            # the head and deputies of the host and of the organisations above it
            line = Org.browse([int(i) for i in host.parent_path.strip("/").split("/")])
            dialogue.scope_host_ids = line.host_id | line.deputy_ids

    @api.constrains("organization_id", "cohost_organization_id", "proposer_organization_id",
                    "invited_organization_ids")
    def _check_scope(self):
        # Co-hosts and invited agencies may come from another tree (the province's Women's
        # Union co-hosts a People's Committee dialogue), never from another company.
        for dialogue in self.sudo():
            host = dialogue.organization_id
            outside = (dialogue.cohost_organization_id | dialogue.proposer_organization_id
                       | dialogue.invited_organization_ids).filtered(
                lambda o: o.company_id and host.company_id and o.company_id != host.company_id)
            if outside:
                raise ValidationError(self.env._(
                    "%(org)s belongs to another company than %(host)s: invite or co-host "
                    "“%(name)s” with organisations of the host's own company.",
                    org=outside[0].name, host=host.name, name=dialogue.name))

    @api.constrains("organization_id", "date_start")
    def _check_host_exists(self):
        # An abolished unit hosts no dialogue from its abolition on: its successor does
        # (two-level government, doithoai_organization_lifetime.py).
        for dialogue in self.sudo():
            host = dialogue.organization_id
            if not (host.date_end and dialogue.date_start) or dialogue.state == "cancel":
                continue
            day = host._doithoai_local_date(dialogue.date_start)
            if day >= host.date_end:
                raise ValidationError(self.env._(
                    "%(host)s was abolished on %(day)s: “%(name)s” cannot be held by it on %(date)s. "
                    "Hold it under %(successor)s, which took over.",
                    host=host.name, day=host.date_end.strftime("%d/%m/%Y"), name=dialogue.name,
                    date=day.strftime("%d/%m/%Y"),
                    successor=(host._doithoai_current_unit(day).name or self.env._("the unit that took over"))))

    def _check_org_tree(self, strict=False):
        # The user's tree first (AccessError), then whether the plan fits (ValidationError).
        super()._check_org_tree(strict=strict)
        for dialogue in self.sudo():
            plan_org, host = dialogue.plan_id.organization_id, dialogue.organization_id
            if plan_org and not self._plan_fits(plan_org, host):
                raise ValidationError(self.env._(
                    "The plan “%(plan)s” of %(plan_org)s does not cover a dialogue of %(host)s: "
                    "choose a plan of the host or of an organisation above it.",
                    plan=dialogue.plan_id.name, plan_org=plan_org.name, host=host.name))

    @api.model
    def _plan_fits(self, plan_org, host):
        """A plan covers dialogues of its organisation and of those below it (a partner may
        also file a dialogue under a plan of its host's own sub-organisation); a mass
        organisation's or the Front's plan covers only dialogues of its own kind."""
        host_path, plan_path = host.parent_path or "", plan_org.parent_path or ""
        in_line = host_path.startswith(plan_path) or plan_path.startswith(host_path)
        if not in_line:
            return False
        return not (plan_org.kind in ("union", "front") and plan_org.kind != host.kind)
