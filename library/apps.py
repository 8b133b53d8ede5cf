from collective.lib import apps as portal


class LibraryConfig(portal.PortalAppConfig):
    name = "library"
    verbose_name = "Library of Resources"
