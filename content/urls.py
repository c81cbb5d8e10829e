from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("statistik/", views.statistics, name="statistics"),
]
