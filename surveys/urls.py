from django.urls import path

from surveys import findings_views, results_views, views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="survey-list"),
    path("link/<str:token>/", views.survey_link, name="survey-link"),
    path("results/", results_views.results_index, name="results-index"),
    path("heard/", findings_views.findings_list, name="findings-list"),
    path("heard/<slug:slug>/", findings_views.findings_detail, name="findings-detail"),
    path("<slug:slug>/", views.survey_detail, name="survey-detail"),
    path("<slug:slug>/page/<int:page>/", views.survey_page, name="survey-page"),
    path("<slug:slug>/review/", views.survey_review, name="survey-review"),
    path("<slug:slug>/thank-you/", views.survey_done, name="survey-done"),
    path("<slug:slug>/preview/<int:page>/", views.survey_preview, name="survey-preview"),
    path("<slug:slug>/results/", results_views.survey_results_view, name="survey-results"),
    path(
        "<slug:slug>/results/questions/<int:question_id>/answers/",
        results_views.results_text,
        name="results-text",
    ),
    path(
        "<slug:slug>/results/breakdown/", results_views.results_breakdown, name="results-breakdown"
    ),
    path("<slug:slug>/results/export.csv", results_views.results_export, name="results-export"),
]
