from . import doithoai_answer_wizard
from . import doithoai_answer_wizard_line
from . import doithoai_question_merge_wizard
from . import doithoai_conclusion_wizard
from . import doithoai_conclusion_wizard_line
from . import doithoai_extension_wizard
from . import doithoai_yearly_report_wizard
from . import doithoai_extension_request_wizard
