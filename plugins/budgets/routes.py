"""The addresses under a budget cycle (BudgetCyclePage's sub-routes): each view takes the
cycle page first. Wagtail serves only paths of slash-ended words (no dots): files get a
folder each."""

from django.urls import path, re_path

from plugins.budgets.views import opendata, propose, public, results, vote


def project(page, request, pk):
    return public.project_detail(page, request, page.project_or_404(pk))


def edit(page, request, pk):
    return propose.edit(page, request, page.project_or_404(pk))


urlpatterns = [
    # Both list the projects; the name reverses to the last one, the cycle page itself.
    path("projects/", public.project_list, name="projects_view"),
    path("", public.project_list, name="projects_view"),
    path("projects/<int:pk>/", project, name="project_view"),
    path("propose/", propose.propose, name="propose_view"),
    path("projects/<int:pk>/edit/", edit, name="edit_view"),
    path("vote/", vote.vote, name="vote_view"),
    path("code/", vote.enter_code, name="code_view"),
    path("results/", results.results, name="results_view"),
    path("results/pabulib/", results.pabulib, name="pabulib_view"),
    re_path(r"^data/(?P<fmt>csv|json)/$", opendata.export, name="data_view"),
]
