from collective.lib import apps as portal


class SurveysConfig(portal.PortalAppConfig):
    name = "surveys"
    verbose_name = "Surveys"
