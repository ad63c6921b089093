"""Every group × (own, child, sibling, parent organization) × model × operation, as real users.

The user's organization is commune A. Records live in A ("own"), in a village below A
("child"), in commune B ("sibling") and in the province above both ("parent").

A permitted attempt must go through the end of its request (flush and precommit hooks);
a denied one must be denied by the access rights (AccessError): a business rule's UserError
or ValidationError on the way is another failure, reported as such.
"""
import logging
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import end_request

_logger = logging.getLogger(__name__)

GROUPS = ("viewer", "officer", "manager", "responder", "supervisor", "admin")
RELATIONS = ("own", "child", "sibling", "parent")
MODELS = ("plan", "dialogue", "agenda", "budget", "question", "assignment")
OPS = ("read", "write", "create", "unlink")
INSIDE = {"own", "child"}
ALL = set(RELATIONS)

# What each group may do, per model and operation: the set of relations allowed.
EXPECTED = {
    "viewer": {m: {"read": INSIDE} for m in MODELS},
    "supervisor": {m: {"read": INSIDE} for m in MODELS},
    "officer": {
        "plan": {"read": INSIDE, "write": INSIDE, "create": INSIDE},
        "dialogue": {"read": INSIDE, "write": INSIDE, "create": INSIDE},
        "agenda": dict.fromkeys(OPS, INSIDE),
        "budget": dict.fromkeys(OPS, INSIDE),
        "question": dict.fromkeys(OPS, INSIDE),
        "assignment": {"read": INSIDE, "write": INSIDE, "create": INSIDE},
    },
    "manager": {
        **{m: dict.fromkeys(OPS, INSIDE) for m in MODELS},
    },
    "responder": {
        "dialogue": {"read": INSIDE},
        "question": {"read": INSIDE},
        "assignment": {"read": INSIDE, "write": INSIDE},
    },
    "admin": {m: dict.fromkeys(OPS, ALL) for m in MODELS},
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        province = Org.create({"name": "Tỉnh M", "kind": "government"})
        commune_a = Org.create({"name": "Xã A", "kind": "government", "parent_id": province.id})
        village = Org.create({"name": "Thôn A1", "kind": "other", "parent_id": commune_a.id})
        commune_b = Org.create({"name": "Xã B", "kind": "government", "parent_id": province.id})
        cls.orgs = {"own": commune_a, "child": village, "sibling": commune_b, "parent": province}
        cls.users = {
            group: new_test_user(cls.env, login=f"matrix_{group}", groups=f"doithoai_module.group_doithoai_{group}",
                                 doithoai_organization_ids=[commune_a.id])
            for group in GROUPS
        }
        cls.records = {rel: cls._make_records(org) for rel, org in cls.orgs.items()}
        end_request(cls.env)

    @classmethod
    def _make_records(cls, org, confidential=False):
        env = cls.env
        plan = env["doithoai.plan"].create({"name": f"Kế hoạch {org.name}", "organization_id": org.id, "year": 2026})
        dialogue = env["doithoai.dialogue"].create({
            "name": f"Đối thoại {org.name}", "organization_id": org.id, "plan_id": plan.id,
            "date_start": datetime(2026, 12, 10, 1, 0),
        })
        agenda = env["doithoai.agenda.line"].create({"dialogue_id": dialogue.id, "name": "Khai mạc"})
        budget = env["doithoai.budget.line"].create({"dialogue_id": dialogue.id, "name": "Hội trường", "amount": 1000})
        question = env["doithoai.question"].create({
            "dialogue_id": dialogue.id, "content": f"Câu hỏi ở {org.name}", "confidential": confidential,
        })
        assignment = env["doithoai.assignment"].create({
            "name": f"Giải quyết ở {org.name}", "dialogue_id": dialogue.id, "organization_id": org.id,
            "question_ids": [question.id], "notice_date": "2026-12-15",
        })
        return {"plan": plan, "dialogue": dialogue, "agenda": agenda, "budget": budget,
                "question": question, "assignment": assignment}

    def _create_values(self, model, relation):
        records = self.records[relation]
        org = self.orgs[relation]
        return {
            "plan": {"name": "Mới", "organization_id": org.id, "year": 2026},
            "dialogue": {"name": "Mới", "organization_id": org.id, "date_start": datetime(2026, 12, 20, 1, 0)},
            "agenda": {"dialogue_id": records["dialogue"].id, "name": "Mới"},
            "budget": {"dialogue_id": records["dialogue"].id, "name": "Mới", "amount": 5},
            "question": {"dialogue_id": records["dialogue"].id, "content": "Mới"},
            "assignment": {"name": "Mới", "dialogue_id": records["dialogue"].id, "organization_id": org.id,
                           "notice_date": "2026-12-15"},
        }[model]

    def _write_values(self, group, model):
        if model == "assignment" and group == "responder":
            return {"result": "<p>Đã xử lý</p>"}
        return {"question": {"content": "Sửa"}, "agenda": {"name": "Sửa"}, "budget": {"name": "Sửa"}}.get(
            model, {"name": "Sửa"})

    def _attempt(self, group, relation, model, op):
        """"allowed", "denied" (AccessError) or the other error the attempt met."""
        user = self.users[group]
        record = self.records[relation][model]
        try:
            with self.env.cr.savepoint():
                if op == "read":
                    record.with_user(user).read(["display_name"])
                elif op == "write":
                    record.with_user(user).write(self._write_values(group, model))
                elif op == "create":
                    self.env[record._name].with_user(user).create(self._create_values(model, relation))
                else:  # a fresh record with nothing hanging on it
                    fresh = self.env[record._name].create(self._create_values(model, relation))
                    end_request(self.env)
                    fresh.with_user(user).unlink()
                end_request(self.env)
                record.invalidate_recordset()
                raise _Rollback
        except _Rollback:
            return "allowed"
        except AccessError:
            return "denied"
        except UserError as error:  # ValidationError included: not the access rights' answer
            return f"{type(error).__name__}: {error}"

    def test_matrix(self):
        checked = 0
        wrong = []
        for group in GROUPS:
            for model in MODELS:
                for op in OPS:
                    allowed = EXPECTED[group].get(model, {}).get(op, set())
                    for relation in RELATIONS:
                        got = self._attempt(group, relation, model, op)
                        expected = "allowed" if relation in allowed else "denied"
                        checked += 1
                        if got != expected:
                            wrong.append(f"{group} {op} {model} ({relation}): {got}, expected {expected}")
        _logger.info("access matrix: %d cases checked", checked)
        print(f"\naccess matrix: {checked} cases checked")
        self.assertEqual(checked, len(GROUPS) * len(MODELS) * len(OPS) * len(RELATIONS))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_confidential_questions(self):
        secret = {rel: self._make_records(org, confidential=True) for rel, org in self.orgs.items()}
        readers = {"manager": INSIDE, "admin": ALL, "responder": INSIDE}
        checked = 0
        for group in GROUPS:
            user = self.users[group]
            for relation in RELATIONS:
                question = secret[relation]["question"].with_user(user)
                visible = bool(self.env["doithoai.question"].with_user(user).search([("id", "=", question.id)]))
                self.assertEqual(visible, relation in readers.get(group, set()),
                                 f"{group} searching a confidential question ({relation})")
                assignment = self.env["doithoai.assignment"].with_user(user).search(
                    [("id", "=", secret[relation]["assignment"].id)])
                self.assertEqual(bool(assignment), relation in readers.get(group, set()),
                                 f"{group} searching an assignment that carries a confidential question ({relation})")
                checked += 2
        # Statistics: a viewer's grouped counts never include confidential questions.
        viewer = self.users["viewer"]
        groups = self.env["doithoai.question"].with_user(viewer)._read_group([], [], ["__count"])
        self.assertEqual(groups[0][0], 2, "own and child non-confidential questions only")
        print(f"\nconfidential questions: {checked} cases checked")

    def test_responder_sees_confidential_question_only_through_its_assignment(self):
        responder = self.users["responder"]
        secret = self._make_records(self.orgs["sibling"], confidential=True)
        Question = self.env["doithoai.question"].with_user(responder)
        self.assertFalse(Question.search([("id", "=", secret["question"].id)]))
        # The host (commune B's leader) assigns its confidential question to the responder's commune.
        host_leader = new_test_user(self.env, login="matrix_sibling_manager",
                                    groups="doithoai_module.group_doithoai_manager",
                                    doithoai_organization_ids=[self.orgs["sibling"].id])
        self.env["doithoai.assignment"].with_user(host_leader).create({
            "name": "Giao xã A", "dialogue_id": secret["dialogue"].id, "organization_id": self.orgs["own"].id,
            "question_ids": [secret["question"].id], "notice_date": "2026-12-15",
        })
        end_request(self.env)
        self.assertEqual(Question.search([("id", "=", secret["question"].id)]).content, "Câu hỏi ở Xã B")

    def test_leader_only_stage_moves(self):
        officer, manager = self.users["officer"], self.users["manager"]
        dialogue = self.records["own"]["dialogue"]
        dialogue.with_user(officer).action_submit()
        end_request(self.env)
        with self.assertRaisesRegex(UserError, "Only a leader"):
            dialogue.with_user(officer).action_approve()
        self.assertEqual(dialogue.state, "approval")
        dialogue.with_user(manager).action_approve()
        end_request(self.env)
        self.assertEqual(dialogue.state, "preparation")
        self.assertEqual(dialogue.approved_by_id, manager)
        with self.assertRaisesRegex(UserError, "Only a leader"):
            dialogue.with_user(officer).write({"active": False})

    def test_responder_cannot_extend_or_reassign(self):
        responder = self.users["responder"]
        assignment = self.records["own"]["assignment"].with_user(responder)
        with self.assertRaisesRegex(UserError, "Only a leader grants an extension"):
            assignment.write({"extension_date": "2027-06-30", "extension_reason": "Cần thêm thời gian"})
        with self.assertRaisesRegex(UserError, "cannot change"):
            assignment.write({"organization_id": self.orgs["sibling"].id})
        # what it may do: ask the host's leader for more time
        action = assignment.action_request_extension()
        wizard = self.env[action["res_model"]].with_user(responder).with_context(action["context"]).create({
            "date_proposed": assignment.date_due + timedelta(days=30), "reason": "Cần thêm thời gian"})
        wizard.action_request()
        end_request(self.env)
        self.assertTrue(self.records["own"]["assignment"].activity_ids)


class _Rollback(Exception):
    """Undoes a permitted attempt so the next case starts from the same data."""
