package dev.taskflow.panel.contract;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the app's source folders are unchanged against HEAD (seed T038).
 *
 * @param repository the git work tree holding the app
 * @param commit     HEAD's commit id, or {@code none} in a repository without commits
 * @param branch     the checked-out branch (or the commit id when detached)
 * @param paths      each guarded folder and what changed in it
 */
public record ImmutabilityReport(String repository, String commit, String branch, List<PathStatus> paths) {

    public ImmutabilityReport {
        paths = List.copyOf(paths);
    }

    @JsonProperty
    public boolean clean() {
        return paths.stream().allMatch(PathStatus::clean);
    }

    /** Every changed file, as {@code modified: backend/src/main.py}. */
    public List<String> changes() {
        List<String> all = new ArrayList<>();
        paths.forEach(path -> all.addAll(path.changes()));
        return all;
    }

    /**
     * One guarded folder.
     *
     * @param path      the folder, relative to the repository's work tree
     * @param exists    whether the folder is on disk
     * @param changed   tracked files modified (staged or not)
     * @param added     files added to the index
     * @param removed   tracked files deleted (staged or not)
     * @param untracked files git does not track
     */
    public record PathStatus(String path, boolean exists, List<String> changed, List<String> added,
            List<String> removed, List<String> untracked) {

        public PathStatus {
            changed = List.copyOf(changed);
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            untracked = List.copyOf(untracked);
        }

        public boolean clean() {
            return changed.isEmpty() && added.isEmpty() && removed.isEmpty() && untracked.isEmpty();
        }

        List<String> changes() {
            List<String> all = new ArrayList<>();
            changed.forEach(file -> all.add("modified: " + file));
            added.forEach(file -> all.add("added: " + file));
            removed.forEach(file -> all.add("removed: " + file));
            untracked.forEach(file -> all.add("untracked: " + file));
            return all;
        }
    }
}
