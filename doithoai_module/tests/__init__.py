from . import test_install, test_ui
from . import test_access_matrix
