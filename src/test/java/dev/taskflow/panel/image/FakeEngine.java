package dev.taskflow.panel.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Docker engine that answers {@code /_ping}, starts a build's output, then dies: the connection is cut mid-build,
 * as when {@code dockerd} is killed. Listens on loopback on a free port.
 */
final class FakeEngine implements AutoCloseable {

    private final ServerSocket server;

    private final Thread acceptor;

    FakeEngine() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    String host() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String header;
                while ((header = line(in)) != null && !header.isEmpty()) {
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
                }
                drainBody(in, headers);
                if (requestLine.contains("/_ping")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String item = "{\"stream\":\"Step 1/3 : FROM scratch\\n\"}\r\n";
                out.write((Integer.toHexString(item.length()) + "\r\n" + item + "\r\n").getBytes(StandardCharsets.UTF_8));
                // half a chunk, then the engine is gone
                out.write("40\r\n{\"stream\":\"Step 2/".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
        }
        catch (IOException ex) {
            // the client went away
        }
    }

    private static void drainBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].strip(), 16);
                in.readNBytes(length);
                line(in);
                if (length == 0) {
                    return;
                }
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int value;
        while ((value = in.read()) != -1) {
            if (value == '\n') {
                String text = buffer.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            buffer.write(value);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(2000);
    }
}
