from collective.lib import apps as portal


class FeedbackConfig(portal.PortalAppConfig):
    name = "feedback"
    verbose_name = "Anonymous feedback"
