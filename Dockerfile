# syntax=docker/dockerfile:1
# One image per MockS3 service: docker build --build-arg SERVICE=api-gateway .
# (docker-compose.yml builds each service this way; SERVICE is the module folder.)
ARG SERVICE=api-gateway

FROM eclipse-temurin:17.0.17_10-jdk-noble AS build
ARG SERVICE
WORKDIR /src
# Poms and the Maven wrapper first: this layer and the dependency download below are rebuilt only
# when a pom changes, not on every source edit. Maven reads every module's pom even with -pl, so
# every module of the reactor is listed here (DockerfileTest checks the list against the poms).
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY kafka-config/pom.xml kafka-config/
COPY fault-controller/pom.xml fault-controller/
COPY fault-controller/agent/pom.xml fault-controller/agent/
COPY fault-controller/checker/pom.xml fault-controller/checker/
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
