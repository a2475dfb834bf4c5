package xmemck.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --report-dir DIR}: where a command writes its reports (default {@code reports}); a picocli
 * mixin.
 */
final class ReportDirOption {

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            defaultValue = "reports",
            converter = Folder.class,
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path dir;

    /**
     * A folder name that is not blank: {@code --report-dir ""} would otherwise resolve to the
     * current folder, and a run clears stale report files in its folder before it writes.
     */
    static final class Folder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value == null || value.isBlank()) {
                throw new TypeConversionException(
                        "an empty folder name would mean the current folder, whose files a run clears; name a folder");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a folder name: " + e.getMessage());
            }
        }
    }
}
