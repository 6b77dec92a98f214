package dev.taskflow.panel.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What changed between two revisions of a release, resource by resource, as unified diffs of their masked manifests.
 *
 * @param release the release
 * @param from    the older revision
 * @param to      the newer revision
 * @param changes one entry per resource in either revision
 */
public record ManifestDiff(String release, int from, int to, List<ResourceChange> changes) {

    public ManifestDiff {
        changes = List.copyOf(changes);
    }

    /** Resources that differ, for a headline. */
    public long changedCount() {
        return changes.stream().filter(change -> change.change() != Change.UNCHANGED).count();
    }

    /**
     * @param kind   the resource kind
     * @param name   the resource name
     * @param change added, removed, changed or unchanged
     * @param diff   the unified diff ({@code -} old, {@code +} new, 3 lines of context); empty when unchanged
     */
    public record ResourceChange(String kind, String name, Change change, String diff) {
    }

    /** How one resource differs between the two revisions. */
    public enum Change {
        ADDED, REMOVED, CHANGED, UNCHANGED
    }

    static ManifestDiff between(String release, int from, List<Manifest> older, int to, List<Manifest> newer) {
        Map<String, Manifest> before = byKey(older);
        Map<String, Manifest> after = byKey(newer);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<ResourceChange> changes = new ArrayList<>();
        for (String key : keys) {
            Manifest was = before.get(key);
            Manifest is = after.get(key);
            Manifest any = is != null ? is : was;
            String oldText = was == null ? "" : was.yaml() + "\n";
            String newText = is == null ? "" : is.yaml() + "\n";
            Change change = was == null ? Change.ADDED : is == null ? Change.REMOVED
                    : oldText.equals(newText) ? Change.UNCHANGED : Change.CHANGED;
            changes.add(new ResourceChange(any.kind(), any.name(), change,
                    change == Change.UNCHANGED ? "" : unified(oldText, newText)));
        }
        return new ManifestDiff(release, from, to, changes);
    }

    private static Map<String, Manifest> byKey(List<Manifest> manifests) {
        Map<String, Manifest> byKey = new LinkedHashMap<>();
        manifests.forEach(manifest -> byKey.put(manifest.key(), manifest));
        return byKey;
    }

    private static String unified(String oldText, String newText) {
        RawText a = new RawText(oldText.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(newText.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits, a, b);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
