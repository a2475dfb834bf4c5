package xmemck.glue;

import java.nio.file.Path;

/**
 * Where the top-level features/ folder is, in a Maven test run (Surefire passes it) or from the
 * module folder.
 */
public final class FeaturesFolder {
    private FeaturesFolder() {}

    public static Path path() {
        String configured = System.getProperty("xmemck.features", "").strip();
        return (configured.isEmpty() ? Path.of("..", "..", "features") : Path.of(configured))
                .toAbsolutePath()
                .normalize();
    }
}
