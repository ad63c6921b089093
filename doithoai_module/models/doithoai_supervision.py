from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from .doithoai_supervision_stage import (
    APPROVED_STATES, LEADER, OFFICER, PROTECTED_FIELDS, STATES, TRANSITIONS)


class DoithoaiSupervision(models.Model):
    """A union's (or the Front's) supervision plan of the year (kế hoạch giám sát): its subjects
    are chosen each November from its inputs, agreed with the Fatherland Front of the same
    level, reported to the Party committee and approved by the union's leaders; after the
    supervision, recommendations go to the supervised agencies (doithoai.assignment)."""
    _name = "doithoai.supervision"
    _description = "Supervision Plan"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    year = fields.Integer(required=True, tracking=True,
                          default=lambda self: fields.Date.context_today(self).year + 1)
    organization_id = fields.Many2one("doithoai.organization", string="Union Organization", required=True,
                                      index=True, tracking=True, ondelete="restrict")
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    front_organization_id = fields.Many2one("doithoai.organization", string="Agreed with the Front",
                                            help="The Fatherland Front committee of the same level.")
    date_front_agreed = fields.Date(string="Agreed with the Front on", tracking=True)
    date_party_reported = fields.Date(string="Reported to the Party Committee on", tracking=True)
    date_start = fields.Date(string="From", tracking=True)
    date_end = fields.Date(string="To", tracking=True)
    subject_ids = fields.One2many("doithoai.supervision.subject", "supervision_id", string="Subjects",
                                  copy=True)
    member_ids = fields.Many2many("res.partner", "doithoai_supervision_member_rel", "supervision_id",
                                  "partner_id", string="Delegation")
    budget = fields.Monetary(tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user,
                              tracking=True)
    findings = fields.Html(string="Findings", help="What the delegation found (báo cáo kết quả giám sát).")
    stage_id = fields.Many2one("doithoai.supervision.stage", string="Stage", tracking=True, index=True,
                               group_expand="_read_group_stage_ids", copy=False, ondelete="restrict",
                               default=lambda self: self.env["doithoai.supervision.stage"]._first_of_state("draft"))
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False,
                                     tracking=True)
    approval_date = fields.Datetime(readonly=True, copy=False)
    assignment_ids = fields.One2many("doithoai.assignment", "supervision_id", string="Recommendations")
    recommendation_count = fields.Integer(compute="_compute_recommendation_count")
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)

    _year_valid = models.Constraint("CHECK(year BETWEEN 2000 AND 2100)", "The year of a plan is not valid.")
    _budget_positive = models.Constraint("CHECK(budget >= 0)", "The budget cannot be negative.")

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    def _compute_recommendation_count(self):
        counts = dict(self.env["doithoai.assignment"]._read_group(
            [("supervision_id", "in", self.ids)], ["supervision_id"], ["__count"]))
        for plan in self:
            plan.recommendation_count = counts.get(plan, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_start and plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(self.env._("The supervision “%s” cannot end before it starts.", plan.name))

    # ------------------------------------------------------------------
    # Workflow: the table TRANSITIONS of doithoai_supervision_stage.py, checked here
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
        plans = super().create(vals_list)
        plans._check_org_tree()
        for plan in plans:
            plan._check_move(False, plan.state)
        return plans

    def write(self, vals):
        self.check_access("write")
        self._check_protected_fields(vals)
        if "stage_id" in vals:
            stage = self.env["doithoai.supervision.stage"].browse(vals["stage_id"])
            for plan in self:
                plan._check_move(plan.state, stage.state)
            approving = self.filtered(lambda p: not p.approved_by_id and stage.state in APPROVED_STATES)
            if approving:
                approving._record_approval()
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree()
        return res

    def _check_org_tree(self):
        for plan in self.sudo():
            plan.organization_id.with_env(self.env)._check_in_user_tree(plan.name)

    def _check_protected_fields(self, vals):
        if self.env.su:
            return
        forged = [name for name in PROTECTED_FIELDS if name in vals]
        if forged:
            raise AccessError(self.env._(
                "“%s” is filled in by the workflow, not by hand: a leader approves the supervision "
                "plan (button “Approve”).", self._fields[forged[0]]._description_string(self.env)))

    def _is_leader(self):
        return self.env.su or self.env.user.has_group("doithoai_module.group_doithoai_manager")

    def _workflow_role(self):
        if self._is_leader():
            return LEADER
        user = self.env.user
        if user.has_group("doithoai_module.group_doithoai_officer") \
                or user.has_group("doithoai_module.group_doithoai_supervisor"):
            return OFFICER
        return None

    def _check_move(self, from_state, to_state):
        """Refuses any move the table TRANSITIONS does not allow, whoever asks."""
        self.ensure_one()
        if from_state == to_state:
            return
        labels = dict(STATES)
        move = TRANSITIONS.get((from_state, to_state))
        if self.env.su:
            conditions = {cond for (_f, to), (_r, cond) in TRANSITIONS.items() if to == to_state and cond}
        elif not move:
            raise UserError(self.env._(
                "“%(name)s” cannot go from “%(from)s” to “%(to)s”: follow the steps of the plan "
                "with its buttons.", name=self.name,
                **{"from": labels.get(from_state, self.env._("new")), "to": labels[to_state]}))
        else:
            roles, condition = move
            if self._workflow_role() not in roles:
                raise UserError(self.env._(
                    "Only a leader may move “%(name)s” to “%(to)s”: ask a leader of its organisation.",
                    name=self.name, to=labels[to_state]))
            conditions = {condition} if condition else set()
        for condition in sorted(conditions):
            getattr(self, f"_workflow_{condition}")()

    def _workflow_subjects(self):
        if not self.subject_ids:
            raise UserError(self.env._("Add the subjects of “%s” (nội dung giám sát) first.", self.name))

    def _workflow_findings(self):
        if is_html_empty(self.findings):
            raise UserError(self.env._("Write the findings of “%s” before closing it.", self.name))

    def _record_approval(self):
        super(DoithoaiSupervision, self).write({
            "approved_by_id": self.env.user.id,
            "approval_date": fields.Datetime.now(),
        })

    def _move_to_state(self, state):
        stage = self.env["doithoai.supervision.stage"]._first_of_state(state)
        if not stage:
            raise UserError(self.env._("No stage is configured for this step of the workflow."))
        self.write({"stage_id": stage.id})

    def action_submit(self):
        self._move_to_state("approval")
        for plan in self:
            leaders = plan.organization_id._doithoai_leaders()
            for leader in leaders:
                plan.activity_schedule(
                    "doithoai_module.mail_activity_type_supervision_approval", user_id=leader.id,
                    summary=self.env._("Approve “%s”", plan.name))
            plan.message_post(body=self.env._("Submitted for approval to %s.", ", ".join(leaders.mapped("name")))
                              if leaders else self.env._("Submitted for approval, but %s has no leader in the "
                                                         "application.", plan.organization_id.name))

    def action_approve(self):
        if self.filtered(lambda p: p.state != "approval"):
            raise UserError(self.env._("Only a supervision plan awaiting approval can be approved."))
        self._move_to_state("approved")
        self.activity_feedback(["doithoai_module.mail_activity_type_supervision_approval"], feedback=self.env._("Approved."))

    def action_back_to_draft(self):
        self._move_to_state("draft")

    def action_done(self):
        self._move_to_state("done")

    def action_cancel(self):
        self._move_to_state("cancel")

    def _check_can_recommend(self):
        for plan in self:
            if plan.state not in APPROVED_STATES:
                raise UserError(self.env._(
                    "“%s” must be approved before recommendations are sent after it.", plan.name))

    def action_new_recommendation(self):
        """Opens a new recommendation after this supervision, addressed to its supervised agency."""
        self.ensure_one()
        self._check_can_recommend()
        agency = self.subject_ids.supervised_organization_id[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommendation"),
            "res_model": "doithoai.assignment",
            "view_mode": "form",
            "target": "current",
            "context": {"default_origin": "supervision", "default_supervision_id": self.id,
                        "default_organization_id": agency.id,
                        "default_notice_date": fields.Date.to_string(self.organization_id._doithoai_today())},
        }

    def action_view_recommendations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_recommendation_action")
        action["domain"] = [("supervision_id", "=", self.id)]
        action["context"] = {"default_origin": "supervision", "default_supervision_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda p: p.approved_by_id or p.assignment_ids):
            raise UserError(self.env._("An approved supervision plan is history: archive it instead."))
