from django.urls import path

from search import alert_views, views

app_name = "search"

urlpatterns = [
    path("sok/", views.search_page, name="page"),
    path("sok/feed/", views.search_feed, name="feed"),
    path("api/search/", views.search_api, name="api"),
    path("api/search/suggest/", views.suggest_api, name="suggest"),
    # Search alerts ("Bevaka sökningen").
    path("sok/bevaka/", alert_views.save_alert, name="alert_save"),
    path("sok/bevakningar/<int:pk>/", alert_views.change_alert, name="alert_change"),
    path("sok/bevakningar/<int:pk>/ta-bort/", alert_views.delete_alert, name="alert_delete"),
    path(
        "sok/bevakningar/avsluta/<str:token>/",
        alert_views.unsubscribe_alert,
        name="alert_unsubscribe",
    ),
]
