package dev.taskflow.panel.pipeline;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unwritable workspace into a start-up message that names the folder and the fix. */
class WorkspaceFailureAnalyzer extends AbstractFailureAnalyzer<WorkspaceNotWritableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WorkspaceNotWritableException cause) {
        return new FailureAnalysis("The panel's workspace " + cause.path() + " cannot be written: "
                + cause.getCause().getMessage(),
                "Make " + cause.path() + " writable, or start the panel with another workspace: "
                        + "./mvnw spring-boot:run -Dspring-boot.run.arguments=--panel.pipeline.workspace=/some/folder",
                cause);
    }
}
