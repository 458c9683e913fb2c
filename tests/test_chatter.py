"""R-E2: every business record of the product has a chatter (messages,
followers, activities) and a tracked history of its state changes."""
from odoo.addons.qms_complaint.tests.common import ComplaintCase

# Records users open on their own. Lines, review rounds and sign-offs are
# shown inside these, whose chatter carries their history.
TRACKED_STATE = [
    "sale.order", "qms.customer.property", "qms.property.loan",
    "qms.property.incident", "qms.customer.document",
    "qms.customer.requirement", "qms.complaint", "qms.complaint.claim",
    "qms.survey.campaign",
]
CHATTER_ONLY = ["qms.survey.response"]  # state mirrors the survey answer


class TestChatter(ComplaintCase):

    def test_01_business_records_have_chatter_and_tracked_state(self):
        """R-E2: messages, followers and activities on every business
        record; state changes tracked."""
        for model in TRACKED_STATE + CHATTER_ONLY:
            fields = self.env[model]._fields
            for name in ("message_ids", "message_follower_ids",
                         "activity_ids"):
                self.assertIn(name, fields, "%s has no %s" % (model, name))
        for model in TRACKED_STATE:
            self.assertIn(
                getattr(self.env[model]._fields["state"], "track_visibility",
                        None), ("onchange", "always"), model)

    def test_02_state_change_is_in_the_history(self):
        """R-E2: classifying a complaint leaves the old and new state in its
        chatter's tracking values."""
        complaint = self._classified()
        tracking = complaint.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "state")
        self.assertTrue(tracking)
        self.assertEqual(tracking[0].old_value_char, "Registered")
        self.assertEqual(tracking[0].new_value_char,
                         complaint._fields["state"].convert_to_export(
                             complaint.state, complaint))
