package dev.taskflow.panel.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the app's ports, API prefix and the frontend's API base URL from its source, without running it. Each
 * setting has a few patterns, tried file by file in a stable order; the first match wins and is reported with its
 * file and line.
 */
class SourceSettingsScanner {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", ".git", ".next", ".venv", "venv",
            "env", "__pycache__", "dist", "build", "out", ".pytest_cache", ".mypy_cache", "coverage", ".turbo");

    private static final long MAX_FILE_BYTES = 512 * 1024;

    private static final int MAX_LOOKED_IN = 12;

    private static final List<Rule> BACKEND_PORT = List.of(
            new Rule(SourceSettingsScanner::isPython, Pattern.compile("uvicorn\\.run\\(.*\\bport\\s*=\\s*(\\d{2,5})")),
            new Rule(SourceSettingsScanner::isPython, Pattern.compile(
                    "(?i)\\bport\\b.*(?:getenv|environ\\.get)\\(\\s*[\"']PORT[\"']\\s*,\\s*[\"']?(\\d{2,5})")),
            new Rule(SourceSettingsScanner::isPython, Pattern.compile("(?i)^\\s*port\\s*(?::\\s*int\\s*)?=\\s*(\\d{2,5})\\b")),
            new Rule(SourceSettingsScanner::isLaunchFile, Pattern.compile("--port[= ]+\\$\\{PORT:-(\\d{2,5})}")),
            new Rule(SourceSettingsScanner::isLaunchFile, Pattern.compile("--port(?:[\"']\\s*,\\s*[\"']|[= ]+[\"']?)(\\d{2,5})")),
            new Rule(SourceSettingsScanner::isEnvFile, Pattern.compile("^\\s*(?:BACKEND_)?PORT\\s*=\\s*[\"']?(\\d{2,5})")));

    private static final List<Rule> FRONTEND_PORT = List.of(
            new Rule(path -> name(path).equals("package.json"),
                    Pattern.compile("\"(?:dev|start)\"\\s*:\\s*\"[^\"]*next (?:dev|start)[^\"]*(?:-p|--port)[= ]+(\\d{2,5})")),
            new Rule(SourceSettingsScanner::isLaunchFile, Pattern.compile("next (?:dev|start).*(?:-p|--port)[= ]+(\\d{2,5})")),
            new Rule(SourceSettingsScanner::isEnvFile, Pattern.compile("^\\s*PORT\\s*=\\s*[\"']?(\\d{2,5})")));

    private static final List<Rule> API_PREFIX = List.of(
            new Rule(SourceSettingsScanner::isPython, Pattern.compile(
                    "(?i)^\\s*(?:api_prefix|api_v1_str|api_v1_prefix)\\s*(?::\\s*str\\s*)?=\\s*(?:Field\\(\\s*(?:default\\s*=\\s*)?)?[\"'](/[^\"']*)[\"']")),
            new Rule(SourceSettingsScanner::isPython, Pattern.compile(
                    "(?i)(?:getenv|environ\\.get)\\(\\s*[\"']API_(?:V1_)?PREFIX[\"']\\s*,\\s*[\"'](/[^\"']*)[\"']")),
            new Rule(SourceSettingsScanner::isPython, Pattern.compile("include_router\\(.*\\bprefix\\s*=\\s*[\"'](/[^\"']*)[\"']")),
            new Rule(SourceSettingsScanner::isPython, Pattern.compile("APIRouter\\(.*\\bprefix\\s*=\\s*[\"'](/[^\"']*)[\"']")),
            new Rule(SourceSettingsScanner::isEnvFile, Pattern.compile("^\\s*API_(?:V1_)?PREFIX\\s*=\\s*[\"']?(/[^\"'\\s]*)")));

    private static final String API_URL_VARIABLE = "NEXT_PUBLIC_[A-Z0-9_]*(?:API|BACKEND)[A-Z0-9_]*";

    private static final List<Rule> FRONTEND_API_BASE_URL = List.of(
            new Rule(SourceSettingsScanner::isEnvFile,
                    Pattern.compile("^\\s*" + API_URL_VARIABLE + "\\s*=\\s*[\"']?([^\"'\\s#]+)")),
            new Rule(path -> name(path).startsWith("next.config."),
                    Pattern.compile(API_URL_VARIABLE + "\\s*:\\s*[\"'`]([^\"'`]+)[\"'`]")),
            new Rule(SourceSettingsScanner::isScript, Pattern.compile("process\\.env\\." + API_URL_VARIABLE
                    + "\\s*(?:\\|\\||\\?\\?)\\s*[\"'`]([^\"'`]+)[\"'`]")));

    private final Path appRoot;

    private final Path backend;

    private final Path frontend;

    SourceSettingsScanner(ContractProperties properties) {
        this.appRoot = properties.appRoot().toAbsolutePath().normalize();
        this.backend = appRoot.resolve(properties.backendDir()).normalize();
        this.frontend = appRoot.resolve(properties.frontendDir()).normalize();
    }

    SourceFindings scan() {
        if (!Files.isDirectory(appRoot)) {
            throw new AppSourceException("The app checkout " + appRoot + " does not exist: set "
                    + "panel.contract.app-root=/path/to/your/app (the folder holding backend/ and frontend/).");
        }
        List<Path> backendFiles = files(Files.isDirectory(backend) ? backend : appRoot);
        List<Path> frontendFiles = files(Files.isDirectory(frontend) ? frontend : appRoot);
        return new SourceFindings(appRoot.toString(), List.of(
                find(SourceFindings.BACKEND_PORT, BACKEND_PORT, backendFiles),
                find(SourceFindings.FRONTEND_PORT, FRONTEND_PORT, frontendFiles),
                find(SourceFindings.API_PREFIX, API_PREFIX, backendFiles),
                find(SourceFindings.FRONTEND_API_BASE_URL, FRONTEND_API_BASE_URL, frontendFiles)));
    }

    Path appRoot() {
        return appRoot;
    }

    private SourceFinding find(String setting, List<Rule> rules, List<Path> files) {
        List<Path> looked = new ArrayList<>();
        for (Rule rule : rules) {
            for (Path file : files) {
                if (!rule.applies().test(file)) {
                    continue;
                }
                if (!looked.contains(file)) {
                    looked.add(file);
                }
                List<String> lines = lines(file);
                for (int index = 0; index < lines.size(); index++) {
                    Matcher matcher = rule.pattern().matcher(lines.get(index));
                    if (matcher.find()) {
                        return new SourceFinding(setting, matcher.group(1), relative(file), index + 1, List.of());
                    }
                }
            }
        }
        List<String> lookedIn = new ArrayList<>(looked.stream().limit(MAX_LOOKED_IN).map(this::relative).toList());
        if (looked.size() > MAX_LOOKED_IN) {
            lookedIn.add("and " + (looked.size() - MAX_LOOKED_IN) + " more");
        }
        if (lookedIn.isEmpty()) {
            lookedIn.add("no candidate files under " + appRoot);
        }
        return new SourceFinding(setting, null, null, 0, lookedIn);
    }

    private String relative(Path file) {
        return appRoot.relativize(file).toString().replace('\\', '/');
    }

    private static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(), 10, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_FOLDERS.contains(name(dir)) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && attributes.size() <= MAX_FILE_BYTES) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException ex) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // Shallow files first (the entry point before a test fixture), then by name, so answers are stable.
        files.sort(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            // Binary or unreadable files (including non-UTF-8 ones) say nothing about settings.
            return List.of();
        }
    }

    private static String name(Path path) {
        return path.getFileName() == null ? "" : path.getFileName().toString();
    }

    private static boolean isPython(Path path) {
        return name(path).endsWith(".py");
    }

    private static boolean isScript(Path path) {
        String name = name(path);
        return name.matches(".*\\.(?:ts|tsx|js|jsx|mjs|cjs)") && !name.endsWith(".d.ts");
    }

    private static boolean isEnvFile(Path path) {
        return name(path).startsWith(".env");
    }

    private static boolean isLaunchFile(Path path) {
        String name = name(path).toLowerCase(Locale.ROOT);
        return name.startsWith("dockerfile") || name.equals("procfile") || name.endsWith(".sh")
                || name.startsWith("docker-compose") || name.startsWith("compose.") || name.equals("start")
                || name.equals("makefile");
    }

    /**
     * One way a setting is written.
     *
     * @param applies which files to look in
     * @param pattern the line pattern; group 1 is the value
     */
    private record Rule(Predicate<Path> applies, Pattern pattern) {
    }
}
