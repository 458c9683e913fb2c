"""R-E4: the product speaks English and Simplified Chinese. Every term of
our addons (field labels, selections, views, menus, messages in the code,
reports) has a zh_CN translation in the addon's i18n/zh_CN.po, and loading
it shows the users' own record names."""
import os

import polib

from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_generate, trans_load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qms_customer", "qms_complaint", "qms_survey")


class TestChineseTranslation(TransactionCase):

    def test_01_every_term_translated(self):
        """R-E4: each addon ships i18n/zh_CN.po and it translates every term
        Odoo exports for the addon."""
        for addon in ADDONS:
            path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
            self.assertTrue(os.path.isfile(path), path)
            translated = {entry.msgid for entry in polib.pofile(path)
                          if entry.msgstr.strip()}
            terms = {row[4] for row in trans_generate("zh_CN", [addon], self.cr)
                     if row[0] == addon and row[4]}
            missing = sorted(terms - translated)
            self.assertFalse(missing, "%s: %d terms without zh_CN: %s" % (
                addon, len(missing), missing[:15]))

    def test_02_loaded_translation_shows_chinese_names(self):
        """R-E4: with zh_CN loaded, the Quality menu reads 质量."""
        self.env["res.lang"].load_lang("zh_CN")
        trans_load(self.cr, os.path.join(ROOT, "qms_customer", "i18n",
                                         "zh_CN.po"),
                   "zh_CN", verbose=False, module_name="qms_customer")
        menu = self.env.ref("qms_customer.qms_menu_root").with_context(
            lang="zh_CN")
        self.assertEqual(menu.name, "质量")
