class NoStoreMiddleware:
    """Pages are personal or change often: no browser or proxy keeps a copy (static files are served earlier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
