FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core espeak-ng \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
ENV DJANGO_ENV=production
# collectstatic runs the production settings, which refuse a missing secret: give it a
# throwaway one, used for this build step only.
RUN pip install --no-cache-dir . \
    && SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       ALLOWED_HOSTS=build python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "apart.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "2"]
