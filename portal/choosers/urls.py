from django.urls import path

from portal.choosers import views

app_name = "choosers"

urlpatterns = [path("<slug:source_name>/", views.choose, name="choose")]
