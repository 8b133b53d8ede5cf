from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from collective.lib import ratelimit, versions
from collective.lib.pages import other_params, paginate
from library import services
from library.apps import LibraryConfig
from library.forms import BrowseForm, LoanRequestForm, SuggestionForm
from library.models import RESOURCE_LANGUAGES, Loan, Resource, Theme
from library.search import clean_query, search_resources

# The theme <select> offers the themes most used by published resources, not every theme: it
# stays usable (and the page fixed in size) however many themes curators add. A resource's own
# theme links still filter by any theme.
THEME_CHOICES_MAX = 40


def _browse_themes(selected):
    themes = list(
        Theme.objects.filter(resources__published=True)
        .annotate(used=Count("resources"))
        .order_by("-used", "name")[:THEME_CHOICES_MAX]
    )
    if selected and selected not in {theme.slug for theme in themes}:
        themes += list(Theme.objects.filter(slug=selected)[:1])
    return sorted(themes, key=lambda theme: theme.name.lower())


def _browse_languages(selected):
    """The languages published resources are in (a short list: the model's choices), and the
    one asked for if it is a language at all, so that an empty result still shows the choice."""
    codes = set(
        Resource.objects.published().order_by().values_list("language", flat=True).distinct()
    )
    if selected in dict(RESOURCE_LANGUAGES):
        codes.add(selected)
    return codes


def resource_list(request):
    """The catalogue. Its content is the same for every visitor with the same filters, so it is
    cached under the version of the resources and themes (collective.lib.versions)."""
    query = clean_query(request.GET.get("q", ""))
    name = (
        "library-list",
        sorted(request.GET.lists()),
        request.user.is_authenticated,
    )
    content = versions.cached_fragment(
        name, LibraryConfig.versioned_models, lambda: _resource_list_content(request)
    )
    return render(request, "library/resource_list.html", {"content": content, "query": query})


