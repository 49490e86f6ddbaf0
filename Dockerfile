# syntax=docker/dockerfile:1
# One image per MockS3 service: docker build --build-arg SERVICE=api-gateway .
# (docker-compose.yml builds each service this way; SERVICE is the module folder.)
# The whole local system in one image, for tests (MockS3Container, ops/testcontainers):
#   docker build --target all-in-one -t mocks3/all-in-one:<version> .
ARG SERVICE=api-gateway

# The Maven wrapper and every pom, shared by both builds below: the dependency download that follows
# them is rebuilt only when a pom changes, not on every source edit. Maven reads every module's pom
# even with -pl, so every module of the reactor is listed here (DockerfileTest checks the list).
FROM eclipse-temurin:17.0.17_10-jdk-noble AS poms
WORKDIR /src
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY kafka-config/pom.xml kafka-config/
COPY fault-controller/pom.xml fault-controller/
COPY fault-controller/agent/pom.xml fault-controller/agent/
COPY fault-controller/checker/pom.xml fault-controller/checker/
COPY fault-controller/client/pom.xml fault-controller/client/
COPY metadata-projector/pom.xml metadata-projector/
COPY metadata-projector/read-model/pom.xml metadata-projector/read-model/
COPY storage-node/pom.xml storage-node/
COPY task-workers/pom.xml task-workers/
COPY api-gateway/pom.xml api-gateway/
COPY ops/pom.xml ops/
COPY ops/kafka-broker/pom.xml ops/kafka-broker/
COPY ops/bench/pom.xml ops/bench/
COPY ops/local-stack/pom.xml ops/local-stack/
COPY ops/system-tests/pom.xml ops/system-tests/
COPY ops/testcontainers/pom.xml ops/testcontainers/
COPY ops/junit5/pom.xml ops/junit5/
COPY ops/sample-app/pom.xml ops/sample-app/
COPY ops/k8s/pom.xml ops/k8s/

FROM poms AS build
ARG SERVICE
# go-offline, not resolve: it skips the reactor's own modules (not built yet) instead of failing on them.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline -pl ${SERVICE} -am
COPY . .
# package, not install: the reactor hands the modules to each other, and parallel builds of several
# services never write the same SNAPSHOT into the shared cache.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package -pl ${SERVICE} -am \
 && cp ${SERVICE}/target/${SERVICE}.jar /src/service.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, application) as directories, so
# the runtime image gets one layer each and a code change ships only the application layer.
RUN java -Djarmode=tools -jar /src/service.jar extract --layers --destination /src/extracted

# The all-in-one build: every service, the local-stack launcher (which unpacks PostgreSQL and Redis
# from its Maven artifacts at start) and the Kafka broker's jars, laid out as a checkout's target/
# folders, because the launcher finds them there. Each service jar is split into Spring Boot's
# layers, so the image below ships the libraries apart from MockS3's own classes.
FROM poms AS all-in-one-build
ARG ALL_IN_ONE_MODULES=metadata-projector,storage-node,task-workers,fault-controller,api-gateway,ops/local-stack,ops/kafka-broker
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline -pl ${ALL_IN_ONE_MODULES} -am
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package -pl ${ALL_IN_ONE_MODULES} -am
RUN set -eu; \
    for m in metadata-projector storage-node task-workers fault-controller api-gateway; do \
      java -Djarmode=tools -jar "$m/target/$m.jar" extract --layers --destination "/tmp/$m"; \
      for layer in dependencies spring-boot-loader snapshot-dependencies application; do \
        mkdir -p "/dist/$layer/$m/target" && cp -a "/tmp/$m/$layer/." "/dist/$layer/$m/target/"; \
      done; \
    done; \
    mkdir -p /dist/launcher/ops/local-stack/target /dist/launcher/ops/kafka-broker/target; \
    cp -a ops/local-stack/target/local-stack.jar ops/local-stack/target/lib /dist/launcher/ops/local-stack/target/; \
    cp -a ops/kafka-broker/target/lib /dist/launcher/ops/kafka-broker/target/

# MockS3 in one container: Kafka (KRaft), PostgreSQL, Redis and every service as its own process,
# supervised by the local-stack launcher. Ports: 8080 S3, 8085 control plane; 8081-8083 and 8182 are
# the other services (a control-plane client waits for their fault agents). Ready in about 40 s.
FROM eclipse-temurin:25.0.3_9-jre-noble AS all-in-one
RUN groupadd --system --gid 10001 mocks3 \
 && useradd --system --uid 10001 --gid mocks3 --home-dir /data --no-create-home --shell /usr/sbin/nologin mocks3 \
 && mkdir -p /data \
 && chown mocks3:mocks3 /data
WORKDIR /opt/mocks3
COPY --from=all-in-one-build /dist/launcher/ ./
COPY --from=all-in-one-build /dist/dependencies/ ./
COPY --from=all-in-one-build /dist/spring-boot-loader/ ./
COPY --from=all-in-one-build /dist/snapshot-dependencies/ ./
COPY --from=all-in-one-build /dist/application/ ./
COPY --chmod=755 ops/testcontainers/docker/all-in-one.sh /opt/mocks3/bin/all-in-one.sh
USER 10001:10001
ENV MOCKS3_HOME=/data/stack
EXPOSE 8080 8085 8081 8082 8083 8182
# Healthy once the launcher said every part is, and the gateway and the controller answer /health.
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "test -f /data/all-healthy && for port in 8080 8085; do exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 ' || exit 1; done"]
# The script is PID 1: it starts the stack, waits, and stops every part on `docker stop`.
ENTRYPOINT ["/opt/mocks3/bin/all-in-one.sh"]

# One MockS3 service (the default target: docker-compose.yml builds it with SERVICE).
FROM eclipse-temurin:25.0.3_9-jre-noble
# A fixed non-root uid (10001) that owns /data, so named volumes mounted there start out writable by it.
RUN groupadd --system --gid 10001 mocks3 \
 && useradd --system --uid 10001 --gid mocks3 --home-dir /data --no-create-home --shell /usr/sbin/nologin mocks3 \
 && mkdir -p /data \
 && chown mocks3:mocks3 /data
WORKDIR /app
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# service.jar holds only the application classes and a Class-Path to lib/ (extract without --launcher,
# as the Spring Boot 4.1 reference shows); java is PID 1, so `docker stop` reaches Spring's graceful shutdown.
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
