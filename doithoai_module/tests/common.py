"""Shared set-up of the doithoai tests: organisations, dates in Vietnam's time, workflow steps.

Every test creates its own records (demo data is not relied upon); only the shipped
data (stages, default deadline rules, the Vietnamese civil service calendar with its
2026-2027 holidays) is used.
"""
from datetime import date, datetime, timedelta

from odoo.tests import TransactionCase

# "Today" in the project context: Sunday 22 November 2026, 10:00 in Hanoi.
TODAY = date(2026, 11, 22)
NOW_UTC = "2026-11-22 03:00:00"
VN_OFFSET = timedelta(hours=7)


def vn(year, month, day, hour=8, minute=0):
    """A naive UTC datetime (as stored by Odoo) for this local time in Vietnam (UTC+7)."""
    return datetime(year, month, day, hour, minute) - VN_OFFSET


def vn_day_bounds(day_from, day_to=None):
    """date_from/date_to (UTC) of a public holiday covering these local days, as the shipped data does."""
    day_to = day_to or day_from
    start = datetime.combine(day_from, datetime.min.time()) - VN_OFFSET
    end = datetime.combine(day_to, datetime.min.time()) + timedelta(days=1) - VN_OFFSET - timedelta(seconds=1)
    return start, end


class DoithoaiCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Asia/Ho_Chi_Minh"))
        cls.calendar = cls.env.ref("doithoai_module.calendar_vn_civil_service")
        cls.Dialogue = cls.env["doithoai.dialogue"]
        cls.Question = cls.env["doithoai.question"]
        cls.Assignment = cls.env["doithoai.assignment"]
        Org = cls.env["doithoai.organization"]
        cls.province = Org.create({
            "name": "UBND tỉnh Test", "kind": "government", "code": "UBND",
            "level_id": cls.env.ref("doithoai_module.level_province").id,
        })
        cls.commune = Org.create({
            "name": "UBND xã Test", "kind": "government", "parent_id": cls.province.id,
            "level_id": cls.env.ref("doithoai_module.level_commune").id,
        })
        cls.agency = Org.create({
            "name": "Sở Lao động Test", "kind": "department", "parent_id": cls.province.id,
        })
        cls.agency_2 = Org.create({
            "name": "Sở Y tế Test", "kind": "department", "parent_id": cls.province.id,
        })
        Partner = cls.env["res.partner"]
        cls.asker_a = Partner.create({"name": "Nguyễn Thị An"})
        cls.asker_b = Partner.create({"name": "Trần Thị Bình"})
        cls.asker_c = Partner.create({"name": "Lê Thị Cúc"})
        cls.host = Partner.create({"name": "Chủ tịch UBND xã Test"})
        cls.field_social = cls.env.ref("doithoai_module.field_social")
        # Real users of the province: a leader (approves, concludes, extends) and an officer.
        Users = cls.env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
        cls.leader = Users.create({
            "name": "Lãnh đạo Test", "login": "doithoai_test_leader", "tz": "Asia/Ho_Chi_Minh",
            "group_ids": [(6, 0, [cls.env.ref("doithoai_module.group_doithoai_manager").id])],
            "doithoai_organization_ids": [(6, 0, cls.province.ids)],
        })
        cls.officer = Users.create({
            "name": "Chuyên viên Test", "login": "doithoai_test_officer", "tz": "Asia/Ho_Chi_Minh",
            "group_ids": [(6, 0, [cls.env.ref("doithoai_module.group_doithoai_officer").id])],
            "doithoai_organization_ids": [(6, 0, cls.province.ids)],
        })

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    @classmethod
    def _dialogue(cls, start, organization=None, **vals):
        return cls.Dialogue.create(dict({
            "name": "Đối thoại với hội viên phụ nữ",
            "organization_id": (organization or cls.commune).id,
            "date_start": start,
        }, **vals))

    @classmethod
    def _approve(cls, dialogue):
        dialogue.action_submit()
        dialogue.action_approve()
        return dialogue

    @classmethod
    def _hold(cls, dialogue):
        """Proposal -> approval -> preparation -> invited -> held (the session must be in the past)."""
        cls._approve(dialogue)
        dialogue.action_mark_invited()
        dialogue.action_mark_held()
        return dialogue

    @classmethod
    def _question(cls, dialogue, content="Xin hỏi về chế độ thai sản cho lao động nữ tự do?", **vals):
        return cls.Question.create(dict({
            "dialogue_id": dialogue.id,
            "content": content,
            "asker_ids": [(6, 0, cls.asker_a.ids)],
            "field_id": cls.field_social.id,
            "competent_organization_id": cls.agency.id,
        }, **vals))

    @classmethod
    def _assignment(cls, dialogue, notice_date, **vals):
        return cls.Assignment.create(dict({
            "name": "Giải quyết kiến nghị về chế độ thai sản",
            "dialogue_id": dialogue.id,
            "organization_id": cls.agency.id,
            "notice_date": notice_date,
        }, **vals))

    @classmethod
    def _holiday(cls, name, day_from, day_to=None, calendar=None):
        start, end = vn_day_bounds(day_from, day_to)
        return cls.env["resource.calendar.leaves"].create({
            "name": name,
            "calendar_id": (calendar or cls.calendar).id,
            "date_from": start,
            "date_to": end,
        })

    def stage_state(self, record):
        return record.stage_id.state
