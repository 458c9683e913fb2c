# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class QmsSurveyDimension(models.Model):
    """A dimension of customer satisfaction (R-D1, R-D2).

    Each row of the satisfaction matrix of a questionnaire points to one
    dimension; the dimension's weight enters the customer's weighted
    overall score, and its department owns the improvement actions opened
    when a customer scores it below the threshold (R-D4).
    """

    _name = "qms.survey.dimension"
    _description = "Satisfaction Dimension"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=1.0,
        required=True,
        help="Relative weight in the customer's overall score (>= 0; the "
             "weights of the active dimensions must not sum to zero).",
    )
    department_code = fields.Selection(
        lambda self: self.env["qms.department"]._fields["code"].selection,
        string="Owner Department",
        help="The department whose manager owns the improvement actions "
             "opened for this dimension.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The dimension code must be unique."),
    ]

    @api.model
    def _check_weights(self, changes):
        """Refuse negative weights, and a set of active weights summing to
        zero, BEFORE anything is written. ``changes`` maps a dimension id
        (or 0 for a new one) to its future (weight, active)."""
        for weight, _active in changes.values():
            if weight is not None and weight < 0:
                raise ValidationError(_(
                    "A dimension weight cannot be negative (%(weight)s).")
                    % {"weight": weight})
        total = 0.0
        existing = self.with_context(active_test=False).search([])
        for dim in existing:
            weight, active = changes.get(dim.id, (dim.weight, dim.active))
            if active:
                total += weight
        for key, (weight, active) in changes.items():
            if isinstance(key, str) and active:
                total += weight
        if (existing or any(isinstance(k, str) for k in changes)) \
                and total <= 0:
            raise ValidationError(_(
                "The weights of the active satisfaction dimensions must sum "
                "to more than zero."))

    @api.model
    def create(self, vals):
        self._check_weights({"new": (vals.get("weight", 1.0),
                                     vals.get("active", True))})
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "weight" in vals or "active" in vals:
            self._check_weights({
                dim.id: (vals.get("weight", dim.weight),
                         vals.get("active", dim.active))
                for dim in self})
        return super().write(vals)
