from . import qms_order_review_reject
from . import sale_advance_payment_inv
