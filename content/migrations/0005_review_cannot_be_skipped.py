"""Existing sites: review by someone other than the submitter, editors no longer publish, and
Wagtail's default groups, workflow and task get Swedish names.

Each region's and the curation's group-approval task is replaced in its workflow by a
ReviewByOthersTask with the same name and groups (curators added to the region's review, so a
region with one editor still gets its pages out); the old task is deactivated, which keeps the
history of reviews already done. ensure_site_structure does the same on a new site.
"""

from django.db import migrations

CURATOR_GROUP = "Tillväxtverket – kurator"
CURATION_TASK = "Kurering – Tillväxtverket"
REGION_TASK_PREFIX = "Regiongranskning – "
EDITOR_GROUP_PREFIX = "Redaktör – "
RENAMED_GROUPS = {"Moderators": "Moderatorer", "Editors": "Redaktörer"}
RENAMED_WORKFLOW = {"Moderators approval": "Granskning av moderatorer"}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewByOthersTask = apps.get_model("content", "ReviewByOthersTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="content", model="reviewbyotherstask"
    )
    curators = Group.objects.filter(name=CURATOR_GROUP).first()
    old_tasks = GroupApprovalTask.objects.filter(active=True).filter(
        name__startswith=REGION_TASK_PREFIX
    ) | GroupApprovalTask.objects.filter(active=True, name=CURATION_TASK)
    for old in old_tasks:
        new = ReviewByOthersTask.objects.create(name=old.name, active=True, content_type=task_type)
        groups = list(old.groups.all())
        if old.name.startswith(REGION_TASK_PREFIX) and curators is not None:
            groups.append(curators)
        new.groups.set(groups)
        WorkflowTask.objects.filter(task_id=old.pk).update(task_id=new.pk)
        old.active = False
        old.save(update_fields=["active"])

    GroupPagePermission.objects.filter(
        group__name__startswith=EDITOR_GROUP_PREFIX, permission__codename="publish_page"
    ).delete()

    for old_name, new_name in RENAMED_GROUPS.items():
        if not Group.objects.filter(name=new_name).exists():
            Group.objects.filter(name=old_name).update(name=new_name)
    for old_name, new_name in RENAMED_WORKFLOW.items():
        Workflow.objects.filter(name=old_name).update(name=new_name)
        Task.objects.filter(name=old_name).update(name=new_name)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_review_by_others_task"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
