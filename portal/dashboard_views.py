"""The full to-do lists behind the admin home's panels: /admin/att-gora/<lista>/."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from portal import dashboard


def todo_list(request: HttpRequest, slug: str) -> HttpResponse:
    todos = {todo.slug: todo for todo in dashboard.todo_lists_for(user=request.user)}
    if not todos:
        raise PermissionDenied("Listorna visas för regionernas redaktörer och kuratorerna.")
    todo = todos.get(slug)
    if todo is None:
        raise Http404("Listan finns inte.")
    page = dashboard.list_page(user=request.user, todo=todo, page_number=request.GET.get("page"))
    return TemplateResponse(request, "portal/admin/todo_list.html", {"todo": todo, "page": page})
