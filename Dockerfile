# One image per MockS3 service: docker build --build-arg SERVICE=api-gateway .
# (docker-compose.yml builds each service this way.)
ARG SERVICE=api-gateway

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests install -pl ${SERVICE} -am

FROM eclipse-temurin:25-jre
ARG SERVICE
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/service.jar
RUN mkdir -p /data
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
