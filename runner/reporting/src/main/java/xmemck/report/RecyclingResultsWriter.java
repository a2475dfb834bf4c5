package xmemck.report;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Allure's writer of result files, which first renames one of the previous run's files set aside in
 * the folder ({@link AllureReport#clearResults}) to the new file's name, so that Allure's write
 * replaces its content instead of creating a file: a run then makes as many files as it leaves, and
 * none is created right after thousands were deleted (see {@code clearResults} for the cost of
 * that). What is written, and where, is Allure's own writer's. Attachments are written as before:
 * Allure refuses to write one over an existing file.
 */
final class RecyclingResultsWriter extends FileSystemResultsWriter {
    private final Path dir;
    private volatile Queue<Path> spares;

    RecyclingResultsWriter(Path dir) {
        super(dir);
        this.dir = dir;
    }

    @Override
    public void write(TestResult result) {
        if (result.getUuid() != null) reuseSpareAs(generateTestResultName(result.getUuid()));
        super.write(result);
    }

    @Override
    public void write(TestResultContainer container) {
        if (container.getUuid() != null)
            reuseSpareAs(generateTestResultContainerName(container.getUuid()));
        super.write(container);
    }

    /**
     * Renames a spare to {@code name}. The spares are listed at the first write, as the run has set
     * them aside by then. Without a spare, or when the rename fails, Allure creates the file.
     */
    private void reuseSpareAs(String name) {
        Path spare = spares().poll();
        if (spare == null) return;
        try {
            Files.move(spare, dir.resolve(name));
        } catch (IOException x) {
            // Gone, or the name is taken: Allure writes the file itself, and the spare (if it is
            // still there) is deleted with the others at the run's end.
        }
    }

    private Queue<Path> spares() {
        Queue<Path> q = spares;
        if (q == null) {
            synchronized (this) {
                q = spares;
                if (q == null) {
                    try {
                        q = new ConcurrentLinkedQueue<>(AllureReport.spares(dir));
                    } catch (IOException x) {
                        q = new ConcurrentLinkedQueue<>();
                    }
                    spares = q;
                }
            }
        }
        return q;
    }
}
