from networks.views.calendar import *  # noqa: F403
from networks.views.network import *  # noqa: F403
from networks.views.plan import *  # noqa: F403
from networks.views.program import *  # noqa: F403
