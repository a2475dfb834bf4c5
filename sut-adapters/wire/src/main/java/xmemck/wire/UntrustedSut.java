package xmemck.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.ScenarioAnswers;
import xmemck.spi.SentAhead;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * Any implementation seen through {@link UntrustedText}, as the process adapter sees its answers:
 * the name, the reasons of missing capabilities, unsupported answers' reasons, failure messages,
 * notes and diagnostics (standard error) well-formed and cut to the sizes of PROTOCOL.md's
 * "Limits", whatever adapter they come from (an adapter on the JVM included). Everything else
 * passes through unchanged.
 */
public final class UntrustedSut implements Sut {
    /**
     * The most diagnostics kept of one scenario, in characters (the process adapter keeps 64 KiB of
     * standard error).
     */
    public static final int MAX_DIAGNOSTICS = 64 * 1024;

    private final Sut sut;

    private UntrustedSut(Sut sut) {
        this.sut = sut;
    }

    /** {@code sut} wrapped, unless it already is. */
    public static Sut of(Sut sut) {
        return sut instanceof UntrustedSut ? sut : new UntrustedSut(sut);
    }

    @Override
    public String name() {
        return UntrustedText.capped(sut.name(), UntrustedText.MAX_NAME);
    }

    @Override
    public Capabilities capabilities() {
        return UntrustedText.safe(sut.capabilities());
    }

    /**
     * The adapter's emulated clauses, ids capped at {@link UntrustedText#MAX_NAME} and reasons at
     * {@link UntrustedText#MAX_REASON}, at most {@link #MAX_EMULATED} of them (by id).
     */
    @Override
    public Map<String, String> emulatedClauses() {
        Map<String, String> in = sut.emulatedClauses();
        Map<String, String> out = new TreeMap<>();
        if (in == null) return out;
        Map<String, String> sorted = new TreeMap<>();
        in.forEach((k, v) -> sorted.put(k == null ? "" : k, v));
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (out.size() == MAX_EMULATED) break;
            out.put(
                    UntrustedText.capped(e.getKey(), UntrustedText.MAX_NAME),
                    UntrustedText.capped(
                            e.getValue() == null ? "" : e.getValue(), UntrustedText.MAX_REASON));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The most emulated clauses kept (the catalogue has fewer than this). */
    public static final int MAX_EMULATED = 1_000;

    @Override
    public Result apply(Op op) throws SutFailure {
        try {
            return safe(sut.apply(op));
        } catch (SutFailure f) {
            throw safe(f);
        }
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        try {
            List<Result> out = new ArrayList<>();
            for (Result r : sut.applyAll(ops)) out.add(safe(r));
            return out;
        } catch (SutFailure f) {
            throw safe(f);
        }
    }

    @Override
    public boolean prefersWholeScenarios() {
        return sut.prefersWholeScenarios();
    }

    @Override
    public List<Result> applyRest(List<? extends Op> ops) throws SutFailure {
        try {
            List<Result> out = new ArrayList<>();
            for (Result r : sut.applyRest(ops)) out.add(safe(r));
            return out;
        } catch (SutFailure f) {
            throw safe(f);
        }
    }

    @Override
    public int scenariosAhead() {
        return sut.scenariosAhead();
    }

    /** Passed on; the answers come back as every other answer does, made safe. */
    @Override
    public SentAhead sendAhead(List<List<? extends Op>> scenarios) {
        SentAhead sent = sut.sendAhead(scenarios);
        return new SentAhead() {
            @Override
            public ScenarioAnswers answer(int index) {
                return safe(sent.answer(index));
            }

            @Override
            public int size() {
                return sent.size();
            }
        };
    }

    private static ScenarioAnswers safe(ScenarioAnswers a) {
        return switch (a) {
            case ScenarioAnswers.Answered x -> {
                List<Result> results = new ArrayList<>();
                for (Result r : x.results()) results.add(safe(r));
                yield new ScenarioAnswers.Answered(
                        results, x.atEnd() == null ? null : safe(x.atEnd()));
            }
            case ScenarioAnswers.Failed f -> new ScenarioAnswers.Failed(safe(f.failure()));
            case ScenarioAnswers.NotRun n ->
                    new ScenarioAnswers.NotRun(
                            UntrustedText.capped(n.why(), UntrustedText.MAX_REASON));
        };
    }

    @Override
    public void reset() throws SutFailure {
        try {
            sut.reset();
        } catch (SutFailure f) {
            throw safe(f);
        }
    }

    @Override
    public void endScenario() throws SutFailure {
        try {
            sut.endScenario();
        } catch (SutFailure f) {
            throw safe(f);
        }
    }

    @Override
    public String drainDiagnostics() {
        return UntrustedText.capped(sut.drainDiagnostics(), MAX_DIAGNOSTICS);
    }

    @Override
    public void close() {
        sut.close();
    }

    private static SutFailure safe(SutFailure f) {
        String m = f.getMessage(), safe = UntrustedText.capped(m, UntrustedText.MAX_REASON);
        return m == null || m.equals(safe) ? f : new SutFailure(f.kind(), safe, f);
    }

    private static Result safe(Result r) {
        return UntrustedText.safe(r);
    }
}
