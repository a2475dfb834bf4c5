package xmemck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/** Opens a built-in adapter by id; the process adapter runs the example C implementation. */
final class BuiltIn {
    private BuiltIn() {}

    /** Where the process module's build leaves the C example, relative to the repository root. */
    static final String C_EXAMPLE = "sut-adapters/process/target/xmemck-c-example";

    /**
     * A file of the repository: {@code ./ck bench} passes its root ({@code -Dxmemck.root}, which
     * JMH hands on to its forks), so the benchmarks find the kit's files from any working
     * directory; without it, the working directory.
     */
    static Path kitFile(String relative) {
        String root = System.getProperty("xmemck.root", "").strip();
        return Path.of(root.isEmpty() ? "." : root).resolve(relative);
    }

    static Sut open(String adapter) throws SutFailure {
        SutOptions options = SutOptions.none();
        if (adapter.equals("process")) {
            String configured = System.getProperty("xmemck.cExample");
            Path binary = configured != null ? Path.of(configured) : kitFile(C_EXAMPLE);
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(
                        "the C example is not built at "
                                + binary.toAbsolutePath()
                                + ": run ./mvnw -pl sut-adapters/process -am package first, or set -Dxmemck.cExample");
            }
            options = options.with("sut", binary.toString());
        }
        return Adapters.find(adapter).open(options);
    }
}
