from . import qms_survey_campaign_xlsx
