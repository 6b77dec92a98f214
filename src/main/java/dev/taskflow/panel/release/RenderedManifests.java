package dev.taskflow.panel.release;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.support.SecretMasker;

/**
 * Splits Helm's multi-document output into resources and hides every Secret value before anything is shown: each
 * value under a Secret's {@code data} or {@code stringData} becomes {@code •••• sha256:…} (the fingerprint of the
 * decoded value, so it matches the Secrets page and a changed value still shows in a diff), and the whole text goes
 * through the {@link SecretMasker} for values that leak elsewhere.
 */
final class RenderedManifests {

    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$", Pattern.MULTILINE);

    private static final Pattern KIND = Pattern.compile("^kind:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    private static final Pattern NAME = Pattern.compile("^metadata:\\s*$(?:\\n(?:  .*|\\s*))*?\\n  name:\\s*(\\S+)",
            Pattern.MULTILINE);

    private static final Pattern ENTRY = Pattern.compile("^(\\s+)([^:#\\s][^:]*):\\s*(.*)$");

    private RenderedManifests() {
    }

    static List<Manifest> parse(String rendered, SecretMasker masker) {
        return split(rendered, true, masker::mask);
    }

    /** The resources exactly as rendered, secrets and all: for scanning inside the process, never for showing. */
    static List<Manifest> unmasked(String rendered) {
        return split(rendered, false, text -> text);
    }

    private static List<Manifest> split(String rendered, boolean masked, UnaryOperator<String> mask) {
        List<Manifest> manifests = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            Matcher kind = KIND.matcher(document);
            if (document.isBlank() || !kind.find()) {
                continue;
            }
            Matcher source = SOURCE.matcher(document);
            Matcher name = NAME.matcher(document);
            String kindName = kind.group(1);
            String text = document.strip();
            if (masked && kindName.equals("Secret")) {
                text = maskSecretValues(text);
            }
            manifests.add(new Manifest(source.find() ? source.group(1).strip() : "", kindName,
                    name.find() ? unquote(name.group(1)) : "", mask.apply(text)));
        }
        return List.copyOf(manifests);
    }

    /** The manifests as one YAML stream again, masked, for display and export. */
    static String join(List<Manifest> manifests) {
        StringBuilder out = new StringBuilder();
        for (Manifest manifest : manifests) {
            out.append("---\n").append(manifest.yaml()).append('\n');
        }
        return out.toString();
    }

    /** Replaces every value under top-level {@code data:} / {@code stringData:} of one Secret document. */
    static String maskSecretValues(String secret) {
        StringBuilder out = new StringBuilder();
        String block = null;
        int blockScalarIndent = -1;
        for (String line : secret.split("\n", -1)) {
            if (blockScalarIndent >= 0) {
                if (line.isBlank() || indent(line) > blockScalarIndent) {
                    continue;
                }
                blockScalarIndent = -1;
            }
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                String key = line.split(":", 2)[0].strip();
                block = key.equals("data") || key.equals("stringData") ? key : null;
                out.append(line).append('\n');
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (block != null && entry.matches()) {
                String value = entry.group(3).strip();
                out.append(entry.group(1)).append(entry.group(2)).append(": ");
                if (value.startsWith("|") || value.startsWith(">")) {
                    // a multi-line value: its lines are dropped, and there is no single line to fingerprint
                    blockScalarIndent = entry.group(1).length();
                    out.append('"').append(SecretMasker.HIDDEN).append("\"\n");
                    continue;
                }
                out.append(hidden(block.equals("data") ? decode(unquote(value)) : unquote(value))).append('\n');
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String hidden(String value) {
        return "\"" + SecretMasker.HIDDEN + " " + SecretMasker.fingerprint(value) + "\"";
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException notBase64) {
            return base64;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static int indent(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }
}
