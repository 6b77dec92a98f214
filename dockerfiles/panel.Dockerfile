# The TaskFlow Control Panel itself. Build the jar first, then the image from the repository root:
#   ./mvnw -B package -DskipTests
#   docker build -f dockerfiles/panel.Dockerfile -t taskflow-panel .
# Or: docker compose --profile panel up --build panel
ARG BASE_IMAGE=eclipse-temurin:21-jre

FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 panel \
    && useradd --system --uid 10001 --gid panel --home-dir /home/panel --create-home --shell /usr/sbin/nologin panel \
    && install -d -o panel -g panel /home/panel/.taskflow-panel
WORKDIR /opt/panel
COPY target/taskflow-panel-*.jar panel.jar
USER 10001:10001
# The workspace (runs, contracts, reports) lives under HOME; compose mounts a volume there.
ENV HOME=/home/panel
EXPOSE 8080
# The panel binds 127.0.0.1 by default; in a container it must listen on every interface for the published port.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/panel/panel.jar"]
CMD ["--server.address=0.0.0.0"]
