from core.jalali import activate_persian_locale


class JalaliLocaleMiddleware:
    """jdatetime keeps its locale per thread; set it for the thread serving this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_persian_locale()
        return self.get_response(request)
