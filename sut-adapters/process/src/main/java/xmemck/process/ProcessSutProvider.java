package xmemck.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * The adapter {@code process}: runs the implementation given by the option {@code sut} (a command
 * line), or by the system property {@code xmemck.sut} when the option is absent. Options: {@code
 * timeoutMillis} (per call, default 5000), {@code startTimeoutMillis} (for the handshake, default
 * the larger of 10000 and the call timeout), {@code fault} (appends {@code --fault NAME} to the
 * command line: the convention for implementations with seeded faults, such as the C example).
 */
public final class ProcessSutProvider implements SutProvider {
    public static final String ID = "process";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "an implementation in any language, run as a child process speaking JSON lines (--sut \"<command line>\")";
    }

    @Override
    public Sut open(SutOptions options) throws SutFailure {
        return ProcessSut.start(
                command(options),
                options.callTimeout(),
                startTimeout(options),
                Duration.ofSeconds(2));
    }

    static List<String> command(SutOptions options) {
        String line = options.get("sut", System.getProperty("xmemck.sut"));
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException(
                    "the process adapter needs the implementation's command line: --sut \"<command line>\""
                            + " (or -Dxmemck.sut=... with Maven)");
        }
        List<String> words = new ArrayList<>(CommandLine.split(line));
        String fault = options.get("fault", null);
        if (fault != null && !fault.isBlank()) {
            words.add("--fault");
            words.add(fault.trim());
        }
        return words;
    }

    static Duration startTimeout(SutOptions options) {
        String v = options.get("startTimeoutMillis", null);
        if (v == null)
            return options.callTimeout().compareTo(Duration.ofSeconds(10)) > 0
                    ? options.callTimeout()
                    : Duration.ofSeconds(10);
        try {
            return Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "startTimeoutMillis must be a whole number of milliseconds, got \"" + v + "\"");
        }
    }
}
