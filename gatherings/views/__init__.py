from gatherings.views.calendar import *  # noqa: F403
from gatherings.views.plan import *  # noqa: F403
from gatherings.views.program import *  # noqa: F403
