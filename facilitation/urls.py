from django.urls import path

from facilitation import views

app_name = "facilitation"

urlpatterns = [
    path("", views.index, name="index"),
    path("recommend/", views.recommend, name="recommend"),
    path("recommendations/", views.my_recommendations, name="my-recommendations"),
    path(
        "recommendations/<int:pk>/withdraw/",
        views.recommendation_withdraw,
        name="recommendation-withdraw",
    ),
    path("facilitators/", views.facilitator_list, name="facilitator-list"),
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/register/", views.session_register, name="session-register"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar, name="session-calendar"),
    path("sessions/<int:pk>/questions/", views.session_questions, name="session-questions"),
    path(
        "sessions/<int:pk>/questions/<uuid:question_id>/support/",
        views.question_support,
        name="question-support",
    ),
    path(
        "sessions/<int:pk>/questions/for-the-facilitator/",
        views.session_questions_print,
        name="session-questions-print",
    ),
    path("notes/", views.note_list, name="note-list"),
    path("notes/<int:pk>/", views.note_detail, name="note-detail"),
]
