package dev.taskflow.panel.support;

import java.util.List;

/** The program is not installed: it is on none of the folders of the search path. */
public class ToolNotFoundException extends RuntimeException {

    private final String program;

    public ToolNotFoundException(String program, List<String> searchPath) {
        super("'" + program + "' is not installed: it is not on the search path (" + String.join(":", searchPath) + ")");
        this.program = program;
    }

    public String program() {
        return program;
    }
}
