from django.urls import path

from portal.dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("", views.thread_list, name="list"),
    path("flode/", views.PublicThreadFeed(), name="feed"),
    path("notiser/", views.notifications, name="notifications"),
    path("avregistrera/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("behov/<id:need_pk>/ny/", views.start_thread, name="start"),
    path("behov/<id:need_pk>/folj/", views.follow_need, name="follow_need"),
    path("<id:pk>/", views.thread_detail, name="thread"),
    path("<id:pk>/status/", views.set_thread_status, name="thread_status"),
    path("<id:pk>/folj/", views.follow_thread, name="follow_thread"),
    path("inlagg/<id:pk>/", views.post, name="post"),
    path("inlagg/<id:pk>/andra/", views.edit_contribution, name="edit"),
    path("inlagg/<id:pk>/ta-bort/", views.delete_contribution, name="delete"),
    path("inlagg/<id:pk>/stod/", views.endorse, name="endorse"),
    path("inlagg/<id:pk>/anmal/", views.report, name="report"),
    path("inlagg/<id:pk>/anta/", views.accept_proposal, name="accept"),
    path("insats/<id:pk>/", views.update_action, name="action"),
]
