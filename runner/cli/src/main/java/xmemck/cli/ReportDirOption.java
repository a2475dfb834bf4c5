package xmemck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report-dir DIR}: where a command writes its reports (default {@code reports}); a picocli mixin. */
final class ReportDirOption {

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path dir;
}
