package xmemck.cli;

import java.util.Map;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Adapters;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * Implementations written to attack the kit's reports (registered for the tests only), around the
 * reference: every text they control (their name, a missing capability's reason, an error message,
 * their standard error, an unsupported answer's reason, a call's notes) carries {@link #PAYLOAD},
 * markup that would run a script in a reader's browser if a page showed it as HTML, and a lone
 * UTF-16 surrogate (half an emoji). On {@link Cli#features}: the 1-byte copy crashes, the 4096-byte
 * copy is answered "unsupported", the read-only copy returns with notes.
 */
final class HostileAdapters {
    private HostileAdapters() {}

    /**
     * Sets {@code data-xss="1"} on the page's body if it ever runs; the attribute name is built so
     * the text never holds it.
     */
    static final String PAYLOAD =
            "<img src=x onerror=\"document.body.setAttribute('data-x'+'ss','1')\">"
                    + "<script>document.body.setAttribute('data-x'+'ss','1')</script>";

    /** What a page's DOM holds when the payload ran. */
    static final String RAN = "data-xss=\"1\"";

    static final String HALF_EMOJI = "\ud83d";

    static class Hostile implements Sut {
        final Sut reference;
        final String text;
        private String stderr = "";

        Hostile(String text) throws SutFailure {
            this.text = text;
            reference = Adapters.find("reference").open(SutOptions.none());
        }

        @Override
        public String name() {
            return "hostile " + text;
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.allBut(Map.of(Capability.ADI, "no ADI: " + text));
        }

        @Override
        public void reset() throws SutFailure {
            reference.reset();
        }

        @Override
        public void close() {
            reference.close();
        }

        @Override
        public Result apply(Op op) throws SutFailure {
            if (op instanceof Call.Copyout c && c.cn() == 1) {
                stderr = "stderr " + text + "\n";
                throw new SutFailure(SutFailure.Kind.CRASHED, "crashed: " + text);
            }
            if (op instanceof Call.Copyout c && c.cn() == 4096)
                return new Result.Unsupported("unsupported: " + text);
            Result r = reference.apply(op);
            if (op instanceof Call && r instanceof Result.Returned ret)
                return new Result.Returned(ret.value(), Map.of("raw " + text, "note " + text));
            return r;
        }

        @Override
        public String drainDiagnostics() {
            String s = stderr;
            stderr = "";
            return s;
        }
    }

    public static final class HostileProvider implements SutProvider {
        static final String ID = "test-hostile";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: script payloads and a lone surrogate in every text it controls";
        }

        @Override
        public Sut open(SutOptions options) throws SutFailure {
            return new Hostile(PAYLOAD + " " + HALF_EMOJI);
        }
    }

    /**
     * Takes the report folder away once the run has started (its first reset; ck run's start-up
     * check opens it once before): the folder becomes a plain file, so every report write fails,
     * for root too.
     */
    public static final class FolderBreakerProvider implements SutProvider {
        static final String ID = "test-folder-breaker";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: the report folder becomes unwritable after the start";
        }

        @Override
        public Sut open(SutOptions options) throws SutFailure {
            return new Hostile("plain") {
                @Override
                public void reset() throws SutFailure {
                    super.reset();
                    String dir = xmemck.glue.RunScope.current().property("xmemck.reportDir");
                    java.nio.file.Path d = dir == null ? null : java.nio.file.Path.of(dir);
                    if (d == null
                            || !java.nio.file.Files.isDirectory(d)
                            || !java.nio.file.Files.exists(
                                    d.resolve(xmemck.report.ReportWriter.INCOMPLETE))) return;
                    try {
                        java.nio.file.Files.move(
                                d, d.resolveSibling(d.getFileName() + ".taken-away"));
                        java.nio.file.Files.writeString(d, "not a folder");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
    }

    /** The same with 5 MB of text in each place. */
    public static final class HugeProvider implements SutProvider {
        static final String ID = "test-hostile-huge";
        static final int SIZE = 5 * 1024 * 1024;

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "test: 5 MB of text in every text it controls";
        }

        @Override
        public Sut open(SutOptions options) throws SutFailure {
            return new Hostile("x".repeat(SIZE));
        }
    }
}
