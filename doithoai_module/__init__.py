from . import models
from . import wizard
from . import controllers


def _post_init_hook(env):
    """Once the module and its translations are loaded (the demo's papers are Vietnamese):
    concluded dialogues recorded with their notice's number and date enter the register as
    issued then (the demo's past dialogues; nothing in a database without data)."""
    env["doithoai.dialogue"].with_context(lang="vi_VN")._issue_recorded_notices()
    # The demo's signed notice, once issued with its historical number (demo data only).
    dialogue = env.ref("doithoai_module.dialogue_thainguyen_2023", raise_if_not_found=False)
    if dialogue:
        env["doithoai.certificate"].with_context(lang="vi_VN")._demo_sign_notice(
            "doithoai_module.dialogue_thainguyen_2023")
