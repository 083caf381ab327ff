# One image for the controller, the agent and the embedded API server:
#   docker run IMAGE controller --kubeconfig /hub/kubeconfig
#   docker run IMAGE agent --hub URL --token TOKEN --kubeconfig /member/kubeconfig
# Stage 1 compiles TypeScript with the dev dependencies; stage 2 holds only the compiled
# output and the production dependencies, and runs as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
RUN npm ci

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY crds ./crds
# The helm that renders charts, extracted once from the layer package now: the user below
# cannot write to node_modules.
RUN node --input-type=module -e "await (await import('./dist/src/bundle/index.js')).locateHelm()"
USER node
ENTRYPOINT ["node", "/app/bin/flotilla.js"]
CMD ["--help"]
