package dev.taskflow.panel.contract;

import java.util.List;
import java.util.Optional;

/**
 * What the app's source says about its ports, API prefix and the frontend's API base URL (seed T003–T004).
 *
 * @param appRoot  the app checkout that was read
 * @param findings one finding per setting, in a fixed order
 */
public record SourceFindings(String appRoot, List<SourceFinding> findings) {

    public static final String BACKEND_PORT = "backend port";

    public static final String FRONTEND_PORT = "frontend port";

    public static final String API_PREFIX = "API prefix";

    public static final String FRONTEND_API_BASE_URL = "frontend API base URL";

    public SourceFindings {
        findings = List.copyOf(findings);
    }

    public Optional<SourceFinding> finding(String setting) {
        return findings.stream().filter(finding -> finding.setting().equals(setting)).findFirst();
    }
}
