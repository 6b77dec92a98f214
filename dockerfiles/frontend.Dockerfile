# Next.js frontend in three stages: deps (node_modules) -> build (next build, standalone output) -> runner.
# Build from the frontend's folder; its next.config must set `output: 'standalone'`:
#   docker build -f dockerfiles/frontend.Dockerfile --build-arg NEXT_PUBLIC_API_URL=http://localhost:8000 \
#     -t taskflow-frontend:1.0.0 ../app/frontend
# Copy frontend.dockerignore to that folder as .dockerignore. No secret goes in here: BETTER_AUTH_SECRET reaches the
# container at run time.
ARG BASE_IMAGE=node:18-alpine

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
# The build needs devDependencies too; the runner gets only what the standalone output traced as needed.
COPY package.json package-lock.json* ./
RUN if [ -f package-lock.json ]; then npm ci; else npm install; fi

FROM ${BASE_IMAGE} AS build
WORKDIR /app
# Next.js inlines NEXT_PUBLIC_* into the browser bundle at build time, so the API URL is a build argument.
ARG NEXT_PUBLIC_API_URL=http://localhost:8000
ENV NEXT_PUBLIC_API_URL=${NEXT_PUBLIC_API_URL} \
    NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build \
    && if [ ! -f .next/standalone/server.js ]; then \
         echo "No .next/standalone/server.js: set output: 'standalone' in next.config" >&2; exit 1; \
       fi \
    && mkdir -p public

FROM ${BASE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=build /app/public ./public
# The standalone server and its static assets, owned by the node image's built-in non-root user (uid 1000).
COPY --from=build --chown=1000:1000 /app/.next/standalone ./
COPY --from=build --chown=1000:1000 /app/.next/static ./.next/static
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
