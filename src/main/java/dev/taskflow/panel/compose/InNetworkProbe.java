package dev.taskflow.panel.compose;

import java.util.List;

/**
 * One service calling another by its service name inside the stack's network, as the frontend calls the backend.
 *
 * @param from    the service the call was made from
 * @param url     what it called, e.g. {@code http://backend:8000/health}
 * @param tool    the program that made the call (the first of wget, curl, python3, node the image has), or
 *                {@code null} when the image has none of them
 * @param missing the programs tried first that the image does not have
 * @param reached whether the call answered with success
 * @param output  what the call printed (trimmed, masked)
 */
public record InNetworkProbe(String from, String url, String tool, List<String> missing, boolean reached,
        String output) {

    public InNetworkProbe {
        missing = List.copyOf(missing);
    }
}
