"""Platform: the Python 3.11 compatibility layer for Odoo 11 (tools/odoo311compat).

Each test exercises one patch through the Odoo code that needs it and fails
when the patch is removed; the safe_eval tests also prove that what Odoo
refused before is still refused.
"""
import base64
import collections
import importlib
import inspect
import os
import resource
import tempfile
import threading

import odoo311compat
from odoo311compat import hooks, stdlib
from odoo.tests.common import TransactionCase
from odoo.tools import ormcache
from odoo.tools.safe_eval import safe_eval, _SAFE_OPCODES


class TestStdlibAliases(TransactionCase):

    def test_01_collections_abc_aliases(self):
        """Platform #1: `from collections import Mapping` works (Odoo's
        models, api, qweb import ABCs from collections)."""
        from collections import Mapping, MutableMapping, Iterable  # noqa
        self.assertIs(collections.Mapping, collections.abc.Mapping)
        self.assertIs(collections.Iterable, collections.abc.Iterable)

    def test_02_getargspec(self):
        """Platform #2: inspect.getargspec/formatargspec behave as in 3.6."""
        def func(a, b=1, *args, **kwargs):
            return a

        spec = inspect.getargspec(func)
        self.assertEqual(spec, (["a", "b"], "args", "kwargs", (1,)))
        self.assertEqual(spec.keywords, "kwargs")
        self.assertEqual(inspect.formatargspec(*spec),
                         "(a, b=1, *args, **kwargs)")

    def test_03_ormcache_uses_argspec(self):
        """Platform #2: ormcache (tools/cache.py) builds its cache key from
        the method signature with getargspec/formatargspec; a cached model
        method answers from the cache."""
        def method(self, x, y=2):
            return x

        decorator = ormcache("y")
        decorator(method)
        self.assertEqual(decorator.key(None, 5, 7), (7,))
        self.assertEqual(decorator.key(None, 5), (2,))
        ref = self.env["ir.model.data"].xmlid_to_res_id
        self.assertEqual(ref("base.main_company"), ref("base.main_company"))

    def test_04_base64_legacy_names(self):
        """Platform #3: base64.encodestring/decodestring used for
        attachments and reports."""
        self.assertEqual(base64.encodestring(b"qms"), b"cW1z\n")
        self.assertEqual(base64.decodestring(b"cW1z\n"), b"qms")
        attachment = self.env["ir.attachment"].create({
            "name": "t.txt", "datas": base64.b64encode(b"hello"),
            "datas_fname": "t.txt"})
        self.assertEqual(base64.b64decode(attachment.datas), b"hello")

    def test_05_thread_isalive(self):
        """Platform #4: Thread.isAlive used by the server shutdown."""
        thread = threading.Thread(target=lambda: None)
        self.assertFalse(thread.isAlive())

    def test_06_install_is_idempotent(self):
        """Platform: the layer is active before odoo and applies once."""
        self.assertIn("inspect.getargspec", stdlib.APPLIED)
        before = list(stdlib.APPLIED), list(hooks.APPLIED)
        odoo311compat.install()
        stdlib.apply()  # guarded: nothing left to apply
        self.assertEqual((list(stdlib.APPLIED[:len(before[0])]),
                          list(hooks.APPLIED)), before)
        self.assertEqual(len(stdlib.APPLIED), len(before[0]))


class TestSafeEval(TransactionCase):

    def test_01_accepts_311_bytecode(self):
        """Platform #5: expressions that Odoo allows compile to 3.11
        bytecode (CALL, BINARY_OP, IS_OP, CONTAINS_OP, f-strings, ...) and
        are evaluated."""
        ctx = {"a": 2, "b": 3, "d": {"x": 1}, "items": [1, 2, 3], "n": None}
        cases = {
            "'%s-%s' % (a, b)": "2-3",
            "f'{a}{b}'": "23",
            "a + b * 2 - 1": 7,
            "n is None and a is not None": True,
            "a in items and 9 not in items": True,
            "d.get('x')": 1,
            "dict(k=a)['k']": 2,
            "[x * 2 for x in items if x > 1]": [4, 6],
            "{x: x for x in items}[2]": 2,
            "sum(x for x in items)": 6,
            "[*items, a]": [1, 2, 3, 2],
            "{**d, 'y': 2}": {"x": 1, "y": 2},
            "(lambda v: v + 1)(a)": 3,
            "a if n else b": 3,
            "[('state', '=', 'draft'), ('id', 'in', items)]":
                [("state", "=", "draft"), ("id", "in", [1, 2, 3])],
        }
        for expr, expected in cases.items():
            self.assertEqual(safe_eval(expr, dict(ctx)), expected, expr)

    def test_02_exec_mode_statements(self):
        """Platform #5: server-action style code (exec mode) with loops,
        try/except and raise still runs."""
        ctx = {"items": [1, 2, 3]}
        safe_eval(
            "total = 0\n"
            "for x in items:\n"
            "    if x == 2:\n"
            "        continue\n"
            "    total += x\n"
            "try:\n"
            "    raise ValueError('x')\n"
            "except Exception:\n"
            "    total += 100\n"
            "result = total",
            ctx, mode="exec", nocopy=True)
        self.assertEqual(ctx["result"], 104)

    def test_03_still_refuses(self):
        """Platform #5: safe_eval keeps refusing imports, dunder access,
        attribute stores and closures."""
        refused = [
            "__import__('os').system('true')",
            "().__class__.__bases__[0].__subclasses__()",
            "a.__dict__",
            "getattr(a, '__class__')",
        ]
        for expr in refused:
            with self.assertRaises(Exception, msg=expr):
                safe_eval(expr, {"a": object()})
        refused_exec = [
            "import os",
            "a.b = 1",
            "def f():\n    x = 1\n    return lambda: x\nf()",
        ]
        for code in refused_exec:
            with self.assertRaises(ValueError, msg=code):
                importlib.import_module("odoo.tools.safe_eval").test_expr(
                    code, _SAFE_OPCODES, mode="exec")

    def test_04_whitelist_extended_in_place(self):
        """Platform #5: ir_qweb imported _SAFE_OPCODES by name, so the set is
        extended in place; closure opcodes are not added."""
        import opcode
        from odoo.addons.base.ir.ir_qweb import ir_qweb
        self.assertIs(ir_qweb._SAFE_OPCODES, _SAFE_OPCODES)
        if "CALL" in opcode.opmap:
            self.assertIn(opcode.opmap["CALL"], _SAFE_OPCODES)
        for name in ("LOAD_CLOSURE", "MAKE_CELL", "IMPORT_NAME",
                     "STORE_ATTR", "LOAD_DEREF"):
            if name in opcode.opmap:
                self.assertNotIn(opcode.opmap[name], _SAFE_OPCODES, name)


