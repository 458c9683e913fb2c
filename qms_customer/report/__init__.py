from . import qms_customer_property_xlsx
