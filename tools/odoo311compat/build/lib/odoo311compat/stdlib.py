"""Aliases for standard-library names that Python removed."""
import base64
import collections
import collections.abc
import inspect
import threading
from collections import namedtuple

ArgSpec = namedtuple("ArgSpec", "args varargs keywords defaults")

APPLIED = []


def _getargspec(func):
    """inspect.getargspec as it was: built on getfullargspec, which also
    accepts functions with annotations or keyword-only arguments."""
    spec = inspect.getfullargspec(func)
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def _formatargspec(args, varargs=None, varkw=None, defaults=None, *_ignored,
                   formatarg=str,
                   formatvarargs=lambda name: "*" + name,
                   formatvarkw=lambda name: "**" + name,
                   formatvalue=lambda value: "=" + repr(value)):
    """inspect.formatargspec as it was for plain (args, varargs, varkw,
    defaults) specs, which is all Odoo passes."""
    specs = []
    firstdefault = len(args) - len(defaults) if defaults else None
    for i, arg in enumerate(args):
        spec = formatarg(arg)
        if defaults and i >= firstdefault:
            spec += formatvalue(defaults[i - firstdefault])
        specs.append(spec)
    if varargs is not None:
        specs.append(formatvarargs(varargs))
    if varkw is not None:
        specs.append(formatvarkw(varkw))
    return "(" + ", ".join(specs) + ")"


def apply():
    # 1. Python 3.10 removed the ABC aliases from `collections`; Odoo 11
    # imports Mapping, Iterable, ... from there (models, api, tools, qweb).
    for name in collections.abc.__all__:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
            APPLIED.append("collections." + name)

    # 2. Python 3.11 removed inspect.getargspec/formatargspec; Odoo 11 uses
    # them in api.py (decorators), tools/cache.py (ormcache) and http.py.
    if not hasattr(inspect, "getargspec"):
        inspect.getargspec = _getargspec
        APPLIED.append("inspect.getargspec")
    if not hasattr(inspect, "formatargspec"):
        inspect.formatargspec = _formatargspec
        APPLIED.append("inspect.formatargspec")

    # 3. Python 3.9 removed base64.encodestring/decodestring; Odoo 11 uses
    # them for attachments, report PDFs, menu icons and translations.
    if not hasattr(base64, "encodestring"):
        base64.encodestring = base64.encodebytes
        APPLIED.append("base64.encodestring")
    if not hasattr(base64, "decodestring"):
        base64.decodestring = base64.decodebytes
        APPLIED.append("base64.decodestring")

    # 4. Python 3.9 removed Thread.isAlive; Odoo 11's server shutdown and
    # test helpers call it.
    if not hasattr(threading.Thread, "isAlive"):
        threading.Thread.isAlive = threading.Thread.is_alive
        APPLIED.append("threading.Thread.isAlive")
