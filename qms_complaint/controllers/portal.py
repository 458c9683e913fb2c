# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal (issue 12): the customer's complaints (R-C1), their
progress and the handling sheet he accepts or not online (R-C4).

Portal users have no access right on complaints: they would otherwise
read every field (root cause, costs, claims, internal notes) and every
attachment through the external API. Each page checks that the complaint
belongs to the logged-in user's commercial partner (or that the request
carries the complaint's access token), then reads it as superuser and
shows only what its template writes. The chatter goes through Odoo's
portal chatter with the complaint's token, which shows published
messages only (no internal notes)."""
import base64

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.qms_customer.controllers.portal import QmsCustomerPortal

# Most files a customer attaches to one complaint, and their size.
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024


class QmsComplaintPortal(QmsCustomerPortal):

    # ------------------------------------------------------------ helpers
    def _qms_complaint_domain(self):
        return self._qms_customer_domain()

    def _qms_complaint_check_access(self, complaint_id, access_token=None):
        """The complaint as superuser if it is the user's customer's, or if
        the request carries its access token; 404 otherwise, whether it
        exists or not."""
        Complaint = request.env["qms.complaint"]
        # sudo: the domain limits the search to the user's own customer
        complaint = Complaint.sudo().search(
            self._qms_complaint_domain() + [("id", "=", complaint_id)])
        if complaint:
            return complaint, False
        if access_token:
            # sudo: the token is compared below before anything is shown
            candidate = Complaint.sudo().browse(complaint_id).exists()
            if candidate and candidate.access_token and consteq(
                    candidate.access_token, access_token):
                return candidate, True
        raise NotFound()

    def _qms_complaint_published(self, complaint):
        """The handling sheet went to the customer: a round exists."""
        return bool(complaint.round_ids)

    def _qms_portal_products(self):
        """The products the customer bought from us, to name the one he
        complains about."""
        partner = self._qms_portal_partner()
        if not partner:
            return request.env["product.product"]
        # sudo: the customer's own confirmed order lines only
        groups = request.env["sale.order.line"].sudo().read_group(
            [("order_id.partner_id", "child_of", partner.ids),
             ("state", "in", ("sale", "done"))],
            ["product_id"], ["product_id"])
        ids = [g["product_id"][0] for g in groups if g["product_id"]]
        return request.env["product.product"].sudo().browse(ids)

    def _prepare_portal_layout_values(self):
        values = super(QmsComplaintPortal, self) \
            ._prepare_portal_layout_values()
        # sudo: a count within the user's own customer's domain
        values["qms_complaint_count"] = request.env[
            "qms.complaint"].sudo().search_count(self._qms_complaint_domain())
        return values

    # ---------------------------------------------------------- the list
    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_qms_complaints(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        # sudo: the domain limits the list to the user's own customer
        Complaint = request.env["qms.complaint"].sudo()
        domain = self._qms_complaint_domain()
        pager = portal_pager(
            url="/my/complaints", total=Complaint.search_count(domain),
            page=page, step=self._items_per_page)
        complaints = Complaint.search(
            domain, limit=self._items_per_page, offset=pager["offset"])
        values.update({
            "complaints": complaints,
            "pager": pager,
            "page_name": "qms_complaint",
            "filed": kw.get("filed"),
        })
        return request.render("qms_complaint.portal_my_complaints", values)

    # -------------------------------------------------------- the detail
    @http.route(["/my/complaints/<int:complaint_id>"], type="http",
                auth="public", website=True)
    def portal_qms_complaint_page(self, complaint_id, access_token=None,
                                  **kw):
        complaint, by_token = self._qms_complaint_check_access(
            complaint_id, access_token)
        # the layout's counters are the logged-in customer's; a visitor
        # with the link sees the complaint alone
        values = {} if request.env.user._is_public() else \
            self._prepare_portal_layout_values()
        published = self._qms_complaint_published(complaint)
        rounds = complaint.round_ids.sorted("number") if published else \
            complaint.round_ids.browse()
        values.update({
            "complaint": complaint,
            "published": published,
            "rounds": rounds,
            "current_round": rounds[-1:],
            "can_answer": complaint.state == "waiting",
            "token": complaint._qms_portal_token(),
            "access_token": access_token if by_token else None,
            "no_breadcrumbs": by_token,
            "page_name": "qms_complaint_page",
            "answered": kw.get("answered"),
            "filed": kw.get("filed"),
            "error": kw.get("error"),
        })
        return request.render("qms_complaint.portal_complaint_page", values)

    @http.route(["/my/complaints/<int:complaint_id>/pdf"], type="http",
                auth="public", website=True)
    def portal_qms_complaint_pdf(self, complaint_id, access_token=None,
                                 **kw):
        """The handling sheet as sent to the customer (R-C4, R-E3)."""
        complaint, _by_token = self._qms_complaint_check_access(
            complaint_id, access_token)
        if not self._qms_complaint_published(complaint):
            raise NotFound()
        report = request.env.ref("qms_complaint.action_report_handling_sheet")
        # sudo: the complaint was checked above; the sheet is the one sent
        pdf = report.sudo().render_qweb_pdf([complaint.id])[0]
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition",
             'attachment; filename="%s.pdf"' % complaint.name.replace(
                 '"', "")),
        ])

    @http.route(["/my/complaints/<int:complaint_id>/answer"], type="http",
                auth="public", methods=["POST"], website=True)
    def portal_qms_complaint_answer(self, complaint_id, answer=None,
                                    comment=None, signed_name=None,
                                    access_token=None, **kw):
        """Accepted or not accepted, on the current round (R-C4)."""
        complaint, by_token = self._qms_complaint_check_access(
            complaint_id, access_token)
        url = "/my/complaints/%s" % complaint.id
        query = "access_token=%s&" % access_token if by_token else ""
        comment = (comment or "").strip()
        if answer not in ("accepted", "rejected") or \
                complaint.state != "waiting":
            return request.redirect("%s?%serror=state" % (url, query))
        if answer == "rejected" and not comment:
            return request.redirect("%s?%serror=comment" % (url, query))
        user = request.env.user
        if user._is_public():
            # a customer link: the answer is the customer's (as Odoo's
            # portal chatter posts with a token)
            user = complaint.partner_id.user_ids[:1] or user
        complaint._qms_portal_record_answer(
            user, answer, comment=comment or None,
            signed_name=(signed_name or "").strip() or None,
            by_token=by_token)
        return request.redirect("%s?%sanswered=%s" % (url, query, answer))

    # ---------------------------------------------------------- new one
    @http.route(["/my/complaints/new"], type="http", auth="user",
                methods=["GET", "POST"], website=True)
    def portal_qms_complaint_new(self, **post):
        """File a complaint (R-C1): it arrives with channel portal, routed
        like an e-mailed one."""
        # _() reads the customer's language from ``context``
        context = request.env.context  # noqa: F841
        partner = self._qms_portal_partner()
        products = self._qms_portal_products()
        error = None
        if request.httprequest.method == "POST":
            subject = (post.get("subject") or "").strip()
            description = (post.get("description") or "").strip()
            product = products.filtered(
                lambda p: str(p.id) == (post.get("product_id") or ""))
            files = [f for f in request.httprequest.files.getlist(
                "attachments") if f and f.filename]
            if not partner:
                error = _("Only a customer's portal user may file a "
                          "complaint.")
            elif not subject:
                error = _("Please give your complaint a subject.")
            elif not description:
                error = _("Please describe the problem.")
            elif len(files) > MAX_ATTACHMENTS:
                error = _("Please attach at most %(count)s files.") % {
                    "count": MAX_ATTACHMENTS}
            if not error:
                datas = []
                for upload in files:
                    content = upload.read()
                    if len(content) > MAX_ATTACHMENT_SIZE:
                        error = _("The file %(name)s is larger than "
                                  "%(size)s MB.") % {
                                      "name": upload.filename,
                                      "size": MAX_ATTACHMENT_SIZE // 2 ** 20}
                        break
                    datas.append((upload.filename, content))
            if not error:
                complaint = self._qms_complaint_file(
                    subject, description, product, datas)
                return request.redirect(
                    "/my/complaints/%s?filed=1" % complaint.id)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qms_complaint_new",
            "products": products,
            "error": error,
            "post": post,
        })
        return request.render("qms_complaint.portal_complaint_new", values)

    def _qms_complaint_file(self, subject, description, product, datas):
        user = request.env.user
        # sudo: the portal user's files, attached to his own new complaint
        attachments = request.env["ir.attachment"].sudo()
        for name, content in datas:
            attachments |= attachments.create({
                "name": name, "datas_fname": name,
                "datas": base64.b64encode(content),
                "res_model": "qms.complaint",
            })
        # sudo: the intake files the complaint for the user's own customer
        # (message_new routes it from his partner, as for an e-mail)
        return request.env["qms.complaint"].sudo().with_context(
            mail_create_nosubscribe=True, mail_create_nolog=True,
            qms_portal_user=user)._qms_portal_intake(
                user.partner_id, subject, description, product=product,
                attachments=attachments)
