from . import qms_survey_phone_entry
