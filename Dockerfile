# recstream: one image for every service. The Deployments in k8s/ pass the subcommand and the
# services as container args (e.g. run --cluster --services=scoring), appended to the ENTRYPOINT.
#
#   docker build -t recstream:latest .
#
# The build runs inside the first stage, so the host needs neither Java nor Maven.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# The POMs alone first, and a package of the modules without their sources: that downloads every
# dependency and plugin the real build uses into a layer that is rebuilt only when a POM changes,
# not on every source edit. (dependency:go-offline misses plugins' own dependencies, and older
# versions of it try to download this reactor's own modules.) Its empty jars are removed again.
COPY pom.xml ./
COPY shared/pom.xml shared/
COPY services/model/pom.xml services/model/
COPY services/trainer/pom.xml services/trainer/
COPY services/store/pom.xml services/store/
COPY services/ingestion/pom.xml services/ingestion/
COPY services/scoring/pom.xml services/scoring/
COPY services/metrics/pom.xml services/metrics/
COPY services/gateway/pom.xml services/gateway/
COPY services/app/pom.xml services/app/
COPY bench/pom.xml bench/
RUN mvn -B -q package -DskipTests && mvn -B -q clean

# The store packages the schema migrations from sql/; bench is a module of the reactor (the app's
# tests use it), so it is built too.
COPY sql sql
COPY shared shared
COPY services services
COPY bench bench
RUN mvn -B -q package -DskipTests


FROM eclipse-temurin:17-jre

# A fixed uid/gid, so a volume's owner and the pods' securityContext (fsGroup in k8s/) can name
# it; numeric in USER below, so Kubernetes can verify runAsNonRoot.
RUN groupadd --system --gid 10001 recstream \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/recstream --no-create-home \
      --shell /usr/sbin/nologin recstream \
 && mkdir -p /app /var/lib/recstream/models \
 && chown -R 10001:10001 /var/lib/recstream

COPY --from=build /src/services/app/target/recstream.jar /app/recstream.jar

# The model directory (setting modelDir): continuous training writes packages there and scoring
# reads them. Kubernetes mounts a shared volume over it (k8s/models-pvc.yaml); with plain docker
# mount one (-v recstream-models:/var/lib/recstream/models) or packages end with the container.
# Relative paths (e.g. dev's ./recstream-data) land in the working directory, which the user owns.
WORKDIR /var/lib/recstream
USER 10001:10001

# 8080: the gateway's HTTP port (setting httpPort). 5701: Hazelcast with --cluster (clusterPort).
# The clustered event bus also listens on a random port: allow all TCP between recstream nodes.
EXPOSE 8080 5701

# The heap follows the container's memory limit, leaving a quarter for metaspace, thread stacks,
# Netty's direct buffers and ONNX Runtime's native memory. Out of memory ends the process so the
# orchestrator restarts it, rather than leaving a half-working node in the cluster.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/recstream.jar"]

# Every service in one process against the PostgreSQL and Kafka named by RECSTREAM_PG_URL and
# RECSTREAM_KAFKA_BOOTSTRAP (and API keys in RECSTREAM_API_KEYS). The k8s/ Deployments replace
# this with run --cluster --services=<one service>.
CMD ["run"]
