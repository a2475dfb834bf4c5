package xmemck.fuzz;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.fuzz.engine.Outcome;
import xmemck.fuzz.engine.Property;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.oracle.Finding;
import xmemck.oracle.Verdict;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.spi.Sut;

/**
 * The fuzzing property: a case is a list of operations run through a harness {@link Session} against one
 * implementation, so every step is compared with the oracle's allowed set and the invariants. A step with
 * verdict FAIL or ERROR fails the case; UNSUPPORTED and OUTSIDE-CONTRACT end it without failing (nothing is
 * promised after them); an ill-formed case (the generators' defect) is invalid, never a failure.
 *
 * <p>The failure's signature is the verdict, the operation and the first clause broken, so that shrinking keeps
 * to the same bug; the step's other findings give the signatures it also answers to, so that shrinking may pass
 * through a case where the same clause is broken but another finding comes first.
 */
public final class SessionProperty implements Property<List<Op>> {
    /** How the harness words an ill-formed operation sequence. */
    static final String ILL_FORMED = "ill-formed scenario";

    private final Sut sut;
    private final Coverage coverage;

    public SessionProperty(Sut sut, Coverage coverage) {
        this.sut = sut;
        this.coverage = coverage;
    }

    @Override
    public Outcome check(List<Op> ops) {
        try (Session session = new Session(sut)) {
            if (session.stopped()) return fail(session, session.stopper().orElseThrow());
            // runAll batches consecutive set-ups (one round trip for the process adapter); the verdicts are the
            // same as one by one, and the loop stops at the first step that is not PASS.
            for (Step step : session.runAll(ops)) {
                coverage.step(step);
                switch (step.verdict()) {
                    case PASS -> { }
                    case UNSUPPORTED, OUTSIDE_CONTRACT -> {
                        coverage.ended(step.verdict());
                        return Outcome.PASS;
                    }
                    case FAIL, ERROR -> {
                        if (step.verdict() == Verdict.ERROR && step.message().startsWith(ILL_FORMED)) {
                            coverage.invalid();
                            return new Outcome.Invalid(step.message());
                        }
                        coverage.ended(step.verdict());
                        return fail(session, step);
                    }
                }
            }
            coverage.ended(Verdict.PASS);
            return Outcome.PASS;
        }
    }

    private static Outcome.Fail fail(Session session, Step step) {
        return new Outcome.Fail(signature(step), String.join("\n", session.log()) + "\n" + step.message(), signatures(step));
    }

    /** The signatures of every clause a failing step's findings name (the first is {@link #signature}'s). */
    public static Set<String> signatures(Step step) {
        Set<String> all = new LinkedHashSet<>();
        all.add(signature(step));
        if (step.verdict() == Verdict.FAIL && step.judgement() != null) {
            for (Finding f : step.judgement().findings()) all.add(step.verdict().label() + " " + what(step.op()) + " " + f.clause());
        }
        return all;
    }

    /** {@code FAIL xmemout inv.no-write-outside}, {@code ERROR copyout implementation crashed}. */
    public static String signature(Step step) {
        return step.verdict().label() + " " + what(step.op()) + " " + clause(step);
    }

    /** The clause a failing step broke (its first finding's), or for an error the kind of error. */
    public static String clause(Step step) {
        if (step.verdict() == Verdict.ERROR) {
            String m = step.message();
            int colon = m.indexOf(':');
            return colon > 0 ? m.substring(0, colon) : m.isEmpty() ? "error" : m;
        }
        if (step.judgement() != null) {
            List<Finding> findings = step.judgement().findings();
            if (!findings.isEmpty()) return findings.getFirst().clause();
        }
        return step.clauses().isEmpty() ? "unnamed" : step.clauses().getFirst();
    }

    private static String what(Op op) {
        return switch (op) {
            case null -> "reset";
            case Call c -> c.service();
            case Observe o -> "observe";
            default -> "setup";
        };
    }
}