def _resource_list_content(request):
    themes = _browse_themes(request.GET.get("theme", ""))
    languages = _browse_languages(request.GET.get("language", ""))
    form = BrowseForm(request.GET or None, themes, languages)
    q, kind, theme = form.value("q"), form.value("kind"), form.value("theme")
    language = form.value("language")
    resources = Resource.objects.published().prefetch_related("themes")
    if kind:
        resources = resources.filter(kind=kind)
    if theme:
        resources = resources.filter(themes__slug=theme)
    if language:
        resources = resources.filter(language=language)
    resources = search_resources(resources, q) if clean_query(q) else resources
    page = Paginator(resources.with_availability(), settings.LIBRARY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    ctx = {
        "form": form,
        "page": page,
        "query": clean_query(q),
        "kind_label": dict(Resource.Kind.choices).get(kind, ""),
        "theme_label": next((t.name for t in themes if t.slug == theme), ""),
        "language_label": dict(RESOURCE_LANGUAGES).get(language, ""),
        "filters": filters.urlencode(),
        "filtering": bool(clean_query(q) or kind or theme or language),
        "user": request.user,
    }
    return render_to_string("library/includes/_resource_list_content.html", ctx)


# A resource's page shows its copies and loans (availability): cached under their versions too.
RESOURCE_PAGE_MODELS = ("library.Theme", "library.Copy", "library.Loan")


def resource_detail(request, pk):
    """The resource (cached with its availability, the same for everyone) and, for a member,
    their own request for it (never cached)."""
    labels = [("library.Resource", pk), *RESOURCE_PAGE_MODELS]
    name = ("resource-detail", pk)
    page = versions.cached(name, labels, lambda: _resource_page(pk))
    mine = None
    if request.user.is_authenticated and page["availability"]["lendable"]:
        mine = (
            Loan.objects.open()
            .for_member(request.user)
            .filter(resource_id=pk)
            .with_queue_place()
            .first()
        )
    ctx = {**page, "facts": mark_safe(page["facts"]), "pk": pk, "my_loan": mine}
    return render(request, "library/resource_detail.html", ctx)


def _resource_page(pk):
    resource = get_object_or_404(Resource.objects.published().prefetch_related("themes"), pk=pk)
    facts = render_to_string("library/includes/_resource_facts.html", {"resource": resource})
    return {"title": resource.title, "facts": facts, "availability": resource.availability()}


@never_cache
@login_required
def loan_request(request, pk):
    resource = get_object_or_404(Resource.objects.published(), pk=pk)
    availability = resource.availability()
    if not availability["lendable"]:
        raise Http404("We have no copy of this to lend")
    mine = Loan.objects.open().for_member(request.user).filter(resource=resource).first()
    if mine is not None:
        messages.info(request, gettext("You have already asked to borrow this book."))
        return redirect("library:loan-detail", pk=mine.pk)
    form = LoanRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.loan_request(
                resource=resource,
                borrower=request.user,
                delivery=form.cleaned_data["delivery"],
                postal_address=form.cleaned_data["postal_address"],
            )
        except services.LibraryError as error:
            form.add_error(None, str(error))
        else:
            if loan.status == Loan.Status.WAITING:
                messages.success(
                    request, gettext("Every copy is out: you are in the queue for it.")
                )
            else:
                messages.success(
                    request, gettext("Your request is in. We will e-mail you when it is ready.")
                )
            return redirect("library:loan-detail", pk=loan.pk)
    ctx = {"resource": resource, "form": form, "availability": availability}
    return render(request, "library/loan_request.html", ctx)


@never_cache
@login_required
def loan_list(request):
    loans = (
        Loan.objects.for_member(request.user)
        .select_related("resource", "copy")
        .with_queue_place()
        .order_by("-requested_at", "-id")
    )
    ctx = {
        "open_loans": paginate(request, loans.open()),
        "history": paginate(request, loans.ended(), param="earlier"),
        "open_query": other_params(request, "page"),
        "history_query": other_params(request, "earlier"),
    }
    return render(request, "library/loan_list.html", ctx)


def _get_loan_for_member(request, pk):
    """A member's own loan; anyone else's is a 404, so loans cannot even be discovered."""
    loan = (
        Loan.objects.for_member(request.user)
        .select_related("resource", "copy")
        .with_queue_place()
        .filter(pk=pk)
        .first()
    )
    if loan is None:
        raise Http404("No such loan")
    return loan


@never_cache
@login_required
def loan_detail(request, pk):
    loan = _get_loan_for_member(request, pk)
    ctx = {
        "loan": loan,
        "renewal_refusal": loan.renewal_refusal() if loan.status == "on_loan" else "",
    }
    return render(request, "library/loan_detail.html", ctx)


@login_required
@require_POST
def loan_cancel(request, pk):
    loan = _get_loan_for_member(request, pk)
    try:
        services.loan_cancel(loan=loan)
    except services.LibraryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Your request for “%(title)s” is cancelled.") % {"title": loan.resource},
        )
    return redirect("library:loan-detail", pk=loan.pk)


@login_required
@require_POST
def loan_renew(request, pk):
    loan = _get_loan_for_member(request, pk)
    try:
        loan = services.loan_renew(loan=loan)
    except services.LibraryError as error:
        messages.error(request, str(error))
    else:
        due = formats.date_format(loan.due_on, "DATE_FORMAT")
        messages.success(request, gettext("Renewed: please return it by %(date)s.") % {"date": due})
    return redirect("library:loan-detail", pk=loan.pk)


def _too_many_suggestions(request):
    # Counted per client under a keyed hash whose key rotates daily: no address is kept.
    suggestions = ratelimit.count(request, "library:suggest", window=60 * 60)
    return suggestions > settings.LIBRARY_SUGGESTIONS_PER_HOUR


def suggestion_create(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled in the hidden field: say thank you and keep nothing.
            messages.success(request, gettext("Thank you for your suggestion."))
            return redirect("library:resource-list")
        if _too_many_suggestions(request):
            form.add_error(
                None, gettext("We have had many suggestions from you today. Try again later.")
            )
        else:
            user = request.user if request.user.is_authenticated else None
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            services.suggestion_create(user=user, **data)
            messages.success(
                request, gettext("Thank you for your suggestion. A curator will look at it soon.")
            )
            return redirect("library:resource-list")
    return render(request, "library/suggestion_form.html", {"form": form})
