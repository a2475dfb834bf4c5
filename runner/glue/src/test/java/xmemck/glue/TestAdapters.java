package xmemck.glue;

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
 * Deliberately broken adapters (registered for the tests only) around the reference: the glue must
 * turn what they do into the right verdicts.
 */
final class TestAdapters {
    private TestAdapters() {}

    /** Passes everything to the reference implementation; subclasses break one thing. */
    abstract static class Wrapper implements Sut {
        final Sut reference;

        Wrapper() throws SutFailure {
            reference = Adapters.find("reference").open(SutOptions.none());
        }

        @Override
        public String name() {
            return getClass().getSimpleName();
        }

        @Override
        public Capabilities capabilities() {
            return reference.capabilities();
        }

        @Override
        public Result apply(Op op) throws SutFailure {
            return reference.apply(op);
        }

        @Override
        public void reset() throws SutFailure {
            reference.reset();
        }

        @Override
        public void close() {
            reference.close();
        }
    }

    /** The reference, unchanged. */
    static final class Plain extends Wrapper {
        Plain() throws SutFailure {}
    }

    /** copyout of 9 bytes or more copies one byte too few. */
    static class ShortCopy extends Wrapper {
        ShortCopy() throws SutFailure {}

        @Override
        public Result apply(Op op) throws SutFailure {
            if (op instanceof Call.Copyout c && c.cn() >= 9)
                return reference.apply(
                        new Call.Copyout(c.context(), c.driverbuf(), c.userbuf(), c.cn() - 1));
            return reference.apply(op);
        }
    }

    /**
     * The short copy as an adapter that answers over a pipe would be ({@link
     * Sut#prefersWholeScenarios}), counting the observations it is asked for.
     */
    static final class PipeShortCopy extends ShortCopy {
        static final java.util.concurrent.atomic.AtomicInteger BYTES =
                new java.util.concurrent.atomic.AtomicInteger();
        static final java.util.concurrent.atomic.AtomicInteger DIGESTS =
                new java.util.concurrent.atomic.AtomicInteger();

        PipeShortCopy() throws SutFailure {}

        @Override
        public boolean prefersWholeScenarios() {
            return true;
        }

        @Override
        public Result apply(Op op) throws SutFailure {
            if (op instanceof xmemck.ops.Observe.Bytes) BYTES.incrementAndGet();
            if (op instanceof xmemck.ops.Observe.Digest) DIGESTS.incrementAndGet();
            return super.apply(op);
        }
    }

    /** Declares that it cannot create ADI version tags. */
    static final class NoAdi extends Wrapper {
        static final String REASON = "this test adapter has no ADI hardware";

        NoAdi() throws SutFailure {}

        @Override
        public Capabilities capabilities() {
            return Capabilities.allBut(Map.of(Capability.ADI, REASON));
        }
    }

    /** Dies on every xmemout, after printing to its "stderr". */
    static final class Crashing extends Wrapper {
        static int opened;
        private String stderr = "";

        Crashing() throws SutFailure {
            opened++;
        }

        @Override
        public Result apply(Op op) throws SutFailure {
            if (op instanceof Call.Xmemout) {
                stderr = "segmentation fault in xmemout\n";
                throw new SutFailure(
                        SutFailure.Kind.CRASHED, "the implementation exited with signal 11");
            }
            return reference.apply(op);
        }

        @Override
        public String drainDiagnostics() {
            String s = stderr;
            stderr = "";
            return s;
        }
    }

    /**
     * Two runs meet here: each of the two "meeting" adapters opens only once the other is being
     * opened too, so that their runs certainly go on at the same time (tests of runs at once).
     */
    static final java.util.concurrent.CyclicBarrier MEETING =
            new java.util.concurrent.CyclicBarrier(2);

    static void meet() throws SutFailure {
        try {
            MEETING.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED, "the other run never opened its adapter: " + e);
        }
    }

    /** What opens a test adapter. */
    interface Opener {
        Sut open() throws SutFailure;
    }

    /** A test adapter's provider: its id, its description and what opens it. */
    abstract static class Provider implements SutProvider {
        private final String id;
        private final String description;
        private final Opener opener;

        Provider(String id, String description, Opener opener) {
            this.id = id;
            this.description = description;
            this.opener = opener;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Sut open(SutOptions options) throws SutFailure {
            return opener.open();
        }
    }

    /** An adapter that opens only at the {@link #MEETING}. */
    abstract static class Meeting extends Provider {
        Meeting(String id, Opener opener) {
            super(id, "test: opens when the other meeting adapter opens", opener);
        }

        @Override
        public Sut open(SutOptions options) throws SutFailure {
            meet();
            return super.open(options);
        }
    }

    /** The reference, opened together with {@link MeetingShortCopyProvider}'s adapter. */
    public static final class MeetingProvider extends Meeting {
        public MeetingProvider() {
            super("test-meeting", Plain::new);
        }
    }

    /** {@link ShortCopy}, opened together with {@link MeetingProvider}'s adapter. */
    public static final class MeetingShortCopyProvider extends Meeting {
        public MeetingShortCopyProvider() {
            super("test-meeting-short-copy", ShortCopy::new);
        }
    }

    public static final class ShortCopyProvider extends Provider {
        public ShortCopyProvider() {
            super("test-short-copy", "test: copyout copies one byte too few", ShortCopy::new);
        }
    }

    public static final class PipeShortCopyProvider extends Provider {
        public PipeShortCopyProvider() {
            super(
                    "test-pipe-short-copy",
                    "test: copyout copies one byte too few, answering as over a pipe",
                    PipeShortCopy::new);
        }
    }

    public static final class NoAdiProvider extends Provider {
        public NoAdiProvider() {
            super("test-no-adi", "test: no ADI", NoAdi::new);
        }
    }

    public static final class CrashingProvider extends Provider {
        public CrashingProvider() {
            super("test-crashing", "test: crashes in xmemout", Crashing::new);
        }
    }
}
