package xmemck.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Chromium driven over its DevTools protocol: open a page, let its scripts run for a while
 * in real time, and evaluate JavaScript in it. (Chromium's own {@code --dump-dom} with a virtual
 * time budget crashes on some of Allure's pages.) {@link #find} looks where runner/check-reports.sh
 * looks: {@code CHROMIUM}, then the usual names.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

    /**
     * The browser to use, if any: {@code CHROMIUM}, else chromium, chromium-browser or
     * google-chrome on PATH.
     */
    static Optional<Path> find() {
        String given = System.getenv("CHROMIUM");
        if (given != null && !given.isBlank())
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        for (String dir :
                System.getenv()
                        .getOrDefault("PATH", "/usr/bin")
                        .split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path browser) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("xmemck-chromium-");
        process =
                new ProcessBuilder(
                                browser.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--remote-debugging-port=0",
                                "--user-data-dir=" + profile,
                                "about:blank")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (System.nanoTime() > deadline || !process.isAlive())
                throw new IOException("Chromium did not start (" + browser + ")");
            Thread.sleep(50);
        }
        String port = Files.readAllLines(portFile).getFirst().strip();
        HttpClient http = HttpClient.newHttpClient();
        String list =
                http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        String page = null;
        for (JsonNode t : JSON.readTree(list))
            if (t.path("type").asString().equals("page"))
                page = t.path("webSocketDebuggerUrl").asString();
        if (page == null) throw new IOException("Chromium shows no page: " + list);
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode m = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (m.has("id")) {
                    CompletableFuture<JsonNode> f = replies.remove(m.get("id").asInt());
                    if (f != null) f.complete(m);
                }
            }
            ws.request(1);
            return null;
        }
    }

    private JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        replies.put(id, f);
        socket.sendText(
                        JSON.writeValueAsString(
                                Map.of("id", id, "method", method, "params", params)),
                        true)
                .join();
        return f.orTimeout(60, TimeUnit.SECONDS).join();
    }

    /**
     * Opens {@code url} (a new document, even when only its fragment differs) and waits until its
     * scripts have rendered it: the document loaded and its text unchanged over {@code settle} (at
     * most 20 s in all, for a loaded machine).
     */
    void open(String url, Duration settle) throws InterruptedException {
        send("Page.navigate", Map.of("url", "about:blank"));
        Thread.sleep(100);
        send("Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String before = "";
        while (System.nanoTime() < deadline) {
            Thread.sleep(settle.toMillis());
            String now =
                    eval(
                            "document.readyState + ' ' + (document.body ? document.body.innerText.length : -1)");
            if (now.startsWith("complete") && !now.endsWith(" 0") && now.equals(before)) return;
            before = now;
        }
    }

    /** The value of a JavaScript expression in the open page, as a string. */
    String eval(String expression) {
        JsonNode r =
                send(
                        "Runtime.evaluate",
                        Map.of("expression", "String(" + expression + ")", "returnByValue", true));
        return r.path("result").path("result").path("value").asString();
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var s = Files.walk(profile)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList())
                Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a profile left in the temporary folder is harmless
        }
    }
}
