FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core flite \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . && python manage.py collectstatic --noinput
ENV DJANGO_ENV=production
EXPOSE 8000
CMD ["gunicorn", "apart.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "2"]
