from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback_create, name="feedback-create"),
    path("receipt/", views.feedback_open, name="feedback-open"),
    path("receipt/reply/", views.message_create, name="message-create"),
]
