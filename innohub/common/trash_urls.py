from django.urls import path

from innohub.common import trash_views

app_name = "trash"
urlpatterns = [
    path("", trash_views.trash_list, name="list"),
    path("<str:label>/<int:pk>/delete/", trash_views.delete, name="delete"),
    path("<str:label>/<int:pk>/restore/", trash_views.restore, name="restore"),
]
