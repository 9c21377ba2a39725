from django.shortcuts import render


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """django-axes' lockout page: says when to try again, whatever the identifiant."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
