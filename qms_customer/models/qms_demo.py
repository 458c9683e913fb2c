# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class QmsDemo(models.AbstractModel):
    """Demo data helper (R-E5): an XML <function> runs as the
    administrator, but the demo's flows are walked by the users of their
    roles (a salesperson signs his own band, the vice president his, the
    general manager a claim), with their rights. Private, so not callable
    over RPC."""

    _name = "qms.demo"
    _description = "QMS Demo Helper"

    @api.model
    def _demo_call_as(self, user_xmlid, model, xmlids, method, args=()):
        """Call ``method`` with the positional ``args`` (a list: the XML
        <function> call takes an extra positional argument for the
        context) on the records ``xmlids`` of ``model``, as the user
        ``user_xmlid``."""
        user = self.env.ref(user_xmlid)
        records = self.env[model].browse(
            [self.env.ref(xmlid).id for xmlid in xmlids])
        # sudo(user): the step runs with that user's rights, not the
        # administrator's, as it would in his client.
        getattr(records.sudo(user), method)(*args)
        return True
