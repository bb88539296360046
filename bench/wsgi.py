"""config.wsgi with the benchmark URLconf (`bench/urls.py`: the project's URLs plus /bench/hello/).

gunicorn bench.wsgi -w 2 -b 127.0.0.1:8765
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.urls"
