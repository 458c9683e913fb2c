# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal (issue 12): the customer's special requirements (R-B5)
and the property we hold for him (R-B1, R-B4).

Portal users have no access right on these models: every page searches
as superuser with a domain this code builds from the logged-in user's
commercial partner, and shows only the fields of its template. Nothing
the customer sends is a domain or an id used without that domain."""
from odoo import _, http
from odoo.http import request
from odoo.osv import expression
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal

# What a customer may choose when he proposes a requirement.
PROPOSAL_FIELDS = ("name", "category", "source_document", "clause",
                   "description")


class QmsCustomerPortal(CustomerPortal):

    # ------------------------------------------------------------ helpers
    def _qms_portal_partner(self):
        """The customer (commercial partner) of the logged-in user; an
        empty recordset for the public user."""
        user = request.env.user
        if user._is_public():
            return request.env["res.partner"]
        return user.partner_id.commercial_partner_id

    def _qms_customer_domain(self, field="partner_id"):
        """The records of the user's customer; none for a user without
        one (``child_of [0]`` would match every company: 0 is False)."""
        partner = self._qms_portal_partner()
        if not partner:
            return list(expression.FALSE_DOMAIN)
        return [(field, "child_of", partner.ids)]

    def _qms_requirement_domain(self):
        return self._qms_customer_domain()

    def _qms_property_domain(self):
        return self._qms_customer_domain()

    def _qms_incident_domain(self):
        """Damage and loss notices sent to the customer (R-B4)."""
        return self._qms_customer_domain() + [("notice_date", "!=", False)]

    def _prepare_portal_layout_values(self):
        values = super(QmsCustomerPortal, self)._prepare_portal_layout_values()
        # sudo: counts only, within the user's own customer's domain
        values.update({
            "qms_requirement_count": request.env[
                "qms.customer.requirement"].sudo().search_count(
                    self._qms_requirement_domain()),
            "qms_property_count": request.env[
                "qms.customer.property"].sudo().search_count(
                    self._qms_property_domain()),
        })
        return values

    # ------------------------------------------------ special requirements
    @http.route(["/my/requirements"], type="http", auth="user",
                website=True)
    def portal_my_qms_requirements(self, **kw):
        values = self._prepare_portal_layout_values()
        # sudo: the domain limits the list to the user's own customer
        requirements = request.env["qms.customer.requirement"].sudo().search(
            self._qms_requirement_domain(), order="state, priority, id desc")
        values.update({
            "requirements": requirements,
            "page_name": "qms_requirement",
            "proposed": kw.get("proposed"),
        })
        return request.render("qms_customer.portal_my_requirements", values)

    @http.route(["/my/requirements/propose"], type="http", auth="user",
                methods=["GET", "POST"], website=True)
    def portal_qms_requirement_propose(self, **post):
        """A new or changed requirement proposed by the customer: a draft
        for our review (R-B5)."""
        # _() reads the customer's language from ``context``
        context = request.env.context  # noqa: F841
        partner = self._qms_portal_partner()
        Requirement = request.env["qms.customer.requirement"]
        # sudo: the customer's own requirements, to name the one he changes
        own = Requirement.sudo().search(self._qms_requirement_domain())
        categories = Requirement._fields["category"]._description_selection(
            request.env)
        error = None
        if request.httprequest.method == "POST":
            vals = {f: (post.get(f) or "").strip() for f in PROPOSAL_FIELDS}
            changed = own.filtered(
                lambda r: str(r.id) == (post.get("requirement_id") or ""))
            if not partner:
                error = _("Only a customer's portal user may propose "
                          "requirements.")
            elif not vals["name"]:
                error = _("Please give the requirement a title.")
            elif vals["category"] not in dict(categories):
                error = _("Please choose a category.")
            if not error:
                self._qms_requirement_propose(partner, vals, changed)
                return request.redirect("/my/requirements?proposed=1")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qms_requirement_propose",
            "categories": categories,
            "requirements": own.filtered(lambda r: r.state != "withdrawn"),
            "error": error,
            "post": post,
        })
        return request.render("qms_customer.portal_requirement_propose",
                              values)

    def _qms_requirement_propose(self, partner, vals, changed):
        # _() reads the customer's language from ``context``
        context = request.env.context  # noqa: F841
        user = request.env.user
        company = partner.company_id or partner.user_id.company_id or \
            user.company_id
        description = vals["description"]
        if changed:
            description = _(
                "Change of the requirement %(name)s:\n%(text)s") % {
                    "name": changed.name, "text": description}
        # sudo: the portal user files a draft for his own customer only;
        # state, review and department stay ours (defaults).
        requirement = request.env["qms.customer.requirement"].sudo() \
            .with_context(mail_create_nosubscribe=True).create({
                "name": vals["name"],
                "partner_id": partner.id,
                "category": vals["category"],
                "source_document": vals["source_document"] or False,
                "clause": vals["clause"] or False,
                "description": description or False,
                "company_id": company.id,
            })
        notify = partner.user_id.partner_id
        requirement.message_post(
            body=plaintext2html(_(
                "Proposed on the customer portal by %(user)s (%(login)s): "
                "to review.") % {"user": user.partner_id.name,
                                 "login": user.login}),
            author_id=user.partner_id.id, subtype="mail.mt_note",
            partner_ids=[(4, p.id) for p in notify])
        return requirement

    # ------------------------------------------------- customer property
    @http.route(["/my/property"], type="http", auth="user", website=True)
    def portal_my_qms_property(self, **kw):
        values = self._prepare_portal_layout_values()
        # sudo: the domains limit both lists to the user's own customer
        items = request.env["qms.customer.property"].sudo().search(
            self._qms_property_domain())
        incidents = request.env["qms.property.incident"].sudo().search(
            self._qms_incident_domain())
        values.update({
            "items": items,
            "incidents": incidents,
            "page_name": "qms_property",
        })
        return request.render("qms_customer.portal_my_property", values)
