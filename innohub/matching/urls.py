"""Matchmaking pages under /matching/."""

from django.urls import path

from innohub.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.search, name="home"),
    path("mine/", views.mine, name="mine"),
    path("new/<str:kind>/", views.listing_create, name="listing_create"),
    path("introductions/", views.introductions, name="introductions"),
    path("introductions/<int:pk>/", views.introduction_detail, name="introduction_detail"),
    path("introductions/<int:pk>/step/", views.introduction_step, name="introduction_step"),
    path("<int:pk>/", views.listing_detail, name="listing_detail"),
    path("<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("<int:pk>/feedback/<int:candidate_pk>/", views.feedback, name="feedback"),
    path("<int:pk>/introduce/<int:candidate_pk>/", views.introduce, name="introduce"),
]
