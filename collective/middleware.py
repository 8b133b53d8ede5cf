"""Project middleware."""

from collective import second_factor


class StaffSecondFactorMiddleware:
    """Every admin URL (the namespace, so custom admin views too) needs the second factor.

    People who are not staff are left to the admin, which sends them to log in or refuses them;
    logging out stays open so that anyone can leave.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or match.url_name == "logout":
            return None
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return None
        return second_factor.admin_gate(request)
