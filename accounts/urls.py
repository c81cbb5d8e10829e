from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("admin-inloggning/", views.admin_login, name="admin_login"),
    path("profil/", views.profile, name="profile"),
    path("profil/mina-uppgifter.json", views.export_data, name="export_data"),
    path("profil/ta-bort/", views.delete_account, name="delete_account"),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.propose_organisation, name="propose_organisation"),
    path("organisationer/<id:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisationer/<id:pk>/ansok/",
        views.request_membership,
        name="request_membership",
    ),
    path("medlemskap/<id:pk>/beslut/", views.decide_membership, name="decide_membership"),
]
