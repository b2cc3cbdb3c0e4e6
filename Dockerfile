FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev
COPY . .
RUN DJANGO_SETTINGS_MODULE=backend.config.settings python manage.py collectstatic --noinput -v0
EXPOSE 8000
CMD ["gunicorn", "backend.config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
