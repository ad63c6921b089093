from . import test_install, test_ui
from . import test_access_matrix
from . import test_access_rpc
from . import test_papers
from . import test_reminders
from . import test_workdays
from . import test_deadline_recompute
from . import test_dialogue_flow
from . import test_forms
from . import test_question_merge
from . import test_constraints
from . import test_tracking
from . import test_performance
from . import test_xlsx
from . import test_portal
from . import test_settings
from . import test_user_jobs
from . import test_ui_jobs
