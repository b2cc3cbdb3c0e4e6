FROM python:3.11-slim-bookworm
# Bytecode is compiled once, when the image is built (UV_COMPILE_BYTECODE for the libraries,
# compileall below for the project): the processes write none (PYTHONDONTWRITEBYTECODE), so
# without it each would compile every module from source at start, slower and keeping the
# compiler's memory: 2–4 MB more per web process and ~10 MB more at the peak of its first XLSX
# export (XlsxWriter's modules are large; bench/README.md, "Issue 23, 2026-12-05").
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev
COPY . .
RUN python -m compileall -q backend workflows notifications
RUN DJANGO_SETTINGS_MODULE=backend.config.settings python manage.py collectstatic --noinput -v0
EXPOSE 8000
CMD ["gunicorn", "backend.config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
