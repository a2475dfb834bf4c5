package xmemck.glue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs features through Cucumber in this JVM with this glue, and reads the outcome back from
 * Cucumber's own message stream: for tools that want results rather than reports ({@code ck run},
 * {@code ck explain}, the kit's tests).
 *
 * <p>Runs may execute at once on several threads: each sees only its own properties and
 * implementations ({@link RunScope}), never another's, and the JVM's system properties are left
 * alone.
 *
 * @param properties the run's properties (adapter choice and so on), as the glue and the plugins
 *     read them through {@link RunScope}; a null value unsets the property for the run
 * @param arguments Cucumber's command-line arguments besides the glue and the message plugin (tags,
 *     plugins, paths)
 * @param messages where the message stream goes (kept: it is one of the run's outputs), or null for
 *     a temporary file
 */
public record CucumberRun(Map<String, String> properties, List<String> arguments, Path messages) {

    /** Cucumber's exit status and what the glue attached. */
    public record Outcome(byte status, ResultAttachments.Read read) {}

    public Outcome execute() {
        return RunScope.run(properties, this::executeInScope);
    }

    private Outcome executeInScope() {
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
        }
    }
}
