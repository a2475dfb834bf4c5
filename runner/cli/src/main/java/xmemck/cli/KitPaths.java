package xmemck.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kit's own files are: the repository root the launcher passes ({@code -Dxmemck.root};
 * the working directory otherwise), and the C example binary the process module builds there.
 */
final class KitPaths {
    private KitPaths() {}

    /** The C example, relative to the repository root. */
    static final String C_EXAMPLE = "sut-adapters/process/target/xmemck-c-example";

    /** How to build the C example, for messages. */
    static final String BUILD_C_EXAMPLE =
            "build it with ./mvnw -q -B -pl sut-adapters/process -am package -DskipTests"
                    + " (or: gcc -O2 -std=c11 -I sut-adapters/c-protocol -o "
                    + C_EXAMPLE
                    + " sut-adapters/c-example/src/*.c sut-adapters/c-protocol/*.c)";

    static Path root() {
        String r = System.getProperty("xmemck.root", "").strip();
        return Path.of(r.isEmpty() ? "." : r).toAbsolutePath().normalize();
    }

    static Path cExample() {
        return root().resolve(C_EXAMPLE);
    }

    static boolean cExampleBuilt() {
        return Files.isExecutable(cExample());
    }
}
