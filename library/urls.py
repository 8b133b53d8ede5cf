from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("resources/<int:pk>/", views.resource_detail, name="resource-detail"),
    path("resources/<int:pk>/borrow/", views.loan_request, name="loan-request"),
    path("suggest/", views.suggestion_create, name="suggestion-create"),
    path("my-loans/", views.loan_list, name="loan-list"),
    path("my-loans/<int:pk>/", views.loan_detail, name="loan-detail"),
    path("my-loans/<int:pk>/cancel/", views.loan_cancel, name="loan-cancel"),
    path("my-loans/<int:pk>/renew/", views.loan_renew, name="loan-renew"),
]
