package xmemck.glue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs features through Cucumber in this JVM with this glue, and reads the outcome back from
 * Cucumber's own message stream: for tools that want results rather than reports ({@code ck run},
 * {@code ck explain}, the kit's tests).
 *
 * @param properties system properties for the run (adapter choice and so on), put back afterwards;
 *     a null value clears the property for the run
 * @param arguments Cucumber's command-line arguments besides the glue and the message plugin (tags,
 *     plugins, paths)
 * @param messages where the message stream goes (kept: it is one of the run's outputs), or null for
 *     a temporary file
 */
public record CucumberRun(Map<String, String> properties, List<String> arguments, Path messages) {

    /** Cucumber's exit status and what the glue attached. */
    public record Outcome(byte status, ResultAttachments.Read read) {}

    public Outcome execute() {
        Map<String, String> saved = new HashMap<>();
        properties.forEach(
                (k, v) -> {
                    saved.put(k, System.getProperty(k));
                    if (v == null) System.clearProperty(k);
                    else System.setProperty(k, v);
                });
        Path file = messages;
        try {
            if (file == null) file = Files.createTempFile("xmemck-messages", ".ndjson");
            else Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--glue",
                                    "xmemck.glue",
                                    "--object-factory",
                                    "io.cucumber.picocontainer.PicoFactory",
                                    "--plugin",
                                    "message:" + file.toAbsolutePath()));
            args.addAll(arguments);
            byte status =
                    io.cucumber.core.cli.Main.run(
                            args.toArray(String[]::new),
                            Thread.currentThread().getContextClassLoader());
            return new Outcome(status, ResultAttachments.readMessages(file));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot write or read Cucumber's message stream "
                            + file
                            + ": "
                            + e.getMessage(),
                    e);
        } finally {
            if (messages == null && file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    /* a temporary file left behind is harmless */
                }
            }
            saved.forEach(
                    (k, v) -> {
                        if (v == null) System.clearProperty(k);
                        else System.setProperty(k, v);
                    });
        }
    }
}
