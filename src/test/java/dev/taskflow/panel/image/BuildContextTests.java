package dev.taskflow.panel.image;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The tar sent to the engine: what .dockerignore leaves out, and where a Dockerfile from elsewhere goes. */
class BuildContextTests {

    @TempDir
    Path folder;

    @Test
    void theIgnoreFileBesideTheDockerfileLeavesSecretsAndCachesOutAndExceptionsIn() throws IOException {
        Path app = Files.createDirectories(folder.resolve("app"));
        Files.writeString(app.resolve("main.py"), "app");
        Files.writeString(app.resolve("secrets.env"), "TOKEN=x");
        Files.writeString(app.resolve("keep.env"), "PUBLIC=1");
        Files.createDirectories(app.resolve("src/__pycache__"));
        Files.writeString(app.resolve("src/__pycache__/main.pyc"), "bytes");
        Files.writeString(app.resolve("src/app.py"), "app");
        Path dockerfile = Files.writeString(folder.resolve("backend.Dockerfile"), "FROM scratch\n");
        Path ignore = Files.writeString(folder.resolve("backend.dockerignore"), """
                # secrets and caches stay out
                *.env
                !keep.env
                **/__pycache__
                """);

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        String dockerfileName = BuildContext.write(app, dockerfile, ignore, tar);

        assertThat(dockerfileName).isEqualTo(BuildContext.OUTSIDE_DOCKERFILE);
        assertThat(names(tar.toByteArray())).contains("main.py", "keep.env", "src/", "src/app.py",
                BuildContext.OUTSIDE_DOCKERFILE).doesNotContain("secrets.env", "src/__pycache__/",
                        "src/__pycache__/main.pyc");
    }

    @Test
    void theContextsOwnIgnoreFileWinsAndADockerfileInsideItKeepsItsPath() throws IOException {
        Files.writeString(folder.resolve(".dockerignore"), "Dockerfile\nnotes.txt\n");
        Files.writeString(folder.resolve("notes.txt"), "notes");
        Path dockerfile = Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        Path other = Files.writeString(folder.resolve("other.dockerignore"), "");

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        String dockerfileName = BuildContext.write(folder, dockerfile, other, tar);

        assertThat(dockerfileName).isEqualTo("Dockerfile");
        assertThat(names(tar.toByteArray())).contains("Dockerfile").doesNotContain("notes.txt");
    }

    private static List<String> names(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
