# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Activities through one helper: 11.0 lacks 12.0's ``activity_schedule``
and ``activity_feedback``; these are written with 12.0's signature so that
code moving to 12.0 keeps calling them."""
from datetime import timedelta

from odoo import api, fields, models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    @api.multi
    def activity_schedule(self, act_type_xmlid="", date_deadline=None,
                          summary="", note="", **act_values):
        """Create one activity per record. The deadline defaults to today
        plus the activity type's days; the summary to the type's."""
        if not self:
            return self.env["mail.activity"]
        if act_type_xmlid:
            # sudo: the activity type is configuration every user may use.
            activity_type = self.sudo().env.ref(act_type_xmlid)
        else:
            activity_type = self.env["mail.activity.type"].sudo().browse(
                act_values["activity_type_id"])
        if not date_deadline:
            date_deadline = self._qms_date_in(activity_type.days)
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for record in self:
            vals = {
                "activity_type_id": activity_type.id,
                "summary": summary or activity_type.summary,
                "note": note,
                "date_deadline": date_deadline,
                "res_model_id": model_id,
                "res_id": record.id,
            }
            vals.update(act_values)
            values.append(vals)
        Activity = self.env["mail.activity"]
        activities = Activity.browse()
        for vals in values:
            activities |= Activity.create(vals)
        return activities

    @api.model
    def _qms_date_in(self, days):
        """The date days after today (user's timezone), as a string."""
        return fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self)) +
            timedelta(days=days or 0))

    @api.multi
    def _qms_find_activities(self, act_type_xmlids, user_id=None):
        type_ids = [self.env["ir.model.data"].xmlid_to_res_id(xmlid)
                    for xmlid in act_type_xmlids]
        domain = [("res_model", "=", self._name),
                  ("res_id", "in", self.ids),
                  ("activity_type_id", "in", type_ids)]
        if user_id:
            domain.append(("user_id", "=", user_id))
        # sudo: the activities of these records and types are closed on a
        # decision the caller checked; the user may only read the record.
        return self.env["mail.activity"].sudo().search(domain)

    @api.multi
    def activity_feedback(self, act_type_xmlids, user_id=None, feedback=None):
        """Mark the activities of these types (of user_id, if given) done:
        the current user's own ones with the feedback in the chatter, under
        his name; the others' are closed silently. Where he had none, the
        feedback is posted as a note."""
        activities = self._qms_find_activities(act_type_xmlids, user_id)
        own = activities.filtered(lambda a: a.user_id == self.env.user)
        author = self.env.user.partner_id.id
        subtype = self.env.ref("mail.mt_activities").id
        for activity in own:
            activity.write({"feedback": feedback or ""})
            # sudo: the user records his own decision on a record he may
            # only read.
            self.sudo().browse(activity.res_id).message_post_with_view(
                "mail.message_activity_done",
                values={"activity": activity}, subtype_id=subtype,
                mail_activity_type_id=activity.activity_type_id.id,
                author_id=author)
        if feedback:
            for record in self - self.browse(own.mapped("res_id")):
                # sudo: as above.
                record.sudo().message_post(
                    body=feedback, author_id=author, subtype="mail.mt_note")
        activities.unlink()
        return True

    @api.multi
    def activity_unlink(self, act_type_xmlids, user_id=None):
        """Remove the activities of these types without a trace."""
        self._qms_find_activities(act_type_xmlids, user_id).unlink()
        return True
