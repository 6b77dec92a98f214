package dev.taskflow.panel.secrets;

import java.util.List;

/**
 * A secrets file freshly written from the template.
 *
 * @param location where it was written
 * @param mode     its POSIX mode ({@code 0600}), or {@code null} where the file system has none
 * @param keys     the keys it holds placeholders for, in file order
 */
public record CreatedTemplate(String location, String mode, List<String> keys) {

    public CreatedTemplate {
        keys = List.copyOf(keys);
    }
}
