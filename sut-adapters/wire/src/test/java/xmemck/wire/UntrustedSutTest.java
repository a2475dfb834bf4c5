package xmemck.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * Any adapter's text seen through UntrustedText: a JVM implementation gets the process adapter's
 * limits.
 */
class UntrustedSutTest {
    static final String HUGE = "x".repeat(5 << 20) + "\ud83d";

    /**
     * Puts {@link #HUGE} into every text it controls; its first operation fails, the next is
     * answered unsupported.
     */
    static final class Loud implements Sut {
        int calls;

        @Override
        public String name() {
            return HUGE;
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.allBut(Map.of(Capability.ADI, HUGE));
        }

        @Override
        public Result apply(Op op) throws SutFailure {
            if (calls++ == 0) throw new SutFailure(SutFailure.Kind.CRASHED, HUGE);
            return calls == 2
                    ? new Result.Unsupported(HUGE)
                    : new Result.Returned(0, Map.of(HUGE, HUGE));
        }

        @Override
        public void reset() {}

        @Override
        public String drainDiagnostics() {
            return HUGE;
        }

        @Override
        public Map<String, String> emulatedClauses() {
            return Map.of(HUGE, HUGE, "vm_mvc.einval.cmd", "emulated by the adapter: " + HUGE);
        }

        @Override
        public void close() {}
    }

    @Test
    void anAdapterDeclaresNoEmulatedClauseByDefault() {
        Sut plain =
                new Sut() {
                    public String name() {
                        return "plain";
                    }

                    public Capabilities capabilities() {
                        return Capabilities.allBut(Map.of());
                    }

                    public Result apply(Op op) {
                        return new Result.Returned(0, Map.of());
                    }

                    public void reset() {}

                    public void close() {}
                };
        assertEquals(Map.of(), UntrustedSut.of(plain).emulatedClauses());
    }

    @Test
    void everyTextIsWellFormedAndCut() throws SutFailure {
        Sut s = UntrustedSut.of(new Loud());
        assertTrue(
                s.name().length() < UntrustedText.MAX_NAME + 50
                        && UntrustedText.isWellFormed(s.name()),
                s.name().substring(0, 20));
        assertTrue(
                s.capabilities().missing().get(Capability.ADI).length()
                        < UntrustedText.MAX_REASON + 50);
        Op op = new Setup.CreateProcess("p");
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(op));
        assertEquals(SutFailure.Kind.CRASHED, f.kind());
        assertTrue(
                f.getMessage().length() < UntrustedText.MAX_REASON + 50
                        && f.getMessage().contains("(cut, "),
                "said to be cut");
        assertTrue(
                ((Result.Unsupported) s.apply(op)).reason().length()
                        < UntrustedText.MAX_REASON + 50);
        var notes = ((Result.Returned) s.applyAll(List.of(op)).getFirst()).notes();
        notes.forEach(
                (k, v) ->
                        assertTrue(
                                k.length() < UntrustedText.MAX_NAME + 50
                                        && v.length() < UntrustedText.MAX_REASON + 50));
        assertTrue(s.drainDiagnostics().length() < UntrustedSut.MAX_DIAGNOSTICS + 50);
        Map<String, String> emulated = s.emulatedClauses();
        assertEquals(2, emulated.size(), "every declared clause forwarded");
        emulated.forEach(
                (k, v) ->
                        assertTrue(
                                k.length() < UntrustedText.MAX_NAME + 50
                                        && v.length() < UntrustedText.MAX_REASON + 50
                                        && UntrustedText.isWellFormed(k)
                                        && UntrustedText.isWellFormed(v)));
        assertTrue(emulated.get("vm_mvc.einval.cmd").startsWith("emulated by the adapter: "));
        assertTrue(UntrustedSut.of(s) == s, "wrapped once");
    }
}
