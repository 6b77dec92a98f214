package dev.taskflow.panel.secrets;

import java.util.List;

/**
 * What adding entries to the app repository's {@code .gitignore} did.
 *
 * @param file           the .gitignore written
 * @param created        whether the file had to be created
 * @param added          the entries appended, in order
 * @param alreadyPresent the entries it covered already, left as they were
 */
public record GitignoreUpdate(String file, boolean created, List<String> added, List<String> alreadyPresent) {

    public GitignoreUpdate {
        added = List.copyOf(added);
        alreadyPresent = List.copyOf(alreadyPresent);
    }
}
