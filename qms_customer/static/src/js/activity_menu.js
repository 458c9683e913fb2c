odoo.define('qms_customer.ActivityMenu', function (require) {
"use strict";

/**
 * The activity menu of the navbar, for the QMS documents: Odoo 11 opens a
 * model's activities filtered on "late" and "today", so a signer whose
 * review falls due in two days met an empty page. Here the model's line
 * opens every activity of the user on it, whatever its due date, and the
 * document itself when there is only one.
 */
var session = require('web.session');
var systray = require('mail.systray');

var QMS_MODELS = /^(qms\.|sale\.order$|mgmtsystem\.action$)/;

systray.ActivityMenu.include({
    _onActivityFilterClick: function (event) {
        var data = _.extend({}, $(event.currentTarget).data(),
                            $(event.target).data());
        if (data.filter !== 'my' || !QMS_MODELS.test(data.res_model || '')) {
            return this._super.apply(this, arguments);
        }
        var self = this;
        var domain = [['activity_user_id', '=', session.uid]];
        return this._rpc({
            model: data.res_model,
            method: 'search',
            args: [domain],
            kwargs: {limit: 2, context: session.user_context},
        }).then(function (ids) {
            if (ids.length === 1) {
                return self.do_action({
                    type: 'ir.actions.act_window',
                    name: data.model_name,
                    res_model: data.res_model,
                    res_id: ids[0],
                    views: [[false, 'form']],
                });
            }
            return self.do_action({
                type: 'ir.actions.act_window',
                name: data.model_name,
                res_model: data.res_model,
                views: [[false, 'list'], [false, 'kanban'], [false, 'form']],
                search_view_id: [false],
                domain: domain,
            });
        });
    },
});

});
