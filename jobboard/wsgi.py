import os

from django.core.wsgi import get_wsgi_application

# Set before the settings load: the web process's database connections get a statement
# timeout (settings.py, DATABASES) that management commands, which start from manage.py and
# never import this module, must not get. runserver loads the settings first, so it has none.
os.environ["JOBBOARD_WEB_PROCESS"] = "1"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
application = get_wsgi_application()
