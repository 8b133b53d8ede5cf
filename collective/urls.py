from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from collective import language, views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/threat-model/", views.privacy_threat_model, name="privacy-threat-model"),
    path("contact/", views.contact, name="contact"),
    path("commitments/", views.commitment_list, name="commitment-list"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="commitment-detail"),
    # The language picker (a form: works without JavaScript). Not i18n_patterns: the addresses
    # stay the same in every language, the language cookie says which one.
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/me/", views.account_home, name="account-home"),
    path("accounts/me/my-data.json", views.account_export, name="account-export"),
    path("accounts/me/delete/", views.account_delete, name="account-delete"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("surveys/", include("surveys.urls")),
    path("library/", include("library.urls")),
    path("facilitation/", include("facilitation.urls")),
    path("feedback/", include("feedback.urls")),
]

# Uploaded files (book covers) live on a volume shared by every web container. They are few and
# small, so Django serves them itself rather than needing another server in front.
urlpatterns += [
    re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
]

# Django's own 400 view renders without the request (no navigation) and says 400 for a body
# that was only too large; ours says 413 then (collective/lib/errors.py).
handler400 = "collective.lib.errors.bad_request"
