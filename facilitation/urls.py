app_name = "facilitation"

urlpatterns = []