class TestOdooModuleFixes(TransactionCase):

    def test_01_qweb_template_renders(self):
        """Platform #8: a QWeb template (compiled by Odoo as an AST) renders:
        t-if with None, t-foreach, t-esc, t-att, t-call."""
        view = self.env["ir.ui.view"].create({
            "name": "qms_compat_qweb_test", "type": "qweb",
            "arch": """<t t-name="qms_compat_qweb_test">
                <ul t-att-class="cls or None">
                    <li t-foreach="items" t-as="item" t-if="item is not None">
                        <t t-esc="item"/>-<t t-esc="item_index"/>
                    </li>
                </ul>
                <p t-if="not missing">none</p>
            </t>"""})
        html = self.env["ir.qweb"].render(
            view.id, {"items": ["a", None, "b"], "cls": False})
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("<li>a-0</li>", html.replace("\n", "").replace(" ", ""))
        self.assertIn("b-2", html)
        self.assertNotIn("class=", html)
        self.assertIn("<p>none</p>", html)

    def test_02_normalize_ast(self):
        """Platform #8: ASTs built the 3.6 way (no posonlyargs,
        Name('None'), missing end positions) compile after normalisation."""
        import ast
        func = ast.FunctionDef(
            name="f",
            args=ast.arguments(args=[ast.arg(arg="x", annotation=None)],
                               vararg=None, kwonlyargs=[], kw_defaults=[],
                               kwarg=None, defaults=[]),
            body=[ast.Return(value=ast.Name(id="None", ctx=ast.Load()))],
            decorator_list=[], returns=None)
        func.lineno = 3  # a line set without its end, as copy_location does
        module = ast.Module(body=[func], type_ignores=[])
        ns = {}
        exec(compile(hooks.normalize_ast(module), "<t>", "exec"), ns)
        self.assertIsNone(ns["f"](1))

    def test_03_web_concat_xml(self):
        """Platform #6: the web client's template bundle is concatenated
        (Element.getchildren is gone since 3.9)."""
        from odoo.addons.web.controllers.main import concat_xml
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i in range(2):
                path = os.path.join(tmp, "t%d.xml" % i)
                with open(path, "w") as fh:
                    fh.write('<templates><t t-name="n%d"/></templates>' % i)
                paths.append(path)
            content, checksum = concat_xml(paths)
        self.assertIn(b't-name="n0"', content)
        self.assertIn(b't-name="n1"', content)
        self.assertTrue(checksum)

    def test_04_yaml_import_load(self):
        """Platform #7: tools/yaml_import calls yaml.load(s) without Loader
        (PyYAML 6 requires it); the YAML data importer works."""
        yaml_import = importlib.import_module("odoo.tools.yaml_import")
        self.assertEqual(yaml_import.yaml.load("a: [1, 2]"), {"a": [1, 2]})
        with tempfile.NamedTemporaryFile("w+", suffix=".yml") as fh:
            fh.write("-\n  !python {model: res.partner, id: False}: |\n"
                     "    self.create({'name': 'QMS YAML partner'})\n")
            fh.flush()
            fh.seek(0)
            yaml_import.yaml_import(self.cr, "base", fh, "test")
        self.assertTrue(self.env["res.partner"].search(
            [("name", "=", "QMS YAML partner")]))

    def test_05_server_setrlimit_int(self):
        """Platform #9: prefork workers set memory/CPU limits with floats;
        server.py's resource.setrlimit accepts them (3.10 refuses floats)."""
        from odoo.service import server
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        server.resource.setrlimit(resource.RLIMIT_CPU, (float(soft), hard))
        self.assertEqual(resource.getrlimit(resource.RLIMIT_CPU), (soft, hard))
