package dev.taskflow.panel.prerequisites;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool's version as the tool printed it, read leniently: {@code v1.32.4-dispatcher}, {@code v3.16.2+g13654a5},
 * {@code 1.28} all parse.
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number (0 when absent)
 * @param text  the version as printed
 */
public record ToolVersion(int major, int minor, int patch, String text) implements Comparable<ToolVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?([-+][0-9A-Za-z.+-]*)?");

    /** The first version-looking word in the text. */
    public static Optional<ToolVersion> find(String text) {
        Matcher matcher = VERSION.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ToolVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)), matcher.group()));
    }

    public static ToolVersion parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a version like 1.28"));
    }

    public boolean isAtLeast(ToolVersion minimum) {
        return compareTo(minimum) >= 0;
    }

    @Override
    public int compareTo(ToolVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
