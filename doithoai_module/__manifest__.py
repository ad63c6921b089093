{
    "name": "Đối thoại",
    "summary": "Dialogues between leaders and the people: questions, "
    "conclusion notices and assignments with legal deadlines",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "license": "LGPL-3",
    "author": "doithoai",
    "website": "https://example.invalid/doithoai",
    "application": True,
    "depends": ["mail", "resource", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "views/doithoai_level_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml"],
    "installable": True,
}
