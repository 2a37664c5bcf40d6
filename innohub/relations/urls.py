app_name = "relations"
urlpatterns: list = []
