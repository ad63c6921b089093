"""One place for the checks every typed value goes through, whatever the door (form, RPC, import).

A model inherits ``doithoai.input.mixin`` and gets, in ``create`` and ``write``, before anything
reaches the database:

- free text limited in length (``_doithoai_max_length`` per field, else by type), NUL bytes
  stripped (PostgreSQL refuses them);
- dates and years inside ``YEAR_MIN``–``YEAR_MAX`` (deadlines in working days cannot be counted
  from year 1 or towards 9999), integers that are numbers, dates that are dates;
- many2one ids that exist;

and, in ``unlink``, a clear refusal naming what still uses the record (``ondelete="restrict"``).
Every refusal is a ``ValidationError``/``UserError`` saying what to do.
"""
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

YEAR_MIN = 2000
YEAR_MAX = 2100
# Default limits by field type; a model narrows or widens them in _doithoai_max_length.
MAX_LENGTH = {"char": 500, "text": 5000, "html": 200_000}


class DoithoaiInputMixin(models.AbstractModel):
    _name = "doithoai.input.mixin"
    _description = "Input Checks"

    # {field name: maximum number of characters}, over the defaults of MAX_LENGTH.
    _doithoai_max_length = {}

    @api.model_create_multi
    def create(self, vals_list):
        # One query per related model and one default_get for the whole batch, not per record.
        existing = self._doithoai_existing_ids(vals_list)
        vals_list = [self._doithoai_check_input(dict(vals), existing) for vals in vals_list]
        defaults = {}
        for vals in vals_list:
            self._doithoai_check_required(vals, creating=True, defaults=defaults)
        return super().create(vals_list)

    def write(self, vals):
        vals = self._doithoai_check_input(dict(vals))
        self._doithoai_check_required(vals)
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")  # no right to delete: say that, not what uses the record
        self._doithoai_check_unused()
        return super().unlink()

    # ------------------------------------------------------------------
    @api.model
    def _doithoai_field_label(self, field):
        return field._description_string(self.env) or field.name

    @api.model
    def _doithoai_check_required(self, vals, creating=False, defaults=None):
        """A required field left empty: say which, before the database refuses it.
        `defaults`: a dict shared by the records of one create, filled once."""
        names = [name for name, field in self._fields.items()
                 if field.required and field.store and not field.compute and field.type != "boolean"
                 and (name in vals and vals[name] in (False, None, "")
                      or creating and name not in vals)]
        if creating and names:
            defaults = {} if defaults is None else defaults
            missing = [name for name in names if name not in vals and name not in defaults]
            if missing:
                defaults.update(dict.fromkeys(missing), **self.default_get(missing))
            names = [name for name in names if name in vals or not defaults.get(name)]
        if names:
            raise ValidationError(self.env._(
                "“%(field)s” is required: fill it in before saving.",
                field=self._doithoai_field_label(self._fields[names[0]])))

    @api.model
    def _doithoai_existing_ids(self, vals_list):
        """{comodel: ids that exist} for the many2one ids of these values, a query per comodel."""
        wanted = {}
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is not None and field.type == "many2one" and type(value) is int:
                    wanted.setdefault(field.comodel_name, set()).add(value)
        return {model: set(self.env[model].sudo().browse(list(ids)).exists().ids)
                for model, ids in wanted.items()}

    @api.model
    def _doithoai_check_input(self, vals, existing=None):
        """The values about to be written, checked and cleaned (NUL bytes dropped).
        `existing`: from _doithoai_existing_ids, to check many2one ids without a query each."""
        for name, value in list(vals.items()):
            field = self._fields.get(name)
            if field is None or value is None or value is False:
                continue
            if existing and field.type == "many2one" and type(value) is int \
                    and value in existing.get(field.comodel_name, ()):
                continue
            check = getattr(self, f"_doithoai_check_{field.type}", None)
            if check:
                cleaned = check(field, value)
                if cleaned is not value:
                    vals[name] = cleaned
        return vals

    def _doithoai_check_text(self, field, value):
        if not isinstance(value, str):
            return value
        value = value.replace("\x00", "")
        limit = self._doithoai_max_length.get(field.name) or MAX_LENGTH.get(field.type)
        if limit and len(value) > limit:
            raise ValidationError(self.env._(
                "“%(field)s” is too long: %(length)s characters, at most %(limit)s. "
                "Shorten it, or attach the full text as a file.",
                field=self._doithoai_field_label(field), length=len(value), limit=limit))
        return value

    _doithoai_check_char = _doithoai_check_text
    _doithoai_check_html = _doithoai_check_text

    def _doithoai_year_range(self, field, year):
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(self.env._(
                "“%(field)s” must fall between the years %(min)s and %(max)s (%(year)s was given).",
                field=self._doithoai_field_label(field), min=YEAR_MIN, max=YEAR_MAX, year=year))

    def _doithoai_check_date(self, field, value):
        try:
            day = fields.Date.to_date(value) if not isinstance(value, date) else value
        except (ValueError, TypeError):
            day = None
        if not day:
            raise ValidationError(self.env._(
                "“%(field)s” is not a valid date (%(value)s): give a date such as 31/12/2026.",
                field=self._doithoai_field_label(field), value=str(value)[:40]))
        self._doithoai_year_range(field, day.year)
        return value

    def _doithoai_check_datetime(self, field, value):
        try:
            moment = fields.Datetime.to_datetime(value) if not isinstance(value, datetime) else value
        except (ValueError, TypeError):
            moment = None
        if not moment:
            raise ValidationError(self.env._(
                "“%(field)s” is not a valid date and time (%(value)s): give one such as 31/12/2026 08:00.",
                field=self._doithoai_field_label(field), value=str(value)[:40]))
        self._doithoai_year_range(field, moment.year)
        return value

    def _doithoai_check_integer(self, field, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            number = None
        else:
            try:
                number = int(value)
            except (ValueError, OverflowError):
                number = None
        if number is None or not -2**31 <= number < 2**31:
            raise ValidationError(self.env._(
                "“%(field)s” must be a whole number (%(value)s was given).",
                field=self._doithoai_field_label(field), value=str(value)[:40]))
        if field.name == "year":
            self._doithoai_year_range(field, number)
        return value

    def _doithoai_check_many2one(self, field, value):
        record_id = value.id if isinstance(value, models.BaseModel) else value
        if not isinstance(record_id, int) or isinstance(record_id, bool) \
                or not self.env[field.comodel_name].sudo().browse(record_id).exists():
            raise ValidationError(self.env._(
                "“%(field)s”: the chosen record (%(value)s) does not exist or was deleted. "
                "Choose another one from the list.",
                field=self._doithoai_field_label(field), value=str(record_id)[:40]))
        return value

    # ------------------------------------------------------------------
    def _doithoai_check_unused(self):
        """Refuse to delete what another record still needs (ondelete="restrict"), by name."""
        if not self:
            return
        for model_name, field_name in self._doithoai_restricting_fields():
            Model = self.env[model_name].sudo().with_context(active_test=False)
            users = Model.search([(field_name, "in", self.ids)], limit=1)
            if users:
                used = self.browse(users[field_name].ids[:1])
                raise UserError(self.env._(
                    "“%(record)s” cannot be deleted: %(model)s “%(user)s” still uses it. "
                    "Archive it instead, or first remove it from there.",
                    record=used.display_name, model=self.env["ir.model"].sudo()._get(model_name).name,
                    user=users.display_name))

    def _doithoai_restricting_fields(self):
        cache = self.env.registry.__dict__.setdefault("_doithoai_restricting", {})
        if self._name not in cache:
            cache[self._name] = [
                (model._name, field.name)
                for model in self.env.registry.values() if not model._abstract
                for field in model._fields.values()
                if field.type == "many2one" and field.comodel_name == self._name
                and field.store and field.ondelete == "restrict"
            ]
        return cache[self._name]

    # ------------------------------------------------------------------
    def _creation_message(self):
        """The chatter's first line, from the code translations: mail names the model through
        ir.model, whose Vietnamese name is loaded only after the module's data and demo, so
        records created during the install read "Dialogue Session được tạo"."""
        # Without a language in the context (install, cron), the user's, as mail's own _() does.
        env = self.env if self.env.lang else self.with_context(
            lang=self.env["res.users"].context_get().get("lang")).env
        created = {
            "doithoai.dialogue": env._("Dialogue session created"),
            "doithoai.question": env._("Question created"),
            "doithoai.assignment": env._("Assignment created"),
            "doithoai.plan": env._("Dialogue plan created"),
            "doithoai.organization": env._("Organization created"),
        }
        return created.get(self._name) or super()._creation_message()
