# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal (issue 12): the satisfaction questionnaires of the
customer's company (R-D1): the open campaign's personal link and the
answers given to past campaigns. Portal users have no access right on
satisfaction responses: the page searches as superuser within the user's
customer and shows the campaign, its dates and the answer's status."""
from odoo import http
from odoo.http import request

from odoo.addons.qms_complaint.controllers.portal import QmsComplaintPortal


class QmsSurveyPortal(QmsComplaintPortal):

    def _qms_survey_domain(self):
        return self._qms_customer_domain() + [
            ("campaign_id.state", "in", ("open", "closed")),
            ("user_input_id", "!=", False)]

    def _prepare_portal_layout_values(self):
        values = super(QmsSurveyPortal, self)._prepare_portal_layout_values()
        # sudo: a count within the user's own customer's domain
        values["qms_survey_count"] = request.env[
            "qms.survey.response"].sudo().search_count(
                self._qms_survey_domain())
        return values

    @http.route(["/my/surveys"], type="http", auth="user", website=True)
    def portal_my_qms_surveys(self, **kw):
        values = self._prepare_portal_layout_values()
        # sudo: the domain limits the list to the user's own customer
        responses = request.env["qms.survey.response"].sudo().search(
            self._qms_survey_domain(), order="id desc")
        values.update({
            "responses": responses,
            "page_name": "qms_survey",
        })
        return request.render("qms_survey.portal_my_surveys", values)
