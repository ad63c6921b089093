"""A sample of the access matrix's denials, repeated over JSON-RPC against the running server."""
from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import end_request

PASSWORD = "Doithoai-2026"


@tagged("post_install", "-at_install")
class TestAccessOverRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        province = Org.create({"name": "Tỉnh R", "kind": "government"})
        cls.own = Org.create({"name": "Xã R1", "kind": "government", "parent_id": province.id})
        cls.sibling = Org.create({"name": "Xã R2", "kind": "government", "parent_id": province.id})
        cls.users = {
            group: new_test_user(cls.env, login=f"rpc_{group}", password=PASSWORD,
                                 groups=f"doithoai_module.group_doithoai_{group}", lang="vi_VN",
                                 doithoai_organization_ids=[cls.own.id])
            for group in ("viewer", "officer", "responder", "supervisor")
        }
        Dialogue = cls.env["doithoai.dialogue"]
        cls.own_dialogue = Dialogue.create({"name": "Đối thoại R1", "organization_id": cls.own.id,
                                            "date_start": datetime(2026, 12, 10, 1, 0)})
        cls.sibling_dialogue = Dialogue.create({"name": "Đối thoại R2", "organization_id": cls.sibling.id,
                                                "date_start": datetime(2026, 12, 10, 1, 0)})
        cls.own_dialogue.with_user(cls.users["officer"]).action_submit()
        end_request(cls.env)
        Question = cls.env["doithoai.question"]
        cls.public_question = Question.create({"dialogue_id": cls.own_dialogue.id, "content": "Câu hỏi công khai"})
        cls.secret_question = Question.create({"dialogue_id": cls.own_dialogue.id, "content": "Việc nội bộ",
                                               "confidential": True})
        end_request(cls.env)

    def _call(self, group, model, method, *args, **kwargs):
        """execute_kw over /jsonrpc as that user, in Vietnamese as the web client asks;
        returns (result, error message, error class name)."""
        kwargs.setdefault("context", {"lang": "vi_VN"})
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, self.users[group].id, PASSWORD, model, method, list(args), kwargs],
        }}
        response = self.url_open("/jsonrpc", json=payload).json()
        error = response.get("error")
        return response.get("result"), error and error["data"]["message"], error and error["data"]["name"]

    def test_denials_over_jsonrpc(self):
        checked = 0
        access_error, user_error = "odoo.exceptions.AccessError", "odoo.exceptions.UserError"
        _res, error, kind = self._call("viewer", "doithoai.dialogue", "write", [self.own_dialogue.id], {"name": "x"})
        self.assertEqual(kind, access_error, error)
        self.assertIn("không được phép sửa", error)
        checked += 1
        _res, error, kind = self._call("viewer", "doithoai.dialogue", "read", [self.sibling_dialogue.id], ["name"])
        self.assertEqual(kind, access_error, f"a viewer must not read a sibling commune's dialogue: {error}")
        checked += 1
        _res, error, kind = self._call("officer", "doithoai.dialogue", "action_approve", [self.own_dialogue.id])
        self.assertEqual(kind, user_error, error)
        self.assertIn("Chỉ lãnh đạo mới được phê duyệt", error)
        self.assertEqual(self.own_dialogue.state, "approval")
        checked += 1
        _res, error, kind = self._call("officer", "doithoai.dialogue", "create",
                                       {"name": "Lén tạo", "organization_id": self.sibling.id,
                                        "date_start": "2026-12-20 01:00:00"})
        self.assertEqual(kind, access_error, f"an officer must not create in a sibling commune: {error}")
        checked += 1
        _res, error, kind = self._call("responder", "doithoai.plan", "search_read", [], fields=["name"])
        self.assertEqual(kind, access_error, f"a responding agency has no access to plans: {error}")
        checked += 1
        found, error, _kind = self._call("supervisor", "doithoai.question", "search_read",
                                         [["dialogue_id", "=", self.own_dialogue.id]], fields=["content"])
        self.assertFalse(error)
        self.assertEqual([q["content"] for q in found], ["Câu hỏi công khai"])
        checked += 1
        print(f"\naccess over JSON-RPC: {checked} cases checked")
