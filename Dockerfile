# Production image for web (gunicorn), worker and beat. See docker-compose.yml.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=learningnet.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt requirements-dev.txt ./
RUN pip install --no-cache-dir -r requirements.txt polib==1.2.0
COPY . .
# The catalogue, and the static files collected (hashed names, gzip/brotli copies) into /app/staticfiles,
# which gunicorn serves itself through WhiteNoise. CI runs the same collectstatic (scripts/check_production.py).
RUN python -c "import polib; polib.pofile('locale/nb/LC_MESSAGES/django.po').save_as_mofile('locale/nb/LC_MESSAGES/django.mo')" \
 && DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build python manage.py collectstatic --noinput -v0
RUN useradd --create-home app && mkdir -p /app/var && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "learningnet.wsgi:application", "-b", "0.0.0.0:8000", "-w", "3", "--access-logfile", "-"]
