from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("sok/", views.search_page, name="page"),
    path("sok/feed/", views.search_feed, name="feed"),
    path("api/search/", views.search_api, name="api"),
    path("api/search/suggest/", views.suggest_api, name="suggest"),
]
