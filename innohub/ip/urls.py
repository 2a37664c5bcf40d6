app_name = "ip"
urlpatterns: list = []
