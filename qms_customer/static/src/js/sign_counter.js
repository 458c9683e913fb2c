odoo.define('qms_customer.SignCounter', function (require) {
"use strict";

/**
 * The number of documents waiting for the user's signature next to the
 * "To Sign" menu (Odoo 11 menus have no counters of their own).
 */
var Menu = require('web.Menu');
var session = require('web.session');

Menu.include({
    start: function () {
        var result = this._super.apply(this, arguments);
        this._qmsUpdateSignCounter();
        return result;
    },
    _qmsUpdateSignCounter: function () {
        var $menu = this.$el.find(
            'a[data-menu-xmlid="qms_customer.qms_menu_to_sign"]')
            .add($('a[data-menu-xmlid="qms_customer.qms_menu_to_sign"]'));
        if (!$menu.length) {
            return;
        }
        return this._rpc({
            model: 'tier.review',
            method: 'search_count',
            args: [[['status', '=', 'pending'],
                    ['reviewer_ids', 'in', [session.uid]]]],
        }).then(function (count) {
            $menu.find('.o_qms_sign_counter').remove();
            if (count) {
                $menu.append($('<span/>', {
                    'class': 'badge o_qms_sign_counter',
                    text: count,
                }));
            }
        });
    },
});

});
