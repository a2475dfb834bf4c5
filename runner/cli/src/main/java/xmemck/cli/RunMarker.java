package xmemck.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import xmemck.report.ReportWriter;

/**
 * What keeps a report folder honest when runs are interrupted or overlap: one {@code ck run} at a
 * time per folder (a lock held on {@value #LOCK} for the run's life, released by the system even
 * when the kit is killed); the previous run's files cleared when a run starts, so none of them
 * survives beside a new partial run; an {@link ReportWriter#INCOMPLETE} marker from a run's start
 * to its clean end, which {@code ck report} shows; and files written through a temporary name and a
 * rename, so a reader never sees half a file.
 */
final class RunMarker {
    private RunMarker() {}

    static final String LOCK = ".ck-run.lock";

    /** The held lock of a report folder; closing releases it. */
    record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock anyway, and so does the process's end
            }
        }
    }

    /**
     * Takes {@code root}'s lock, or fails with status 2 when another run holds it (nothing has been
     * written yet); marks the folder incomplete until {@link #finished}.
     */
    static Lock lock(Path root) {
        Path file = root.resolve(LOCK);
        FileChannel ch = null;
        try {
            Files.createDirectories(root);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) throw new OverlappingFileLockException();
            writeAtomically(root.resolve(ReportWriter.INCOMPLETE), note(Instant.now()));
            return new Lock(ch, l);
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw new CliProblem(
                    Ck.USAGE,
                    "another ck run is writing its reports into "
                            + root
                            + " (it holds "
                            + file
                            + "); nothing was run: wait for it to end, or give another --report-dir");
        } catch (IOException e) {
            close(ch);
            throw new CliProblem(
                    Ck.REPORTS_NOT_WRITTEN, "cannot lock the report folder " + root + ": " + e);
        }
    }

    private static void close(FileChannel ch) {
        try {
            if (ch != null) ch.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    /** The run over {@code root} ended cleanly: its overview is no longer incomplete. */
    static void finished(Path root) {
        try {
            Files.deleteIfExists(root.resolve(ReportWriter.INCOMPLETE));
        } catch (IOException ignored) {
            // the marker then says a run did not finish, which a later run clears
        }
    }

    /** An adapter's run starts in {@code dir}: the previous run's files go, the marker comes. */
    static void begin(Path dir, Instant started) throws IOException {
        Files.createDirectories(dir);
        for (String f : ReportWriter.RUN_FILES) Files.deleteIfExists(dir.resolve(f));
        writeAtomically(dir.resolve(ReportWriter.INCOMPLETE), note(started));
    }

    private static String note(Instant started) {
        return "the run started at "
                + started
                + " has not ended cleanly (interrupted, or some reports could not be written):"
                + " its files are partial or missing\n";
    }

    /**
     * An adapter's run ended in {@code dir}: the files every run writes that are not there (each a
     * line saying so); when none is missing, the marker goes.
     */
    static List<String> end(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : ReportWriter.RUN_FILES)
            if (!Files.isRegularFile(dir.resolve(f)))
                missing.add(dir.resolve(f) + " was not written");
        if (missing.isEmpty()) {
            try {
                Files.deleteIfExists(dir.resolve(ReportWriter.INCOMPLETE));
            } catch (IOException e) {
                missing.add(dir.resolve(ReportWriter.INCOMPLETE) + " could not be removed: " + e);
            }
        }
        return missing;
    }

    /**
     * Writes {@code text} (UTF-8; a character UTF-8 cannot hold is an error) through a temporary
     * file and a rename.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
