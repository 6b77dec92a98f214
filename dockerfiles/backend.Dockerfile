# FastAPI backend. Build from the backend's folder (it holds requirements.txt and the app, e.g. src/main.py):
#   docker build -f dockerfiles/backend.Dockerfile -t taskflow-backend:1.0.0 ../app/backend
# Copy backend.dockerignore to that folder as .dockerignore so env files, caches and tests stay out of the image.
# Build arguments: BASE_IMAGE (a Debian-based Python 3; psycopg2 and friends ship wheels for it) and APP_MODULE (the
# ASGI app uvicorn serves). No secret goes in here: DATABASE_URL and the keys reach the container at run time.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
# Dependencies go into a virtualenv the runtime stage copies whole, so no pip cache or build leftovers ship.
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /build
# requirements.txt alone first: an app change reuses the installed-dependencies layer.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM ${BASE_IMAGE} AS runtime
ARG APP_MODULE=src.main:app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    APP_MODULE=${APP_MODULE}
RUN groupadd --system --gid 10001 appuser \
    && useradd --system --uid 10001 --gid appuser --home-dir /app --no-create-home --shell /usr/sbin/nologin appuser
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The app's source exactly as it is in the repository, owned by root so the running user cannot change it.
COPY . .
USER 10001:10001
EXPOSE 8000
CMD ["sh", "-c", "exec uvicorn \"$APP_MODULE\" --host 0.0.0.0 --port 8000"]
