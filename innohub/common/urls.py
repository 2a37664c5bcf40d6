from django.urls import path

from innohub.common import import_views

app_name = "imports"
urlpatterns = [
    path("batch/<int:pk>/", import_views.preview, name="preview"),
    path("batch/<int:pk>/confirm/", import_views.confirm, name="confirm"),
    path("<slug:kind>/", import_views.upload, name="upload"),
]
