"""Python 3.11 compatibility layer for Odoo 11.0.

Odoo 11.0 was written for Python 3.5/3.6. Python 3.7 to 3.11 and a few
libraries removed things it relies on. This package puts back exactly those
things, each patch guarded so that it does nothing where the old behaviour is
still present.

``install()`` is called from a ``.pth`` file in the virtualenv, so the layer
is active before anything (Odoo's launcher, pytest-odoo's plugin) imports
``odoo``. It never imports ``odoo`` itself: the Odoo-specific fixes run right
after the module they target is imported, through an import hook.
"""
from . import stdlib, hooks

_installed = False


def install():
    """Apply the stdlib aliases now and register the post-import fixes."""
    global _installed
    if _installed:
        return
    _installed = True
    stdlib.apply()
    hooks.register()
