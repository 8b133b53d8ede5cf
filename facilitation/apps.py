from collective.lib import apps as portal


class FacilitationConfig(portal.PortalAppConfig):
    name = "facilitation"
    verbose_name = "Facilitation"
