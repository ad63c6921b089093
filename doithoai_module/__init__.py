from . import models
from . import wizard
from . import controllers


def _post_init_hook(env):
    """Once the module and its translations are loaded (the demo's papers are Vietnamese):
    concluded dialogues recorded with their notice's number and date enter the register as
    issued then (the demo's past dialogues; nothing in a database without data)."""
    env["doithoai.dialogue"].with_context(lang="vi_VN")._issue_recorded_notices()
