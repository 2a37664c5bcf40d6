from django.urls import path

from innohub.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("showcase/", views.showcase, name="showcase"),
    path("showcase/<int:pk>/", views.showcase_detail, name="showcase_detail"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/publish/", views.news_publish, name="news_publish"),
    path("news/<int:pk>/delete/", views.news_delete, name="news_delete"),
    path("news/<int:pk>/photos/", views.news_photo_add, name="news_photo_add"),
    path("news/photos/<int:pk>/delete/", views.news_photo_delete, name="news_photo_delete"),
    path("news/photos/<int:pk>/<str:size>/", views.news_photo, name="news_photo"),
    # Last: the words above are never taken as a news item's slug (see NewsItem.url_slug).
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/<slug:slug>/", views.news_detail, name="news_detail"),
]
