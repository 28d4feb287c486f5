"""WSGI application factories for gunicorn: `gunicorn 'wsgi_apps:keystone()'`.

The OpenStack apps parse sys.argv with oslo.config when they initialise, and under gunicorn
sys.argv holds gunicorn's own options ("unrecognized arguments: --bind ..."): hide them.
Config files come from OS_KEYSTONE_CONFIG_DIR, OS_PLACEMENT_CONFIG_DIR, OS_NOVA_CONFIG_DIR.
"""
import sys


def _argv(name):
    sys.argv = [name]


def keystone():
    _argv("keystone")
    from keystone.server.wsgi import initialize_public_application
    return initialize_public_application()


def placement():
    _argv("placement-api")
    from placement.wsgi import init_application
    return init_application()


def nova():
    _argv("nova-api")
    from nova.api.openstack.compute.wsgi import init_application
    return init_application()
