package dev.taskflow.panel.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.stereotype.Service;

/**
 * Proves the app's source folders are untouched against HEAD (seed T038: deploying must not change the app). Reads
 * the repository with JGit, so no git binary is needed.
 */
@Service
public class SourceGuard {

    private final ContractProperties properties;

    SourceGuard(ContractProperties properties) {
        this.properties = properties;
    }

    /** Checks the configured folders ({@code panel.contract.immutable-paths}). */
    public ImmutabilityReport check() {
        return check(properties.immutablePaths());
    }

    /**
     * Checks the given folders. Each is taken relative to the app checkout, or, when no such folder exists there,
     * relative to the repository's work tree (plans name {@code Phase-II/backend/src/} from the repository root).
     */
    public ImmutabilityReport check(List<String> paths) {
        Path appRoot = properties.appRoot().toAbsolutePath().normalize();
        if (!Files.isDirectory(appRoot)) {
            throw new AppSourceException("The app checkout " + appRoot + " does not exist: set "
                    + "panel.contract.app-root=/path/to/your/app.");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(appRoot.toFile());
        if (builder.getGitDir() == null) {
            throw new AppSourceException(appRoot + " is not inside a git repository, so its source cannot be "
                    + "compared with a commit: clone the app with git, or set panel.contract.app-root to its clone.");
        }
        try (Repository repository = builder.setMustExist(true).build(); Git git = Git.wrap(repository)) {
            Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
            Map<String, Boolean> guarded = new LinkedHashMap<>();
            for (String path : paths) {
                String repoPath = repoPath(appRoot, workTree, path);
                guarded.put(repoPath, Files.isDirectory(workTree.resolve(repoPath)));
            }
            StatusCommand status = git.status();
            if (!guarded.containsKey(".")) {
                guarded.keySet().forEach(status::addPath);
            }
            Status result = status.call();
            List<ImmutabilityReport.PathStatus> statuses = new ArrayList<>();
            guarded.forEach((path, exists) -> statuses.add(new ImmutabilityReport.PathStatus(path, exists,
                    under(path, result.getModified(), result.getChanged(), result.getConflicting()),
                    under(path, result.getAdded()), under(path, result.getRemoved(), result.getMissing()),
                    under(path, result.getUntracked()))));
            ObjectId head = repository.resolve("HEAD");
            return new ImmutabilityReport(workTree.toString(), head == null ? "none" : head.name(),
                    repository.getBranch(), statuses);
        }
        catch (IOException | GitAPIException ex) {
            throw new AppSourceException("Could not read the git repository holding " + appRoot + " ("
                    + ex.getMessage() + "): check it with `git status` there.");
        }
    }

    private String repoPath(Path appRoot, Path workTree, String path) {
        String trimmed = path.strip().replace('\\', '/').replaceAll("/+$", "");
        Path fromApp = appRoot.resolve(trimmed).normalize();
        Path fromRepo = workTree.resolve(trimmed).normalize();
        Path chosen = !Files.exists(fromApp) && Files.exists(fromRepo) ? fromRepo : fromApp;
        if (!chosen.startsWith(workTree)) {
            throw new AppSourceException("The guarded path " + path + " lies outside the repository " + workTree
                    + ": give paths inside the app checkout (panel.contract.immutable-paths).");
        }
        String relative = workTree.relativize(chosen).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    @SafeVarargs
    private static List<String> under(String path, Collection<String>... sets) {
        String prefix = path.equals(".") ? "" : path + "/";
        List<String> files = new ArrayList<>();
        for (Collection<String> set : sets) {
            set.stream().filter(file -> prefix.isEmpty() || file.startsWith(prefix) || file.equals(path))
                    .forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
