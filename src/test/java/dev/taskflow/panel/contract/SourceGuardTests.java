package dev.taskflow.panel.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceGuardTests {

    @TempDir
    Path repo;

    Path app;

    RevCommit head;

    @BeforeEach
    void repositoryWithOneCommit() throws Exception {
        app = repo.resolve("Phase-II");
        Files.createDirectories(app.resolve("backend/src"));
        Files.createDirectories(app.resolve("frontend/src"));
        Files.writeString(app.resolve("backend/src/main.py"), "app = FastAPI()\n");
        Files.writeString(app.resolve("frontend/src/page.tsx"), "export default function Page() {}\n");
        Files.writeString(app.resolve("README.md"), "TaskFlow\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("seed").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
    }

    @Test
    void aCleanCheckoutPassesRecordingTheCommitAndBranch() {
        ImmutabilityReport report = new SourceGuard(ContractFixtures.properties(app)).check();

        assertThat(report.clean()).isTrue();
        assertThat(report.commit()).isEqualTo(head.name());
        assertThat(report.branch()).isEqualTo("main");
        assertThat(report.paths()).extracting(ImmutabilityReport.PathStatus::path)
                .containsExactly("Phase-II/backend/src", "Phase-II/frontend/src");
        assertThat(report.paths()).allMatch(ImmutabilityReport.PathStatus::exists);
    }

    @Test
    void aModifiedFileAndAnUntrackedFileAreListedPerPath() throws Exception {
        Files.writeString(app.resolve("backend/src/main.py"), "app = FastAPI(debug=True)\n");
        Files.writeString(app.resolve("frontend/src/extra.ts"), "export {}\n");
        Files.writeString(app.resolve("README.md"), "changed outside the guarded folders\n");

        ImmutabilityReport report = new SourceGuard(ContractFixtures.properties(app)).check();

        assertThat(report.clean()).isFalse();
        assertThat(report.paths().get(0).changed()).containsExactly("Phase-II/backend/src/main.py");
        assertThat(report.paths().get(1).untracked()).containsExactly("Phase-II/frontend/src/extra.ts");
        assertThat(report.changes()).containsExactly("modified: Phase-II/backend/src/main.py",
                "untracked: Phase-II/frontend/src/extra.ts");
    }

    @Test
    void aDeletedFileIsListedAsRemoved() throws Exception {
        Files.delete(app.resolve("backend/src/main.py"));

        ImmutabilityReport report = new SourceGuard(ContractFixtures.properties(app)).check();

        assertThat(report.paths().get(0).removed()).containsExactly("Phase-II/backend/src/main.py");
    }

    @Test
    void pathsFromTheRepositoryRootAreAcceptedAsPlansWriteThem() throws Exception {
        Files.writeString(app.resolve("backend/src/main.py"), "changed\n");

        ImmutabilityReport report = new SourceGuard(ContractFixtures.properties(app))
                .check(List.of("Phase-II/backend/src/", "Phase-II/frontend/src/"));

        assertThat(report.paths()).extracting(ImmutabilityReport.PathStatus::path)
                .containsExactly("Phase-II/backend/src", "Phase-II/frontend/src");
        assertThat(report.changes()).containsExactly("modified: Phase-II/backend/src/main.py");
    }

    @Test
    void aFolderThatIsNotARepositoryIsAClearFailure(@TempDir Path plain) {
        assertThatThrownBy(() -> new SourceGuard(ContractFixtures.properties(plain)).check())
                .isInstanceOf(AppSourceException.class)
                .hasMessageContaining(plain.toString())
                .hasMessageContaining("is not inside a git repository");
    }
}
