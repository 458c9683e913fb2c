# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared fixtures of the satisfaction tests: users per role, customers of
two salespeople, a second company, the data questionnaires, and helpers
that answer a response as the survey web page would."""
from odoo.tests.common import SavepointCase
from odoo.addons.qms_customer.tests.common import new_user

FIVE = {"VS": 100.0, "S": 85.0, "A": 70.0, "P": 60.0, "VP": 40.0}
FIVE_KEYS = {"VS": "very_satisfied", "S": "satisfied", "A": "average",
             "P": "poor", "VP": "very_poor"}
FOUR_KEYS = {"VS": "very_satisfied", "S": "satisfied",
             "SD": "somewhat_dissatisfied", "D": "dissatisfied"}
WEIGHTS = {"quality": 30.0, "delivery": 20.0, "service": 15.0,
           "price": 15.0, "packaging": 10.0, "support": 10.0}


class SurveyCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, mail_create_nolog=True,
            mail_notrack=True))
        ref = cls.env.ref
        cls.company = ref("base.main_company")
        cls.company.write({"qms_satisfaction_objective": 85.0,
                           "qms_satisfaction_threshold": 60.0,
                           "qms_satisfaction_threshold_mode": "threshold"})
        cls.company2 = cls.env["res.company"].create({"name": "QMS Other Co"})
        def user(login, groups, company=None):
            return new_user(cls.env, login, groups, company or cls.company)
        cls.quality_user = user("qs_quality_user", [
            "base.group_user", "qms_customer.group_qms_user"])
        cls.quality_manager = user("qs_quality_manager", [
            "base.group_user", "qms_customer.group_qms_manager"])
        cls.salesman = user("qs_salesman", [
            "base.group_user", "sales_team.group_sale_salesman"])
        cls.salesman2 = user("qs_salesman2", [
            "base.group_user", "sales_team.group_sale_salesman"])
        cls.sales_manager = user("qs_sales_manager", [
            "base.group_user", "sales_team.group_sale_manager",
            "qms_customer.group_qms_approver_sales_manager",
            "mgmtsystem.group_mgmtsystem_user"])
        cls.action_owner = user("qs_action_owner", [
            "base.group_user", "mgmtsystem.group_mgmtsystem_user"])
        cls.other_company_user = user("qs_other_quality", [
            "base.group_user", "qms_customer.group_qms_manager"],
            company=cls.company2)
        Partner = cls.env["res.partner"]

        def customer(name, salesman=None, company=None):
            return Partner.create({
                "name": name, "is_company": True, "customer": True,
                "email": "%s@customer.example.com" % name.lower().replace(" ", ""),
                "user_id": salesman.id if salesman else False,
                "company_id": (company or cls.company).id,
            })
        cls.customer_a = customer("QS Alpha", cls.salesman)
        cls.customer_b = customer("QS Beta", cls.salesman)
        cls.customer_c = customer("QS Gamma", cls.salesman2)
        cls.customer_d = customer("QS Delta")
        cls.contact_a = Partner.create({
            "name": "Alpha Buyer", "parent_id": cls.customer_a.id,
            "customer": True, "email": "buyer@alpha.example.com"})
        cls.customers = (cls.customer_a | cls.customer_b | cls.customer_c
                         | cls.customer_d)
        cls.dimensions = {}
        for code, weight in WEIGHTS.items():
            dim = ref("qms_survey.dimension_%s" % code)
            dim.write({"weight": weight, "active": True})
            cls.dimensions[code] = dim
        cls.survey5 = ref("qms_survey.survey_satisfaction_five")
        cls.survey4 = ref("qms_survey.survey_satisfaction_four")
        # The logistics department owns delivery actions (R-D4).
        logistics = cls.env["qms.department"]._get_by_code(
            "logistics", cls.company)
        if logistics:
            logistics.manager_id = cls.action_owner

    # ------------------------------------------------------------ helpers
    @classmethod
    def _campaign(cls, partners=None, survey=None, **vals):
        values = {
            "name": vals.pop("name", "QS Campaign"),
            "period_type": "half",
            "date_start": "2026-01-01",
            "date_end": "2026-06-30",
            "survey_id": (survey or cls.survey5).id,
            "target": "selected",
            "partner_ids": [(6, 0, (partners or cls.customers).ids)],
        }
        values.update(vals)
        return cls.env["qms.survey.campaign"].create(values)

    @classmethod
    def _level(cls, key, survey=None):
        survey = survey or cls.survey5
        if survey == cls.survey4:
            return cls.env.ref(
                "qms_survey.survey_satisfaction_four_level_%s" % FOUR_KEYS[key])
        return cls.env.ref(
            "qms_survey.survey_satisfaction_five_level_%s" % FIVE_KEYS[key])

    @classmethod
    def _row(cls, code, survey=None):
        survey = survey or cls.survey5
        name = "four" if survey == cls.survey4 else "five"
        return cls.env.ref(
            "qms_survey.survey_satisfaction_%s_row_%s" % (name, code))

    @classmethod
    def _answer(cls, response, ratings, suggestion=None, done=True):
        """Answer as the survey web page does: one matrix line per rated
        dimension, ``ratings`` mapping a dimension code to a level key."""
        survey = response.campaign_id.survey_id
        matrix = survey._qms_get_matrix()
        Line = cls.env["survey.user_input_line"].sudo()
        user_input = response.sudo().user_input_id
        for code, key in ratings.items():
            Line.create({
                "user_input_id": user_input.id,
                "question_id": matrix.id,
                "survey_id": survey.id,
                "answer_type": "suggestion",
                "value_suggested": cls._level(key, survey).id,
                "value_suggested_row": cls._row(code, survey).id,
            })
        if suggestion:
            Line.create({
                "user_input_id": user_input.id,
                "question_id": survey._qms_get_suggestion_question().id,
                "survey_id": survey.id,
                "answer_type": "free_text",
                "value_free_text": suggestion,
            })
        if done:
            user_input.write({"state": "done"})

    @classmethod
    def _response(cls, campaign, partner):
        return campaign.response_ids.filtered(lambda r: r.partner_id == partner)
