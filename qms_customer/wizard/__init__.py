from . import qms_order_review_reject
