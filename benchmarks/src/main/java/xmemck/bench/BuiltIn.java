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

    /**
     * Where the process module's build leaves the C example, relative to the repository root
     * (benchmarks run there).
     */
    static final String C_EXAMPLE = "sut-adapters/process/target/xmemck-c-example";

    static Sut open(String adapter) throws SutFailure {
        SutOptions options = SutOptions.none();
        if (adapter.equals("process")) {
            Path binary = Path.of(System.getProperty("xmemck.cExample", C_EXAMPLE));
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
