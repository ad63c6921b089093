"""What preparing a dialogue adds to it (issue 15, plan of document 002): its theme, form and
area, its preparation tasks, delegates with attendance, gifts, and the budget's appraisal."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DIALOGUE_FORMS = [
    ("representatives", "With representatives"),
    ("some", "With some citizens or members"),
    ("all", "With all residents"),
]


class DoithoaiDialogue(models.Model):
    _inherit = "doithoai.dialogue"

    theme = fields.Char(tracking=True, help="The theme of the dialogue as the plan states it, e.g. "
                                             "“Phát huy vai trò của phụ nữ trong phát triển kinh tế - xã hội”.")
    dialogue_form = fields.Selection(DIALOGUE_FORMS, string="Form", default="representatives", tracking=True)
    area_id = fields.Many2one("doithoai.organization", string="Held in", tracking=True,
                              help="The commune or village under the host where the dialogue is held.")
    date_tentative = fields.Boolean(
        string="Month Only", tracking=True,
        help="The plan gives only the month (“time to be announced”): the day shown is provisional.")
    # Typed in, or the totals of the delegate quotas once there are some (the papers print these).
    expected_attendance = fields.Integer(compute="_compute_attendance", store=True, readonly=False)
    actual_attendance = fields.Integer(compute="_compute_attendance", store=True, readonly=False)
    preparation_task_ids = fields.One2many("doithoai.preparation.task", "dialogue_id", string="Preparation Tasks")
    preparation_task_count = fields.Integer(compute="_compute_preparation_figures")
    preparation_open_count = fields.Integer(compute="_compute_preparation_figures")
    delegate_quota_ids = fields.One2many("doithoai.delegate.quota", "dialogue_id", string="Delegates")
    delegate_quota_total = fields.Integer(compute="_compute_preparation_figures", string="Delegates Planned")
    delegate_attended_total = fields.Integer(compute="_compute_preparation_figures", string="Delegates Attended")
    gift_ids = fields.One2many("doithoai.gift", "dialogue_id", string="Gifts and Support")
    budget_actual_total = fields.Monetary(compute="_compute_budget_actual_total", string="Total Spent")
    budget_appraiser_id = fields.Many2one("doithoai.organization", string="Appraised by", tracking=True,
                                          help="The finance department that appraises the estimate.")
    budget_appraisal_date = fields.Date(string="Appraised on", tracking=True)
    budget_approval_date = fields.Date(string="Budget Approved on", tracking=True)

    @api.depends("budget_line_ids.amount_actual")
    def _compute_budget_actual_total(self):
        for dialogue in self:
            dialogue.budget_actual_total = sum(dialogue.budget_line_ids.mapped("amount_actual"))

    @api.constrains("area_id", "organization_id")
    def _check_area(self):
        """The area is the host itself or one of the organisations under it, at a level below."""
        for dialogue in self.sudo():
            area, host = dialogue.area_id, dialogue.organization_id
            if not area or area == host:
                continue
            inside = area.parent_path and host.parent_path and area.parent_path.startswith(host.parent_path)
            if not inside or (area.level_id and host.level_id and area.level_id == host.level_id):
                raise ValidationError(self.env._(
                    "“%(dialogue)s” is held in %(area)s, which is not a commune or village under %(host)s. "
                    "Choose an area under the host.", dialogue=dialogue.name, area=area.complete_name,
                    host=host.complete_name))

    @api.depends("preparation_task_ids.state", "delegate_quota_ids.quota", "delegate_quota_ids.attended")
    def _compute_preparation_figures(self):
        tasks = {(d.id, state): count for d, state, count in self.env["doithoai.preparation.task"]._read_group(
            [("dialogue_id", "in", self.ids)], ["dialogue_id", "state"], ["__count"])}
        for dialogue in self:
            counts = {state: tasks.get((dialogue.id, state), 0) for state in ("todo", "progress", "done", "cancel")}
            dialogue.preparation_task_count = sum(counts.values())
            dialogue.preparation_open_count = counts["todo"] + counts["progress"]
            dialogue.delegate_quota_total = sum(dialogue.delegate_quota_ids.mapped("quota"))
            dialogue.delegate_attended_total = sum(dialogue.delegate_quota_ids.mapped("attended"))

    @api.depends("delegate_quota_ids.quota", "delegate_quota_ids.attended")
    def _compute_attendance(self):
        for dialogue in self:
            lines = dialogue.delegate_quota_ids
            # Without quotas the typed figures stay (reading the field gives the stored value).
            dialogue.expected_attendance = sum(lines.mapped("quota")) if lines else dialogue.expected_attendance
            attended = sum(lines.mapped("attended"))
            dialogue.actual_attendance = attended if attended else dialogue.actual_attendance

    def _doithoai_attendance_figures(self):
        """The delegate figures the minutes and the yearly report print: planned, summoned and
        attended, in total and by category."""
        self.ensure_one()
        by_category = {}
        for line in self.delegate_quota_ids:
            row = by_category.setdefault(line.participant_group_id.name, [0, 0, 0])
            row[0] += line.quota
            row[1] += line.summoned
            row[2] += line.attended
        return {
            "planned": sum(r[0] for r in by_category.values()),
            "summoned": sum(r[1] for r in by_category.values()),
            "attended": sum(r[2] for r in by_category.values()),
            "by_category": [(name, *row) for name, row in by_category.items()],
        }

    def action_view_preparation(self):
        """The preparation board of this dialogue: its tasks by agency."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_preparation_task_action")
        action["domain"] = [("dialogue_id", "=", self.id)]
        action["context"] = {"default_dialogue_id": self.id, "group_by": "organization_id"}
        return action
