"""Fixes applied to Odoo modules right after they are imported.

A finder placed first on ``sys.meta_path`` lets the normal machinery find the
targeted module and wraps its loader so that, once the module has executed,
the matching ``fix_*`` function adjusts it. Nothing here imports ``odoo``.
"""
import ast
import importlib.abc
import opcode
import sys
import types

APPLIED = []


# 5. Python 3.11 bytecode: the opcode whitelists of safe_eval know only the
# 3.5-3.7 opcodes, so every domain or QWeb expression compiled by 3.11 is a
# "forbidden opcode". These are the 3.8-3.11 opcodes that express what the
# whitelists already allowed (calls, operators, jumps, f-strings, unpacking,
# comprehensions); closures (LOAD_CLOSURE, MAKE_CELL, COPY_FREE_VARS,
# LOAD_DEREF), imports and attribute stores stay refused.
_NEW_CONST_OPCODES = [
    "RESUME", "NOP", "PUSH_NULL", "COPY", "SWAP", "ROT_N",
    "LIST_EXTEND", "LIST_TO_TUPLE", "SET_UPDATE", "DICT_UPDATE",
    "DICT_MERGE", "KW_NAMES", "CACHE",
]
_NEW_EXPR_OPCODES = [
    "BINARY_OP", "IS_OP", "CONTAINS_OP", "FORMAT_VALUE", "BUILD_STRING",
    "UNARY_POSITIVE", "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT",
]
_NEW_SAFE_OPCODES = [
    "PRECALL", "CALL", "CALL_FUNCTION_EX", "LOAD_METHOD",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE",
    "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
    "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE",
    "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP_IF_NOT_EXC_MATCH",
    "RETURN_GENERATOR", "GEN_START",
    "PUSH_EXC_INFO", "CHECK_EXC_MATCH", "RERAISE", "POP_EXCEPT",
    "LOAD_ASSERTION_ERROR",
]


def _opcodes(names):
    return {opcode.opmap[name] for name in names if name in opcode.opmap}


def fix_safe_eval(module):
    if "RESUME" not in opcode.opmap:  # Python < 3.11: whitelists are right
        return
    const = _opcodes(_NEW_CONST_OPCODES)
    expr = const | _opcodes(_NEW_EXPR_OPCODES)
    safe = expr | _opcodes(_NEW_SAFE_OPCODES)
    # in place: ir_qweb imported _SAFE_OPCODES by name
    module._CONST_OPCODES.update(const)
    module._EXPR_OPCODES.update(expr)
    module._SAFE_OPCODES.update(safe)
    APPLIED.append("safe_eval opcodes")


# 8. Python 3.8 made ast.arguments.posonlyargs mandatory and rejects
# Name('None'/'True'/'False'); 3.11 validates AST line ranges. QWeb
# (ir_qweb/qweb.py) builds every template as an AST, so each server-side
# render (login page, reports, mail bodies) failed to compile.
_CONSTANT_NAMES = {"None": None, "True": True, "False": False}


class _AstNormalizer(ast.NodeTransformer):
    def visit_Name(self, node):
        if node.id in _CONSTANT_NAMES and isinstance(node.ctx, ast.Load):
            return ast.copy_location(
                ast.Constant(value=_CONSTANT_NAMES[node.id]), node)
        return node

    def visit_arguments(self, node):
        self.generic_visit(node)
        for field in ("posonlyargs", "args", "kwonlyargs", "kw_defaults",
                      "defaults"):
            if getattr(node, field, None) is None:
                setattr(node, field, [])
        return node


def normalize_ast(tree):
    """Make an AST built the Python 3.6 way compile on 3.11."""
    tree = _AstNormalizer().visit(tree)
    ast.fix_missing_locations(tree)
    for node in ast.walk(tree):
        if "lineno" not in node._attributes:
            continue
        node.end_lineno = max(getattr(node, "end_lineno", None)
                              or node.lineno, node.lineno)
        if node.end_lineno == node.lineno and (
                getattr(node, "end_col_offset", None) is None
                or node.end_col_offset < node.col_offset):
            node.end_col_offset = node.col_offset
    return tree


def _qweb_compile(source, filename, mode, *args, **kwargs):
    if isinstance(source, ast.AST):
        source = normalize_ast(source)
    return compile(source, filename, mode, *args, **kwargs)


def fix_qweb(module):
    if sys.version_info < (3, 8):
        return
    module.compile = _qweb_compile  # shadows the builtin in qweb.py only
    APPLIED.append("qweb ast")


# 6. Python 3.9 removed Element.getchildren(); the web client's template
# bundle (web/controllers/main.py concat_xml) calls it: blank web client.
def fix_web_controllers(module):
    import hashlib
    from xml.etree import ElementTree
    if hasattr(ElementTree.Element, "getchildren"):
        return
    original = module.concat_xml

    def concat_xml(file_list):
        checksum = hashlib.new("sha1")
        if not file_list:
            return b"", checksum.hexdigest()
        root = None
        for fname in file_list:
            with open(fname, "rb") as fp:
                contents = fp.read()
                checksum.update(contents)
                fp.seek(0)
                xml = ElementTree.parse(fp).getroot()
            if root is None:
                root = ElementTree.Element(xml.tag)
            for child in list(xml):
                root.append(child)
        return ElementTree.tostring(root, "utf-8"), checksum.hexdigest()

    concat_xml.__wrapped__ = original
    module.concat_xml = concat_xml
    APPLIED.append("web concat_xml")


# 7. PyYAML 6 made the Loader argument of yaml.load mandatory; Odoo 11's
# YAML data import (tools/yaml_import.py: base demo data, generic chart of
# accounts) calls yaml.load(s).
def fix_yaml_import(module):
    import yaml
    try:
        yaml.load("a: 1")
        return  # old PyYAML
    except TypeError:
        pass
    shim = types.ModuleType("yaml")
    shim.__dict__.update(yaml.__dict__)
    shim.load = lambda stream, Loader=yaml.Loader: yaml.load(stream, Loader)
    module.yaml = shim  # only yaml_import's own reference
    APPLIED.append("yaml_import load")


# 9. Python 3.10 resource.setrlimit refuses floats; Odoo 11's prefork
# workers (service/server.py) pass float limits: with --workers every
# worker crashes in a loop.
def fix_server(module):
    resource = getattr(module, "resource", None)
    if resource is None:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (float(soft), hard))
        return  # floats still accepted
    except TypeError:
        pass
    except (ValueError, OSError):
        return
    shim = types.ModuleType("resource")
    shim.__dict__.update(resource.__dict__)

    def setrlimit(res, limits):
        return resource.setrlimit(res, tuple(int(v) for v in limits))

    shim.setrlimit = setrlimit
    module.resource = shim  # only server.py's own reference
    APPLIED.append("server setrlimit")


FIXES = {
    "odoo.tools.safe_eval": fix_safe_eval,
    "odoo.addons.base.ir.ir_qweb.qweb": fix_qweb,
    "odoo.addons.web.controllers.main": fix_web_controllers,
    "odoo.tools.yaml_import": fix_yaml_import,
    "odoo.service.server": fix_server,
}


class _FixingLoader(importlib.abc.Loader):
    def __init__(self, loader, fix):
        self._loader = loader
        self._fix = fix

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._fix(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _PostImportFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        fix = FIXES.get(fullname)
        if fix is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _FixingLoader(spec.loader, fix)
                return spec
        return None


def register():
    if not any(isinstance(f, _PostImportFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _PostImportFinder())
