package xmemck.process;

import java.time.Duration;
import java.util.Map;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/** Opens the adapter the way the kit does: by options. */
final class ProcessSutProviderTestSupport {
    private ProcessSutProviderTestSupport() {}

    static ProcessSut open(String commandLine, Duration timeout) throws SutFailure {
        return (ProcessSut)
                new ProcessSutProvider()
                        .open(
                                new SutOptions(
                                        Map.of(
                                                "sut",
                                                commandLine,
                                                "timeoutMillis",
                                                String.valueOf(timeout.toMillis()))));
    }
}
