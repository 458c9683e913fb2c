# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer portal's side of a complaint (issue 12): its access token,
its portal URL, the intake from the portal and the customer's answer on
the handling sheet. Portal users have no access right on complaints: the
portal controller checks that the complaint is the customer's and works
with these methods as superuser."""
import uuid

from odoo import _, api, fields, models, tools

from odoo.addons.qms_customer.models.qms_mixins import qms_workflow


class QmsComplaint(models.Model):
    _name = "qms.complaint"
    _inherit = ["qms.complaint", "portal.mixin"]

    access_token = fields.Char(
        copy=False, readonly=True, groups="base.group_user",
        help="Key of the complaint's customer link (portal page and "
             "chatter); a new key revokes the links already sent.")

    @api.multi
    def _compute_portal_url(self):
        for rec in self:
            rec.portal_url = "/my/complaints/%s" % rec.id

    @api.multi
    def _qms_portal_token(self):
        """The complaint's access token, made on first use (a default would
        give every complaint already in the database the same key)."""
        self.ensure_one()
        if not self.access_token:
            qms_workflow(self).write({"access_token": str(uuid.uuid4())})
        return self.access_token

    @api.multi
    def action_portal_revoke_token(self):
        """Revoke the customer links sent so far: the next link gets a new
        key. (A portal user of the customer keeps his own access.)"""
        self._check_owner_or_quality(_("revoke the customer's link"))
        for rec in self:
            qms_workflow(rec).write({"access_token": str(uuid.uuid4())})
            rec.message_post(body=_("The customer's link was revoked."))
        return True

    @api.multi
    def message_post(self, **kwargs):
        # A portal answer is posted by the superuser on the customer's
        # behalf; the author is the portal user found in the context. A
        # record there cannot come from an RPC call's JSON context.
        portal_user = self.env.context.get("qms_portal_user")
        if isinstance(portal_user, models.BaseModel) and \
                not kwargs.get("author_id"):
            kwargs["author_id"] = portal_user.partner_id.id
        return super(QmsComplaint, self).message_post(**kwargs)

    @api.model
    def _qms_portal_intake(self, author, subject, description,
                           product=None, attachments=None):
        """A complaint filed on the portal by ``author`` (R-C1): the e-mail
        intake's routing (customer, his company, contact, salesperson as
        owner) with channel portal; the description is kept as text."""
        values = {
            # the number comes from the sequence, not the subject
            "name": self._fields["name"].default(self),
            "channel": "portal",
        }
        if product:
            values["product_id"] = product.id
        body = tools.plaintext2html(description or "")
        complaint = self.message_new({
            "author_id": author.id,
            "email_from": author.email,
            "subject": subject,
            "body": body,
        }, custom_values=values)
        if attachments:
            attachments.write({"res_model": self._name,
                               "res_id": complaint.id})
            complaint.write({"attachment_ids": [(4, a.id)
                                                for a in attachments]})
        # the customer follows his complaint: he is told what we publish
        complaint.message_subscribe(partner_ids=author.ids)
        complaint.with_context(mail_create_nosubscribe=True).message_post(
            body=body, author_id=author.id, message_type="comment",
            subtype="mail.mt_comment",
            subject=_("Complaint filed on the customer portal"),
            attachment_ids=attachments.ids if attachments else [])
        return complaint

    @api.multi
    def _qms_portal_record_answer(self, user, answer, comment=None,
                                  signed_name=None, by_token=False):
        """The customer's answer from the portal (R-C4), recorded on the
        round as the quality user's answer is, with the portal user as who
        recorded it, and traced in the chatter (who, when, user or
        link)."""
        self.ensure_one()
        rec = self.with_context(qms_portal_user=user)
        rec._record_answer(answer, comment=comment)
        current = self.round_ids.sorted("number")[-1:]
        qms_workflow(current).write({"answered_by_id": user.id})
        trace = _(
            "Answer given on the customer portal by %(user)s (%(login)s) "
            "%(how)s on %(date)s UTC.") % {
                "user": user.partner_id.name, "login": user.login,
                "how": _("through the complaint's customer link")
                if by_token else _("logged in as a portal user"),
                "date": fields.Datetime.now()}
        if signed_name:
            trace += " " + _("Signed as: %(name)s.") % {"name": signed_name}
        owners = (self.user_id | self.partner_id.user_id).mapped("partner_id")
        rec.message_post(body=tools.plaintext2html(trace),
                         subtype="mail.mt_note",
                         partner_ids=[(4, p.id) for p in owners])
        return True
