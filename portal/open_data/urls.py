from django.urls import path

from portal.open_data import views

app_name = "open_data"

urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
    path("api/", views.api_page, name="api"),
]
