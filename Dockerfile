# syntax=docker/dockerfile:1
# Build stage: the locked dependencies (hash-checked) and studybot itself as wheels.
FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements.lock ./
RUN pip wheel --no-cache-dir --require-hashes --wheel-dir /wheels -r requirements.lock \
    && pip install --no-cache-dir --no-index --find-links=/wheels --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY content ./content
COPY storage ./storage
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels .

# Runtime stage: only the installed wheels, run as an unprivileged user.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STUDYBOT_DATA_DIR=/data
COPY --from=build /wheels /wheels
# Exactly the locked versions, offline from the wheels built above; tzdata comes in
# as a Python dependency, so zoneinfo works without the OS package.
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --home-dir /data studybot \
    && mkdir -p /data \
    && chown studybot /data
USER 10001
WORKDIR /data
VOLUME ["/data"]
# Healthy = the database opens and the gateway heartbeat file is fresh.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 CMD ["studybot", "health"]
CMD ["studybot", "run"]
