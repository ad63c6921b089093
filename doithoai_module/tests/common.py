"""Shared set-up of the doithoai tests: organisations, users, dates in Vietnam's time, workflow steps.

Every test creates its own records (demo data is not relied upon); only the shipped
data (stages, default deadline rules, the Vietnamese civil service calendar with its
2026-2027 holidays) is used.

Tests work the way people do: set-up data (organisations, users, calendars) is made as
superuser, but every step under test runs as the user of the role (`with_user`), and
ends as a request ends (`end_request`): the ORM flushes and the cursor runs its precommit
hooks, where Odoo writes tracking values. A TransactionCase never commits, so without it
what breaks at commit in production (tracking of a field, a constraint checked on flush)
would pass unseen.
"""
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
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


def end_request(env):
    """What the end of a request does before it commits: flush the ORM, then run the
    precommit hooks (tracking values, ...). Every environment of a test shares the cursor."""
    env.flush_all()
    env.cr.flush()


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
        # Real users, one per role: the province's leader (approves, concludes, extends), its
        # officer (prepares, records answers), a viewer, the module's administrator (calendars,
        # holidays, rules), and the responding agency cls.agency (resolves its assignments).
        cls.leader = cls._user("Lãnh đạo Test", "doithoai_test_leader", "manager", cls.province)
        cls.officer = cls._user("Chuyên viên Test", "doithoai_test_officer", "officer", cls.province)
        cls.viewer = cls._user("Người xem Test", "doithoai_test_viewer", "viewer", cls.province)
        cls.admin_user = cls._user("Quản trị Test", "doithoai_test_admin", "admin", cls.province)
        cls.responder = cls._user("Sở Lao động xử lý", "doithoai_test_responder", "responder", cls.agency)
        end_request(cls.env)

    @classmethod
    def _user(cls, name, login, group, organizations):
        """A user of one doithoai group (viewer, officer, manager, responder, supervisor, admin)."""
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": login, "tz": "Asia/Ho_Chi_Minh",
            "email": f"{login}@doithoai.example",
            "group_ids": [(6, 0, [cls.env.ref(f"doithoai_module.group_doithoai_{group}").id])],
            "doithoai_organization_ids": [(6, 0, organizations.ids)],
        })

    @classmethod
    def end_request(cls):
        """Ends the current request: call it after every step that writes."""
        end_request(cls.env)

    def assertRaises(self, exception, func=None, *args, **kwargs):  # noqa: N802
        """Odoo's assertRaises (a savepoint: the failed request is rolled back), except that
        an AccessError never passes for a UserError or ValidationError: AccessError is a
        subclass of UserError, and a user refused by the access rights is not a user refused
        by a business rule. Expect AccessError itself where the access rights should refuse."""
        if func is not None:
            with self.assertRaises(exception, **kwargs):
                func(*args)
            return None
        return self._assert_raises_not_access(exception, **kwargs)

    @contextmanager
    def _assert_raises_not_access(self, exception, **kwargs):
        with super().assertRaises(exception, **kwargs) as cm:
            yield cm
        if isinstance(cm.exception, AccessError) and not (
                isinstance(exception, type) and issubclass(exception, AccessError)):
            self.fail(f"expected {exception.__name__}, got an AccessError: {cm.exception}")

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    # Each helper is one request of the user of the role, and returns the record as seen
    # by that user (the officer for dialogues and questions, the leader for assignments).
    @classmethod
    def _dialogue(cls, start, organization=None, user=None, **vals):
        """The officer proposes a dialogue."""
        dialogue = cls.Dialogue.with_user(user or cls.officer).create(dict({
            "name": "Đối thoại với hội viên phụ nữ",
            "organization_id": (organization or cls.commune).id,
            "date_start": start,
        }, **vals))
        end_request(cls.env)
        return dialogue

    @classmethod
    def _approve(cls, dialogue):
        """The officer submits, the leader approves."""
        dialogue.with_user(cls.officer).action_submit()
        end_request(cls.env)
        dialogue.with_user(cls.leader).action_approve()
        end_request(cls.env)
        return dialogue

    @classmethod
    def _hold(cls, dialogue):
        """Proposal -> approval -> preparation -> invited -> held (the session must be in the past)."""
        cls._approve(dialogue)
        dialogue.with_user(cls.officer).action_mark_invited()
        end_request(cls.env)
        dialogue.with_user(cls.officer).action_mark_held()
        end_request(cls.env)
        return dialogue

    @classmethod
    def _question(cls, dialogue, content="Xin hỏi về chế độ thai sản cho lao động nữ tự do?", user=None, **vals):
        """The officer records a question."""
        question = cls.Question.with_user(user or cls.officer).create(dict({
            "dialogue_id": dialogue.id,
            "content": content,
            "asker_ids": [(6, 0, cls.asker_a.ids)],
            "field_id": cls.field_social.id,
            "competent_organization_id": cls.agency.id,
        }, **vals))
        end_request(cls.env)
        return question

    @classmethod
    def _assignment(cls, dialogue, notice_date, user=None, **vals):
        """The leader gives an assignment to an agency (cls.agency unless told)."""
        assignment = cls.Assignment.with_user(user or cls.leader).create(dict({
            "name": "Giải quyết kiến nghị về chế độ thai sản",
            "dialogue_id": dialogue.id,
            "organization_id": cls.agency.id,
            "notice_date": notice_date,
        }, **vals))
        end_request(cls.env)
        return assignment

    @classmethod
    def _holiday(cls, name, day_from, day_to=None, calendar=None):
        """The module's administrator declares a public holiday."""
        start, end = vn_day_bounds(day_from, day_to)
        holiday = cls.env["resource.calendar.leaves"].with_user(cls.admin_user).create({
            "name": name,
            "calendar_id": (calendar or cls.calendar).id,
            "date_from": start,
            "date_to": end,
        })
        end_request(cls.env)
        return holiday

    def stage_state(self, record):
        return record.stage_id.state
