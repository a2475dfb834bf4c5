package xmemck.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import xmemck.fuzz.engine.Outcome;
import xmemck.fuzz.engine.Property;
import xmemck.harness.Prefetched;
import xmemck.harness.ScenarioPlan;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.oracle.Finding;
import xmemck.oracle.Verdict;
import xmemck.spi.Capabilities;
import xmemck.spi.ScenarioAnswers;
import xmemck.spi.SentAhead;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * The fuzzing property: a case is a list of operations run through a harness {@link Session}
 * against one implementation, so every step is compared with the oracle's allowed set and the
 * invariants. A step with verdict FAIL or ERROR fails the case; UNSUPPORTED and OUTSIDE-CONTRACT
 * end it without failing (nothing is promised after them); an ill-formed case (the generators'
 * defect, or a case that refers to an object no earlier operation creates: see {@link
 * OpRefs#dangling}) is invalid, never a failure. After the case the implementation is told that it
 * is over ({@link Sut#endScenario}), so that an answer nobody asked for is an ERROR of the case
 * that caused it.
 *
 * <p>A failure's signature is {@code VERDICT WHAT CLAUSE}, three words built from data only, never
 * from a message: WHAT is the failing operation's service ({@code copyout}), {@code setup}, {@code
 * observe}, {@code reset} (the fresh world could not be made), {@code end} (the implementation
 * failed when told the case was over) or {@code batch} (it failed on the case sent as one batch,
 * but not when the case ran again step by step: see {@link Sut#prefersWholeScenarios}); CLAUSE is,
 * for a FAIL, the first clause its findings break ({@link Finding#breaks}), and for an ERROR the
 * clause of its findings (an observation that does not answer what was asked) or else its kind: the
 * {@link SutFailure.Kind} of the failure ({@code crashed}, {@code hung}, {@code protocol}, {@code
 * start-failed}, {@code internal}), {@code protocol} for an answer of the wrong kind, {@code kit}
 * for a defect of the kit itself. The step's other findings give the signatures the failure also
 * answers to, with the same verdict and operation: every clause any finding breaks. Shrinking keeps
 * a candidate only when it answers to the original signature, so it keeps the verdict and the
 * clause, and may pass through a case where another finding of the same step comes first.
 *
 * <p>An implementation behind a pipe ({@link Sut#prefersWholeScenarios}) is sent each case whole,
 * planned by the oracle, and one that takes cases ahead ({@link Sut#scenariosAhead}) is sent a lot
 * of them at a time, told by the search before it checks them ({@link #upcoming}): it works on them
 * while the search judges the ones before. Either way a case is judged from its own answers as if
 * they had come one batch at a time, and is run again step by step wherever that is in doubt (the
 * plan was not what the session asked for, the implementation failed), which decides.
 *
 * <p>Known findings: a FAIL whose clause (the first clause its findings break) is among the {@code
 * known} clauses an implementation's expectations list is {@link Outcome.Known}, not a failure: the
 * search counts it and goes on. The set is plain clause ids: what lists them (an expectations file,
 * and which of its entries are in force) is the caller's business. An ERROR is never known.
 */
public final class SessionProperty implements Property<List<Op>> {
    /**
     * How the harness words an ill-formed operation sequence (the oracle refused it before the
     * implementation saw it).
     */
    static final String ILL_FORMED = "ill-formed scenario";

    /** The operation word of a failure reported when the case was over. */
    static final String END = "end";

    /**
     * The operation word of a failure of the implementation on a case sent as one batch that did
     * not happen again when the case ran step by step.
     */
    static final String BATCH = "batch";

    /**
     * The ERROR kind of an answer of the wrong kind (the implementation answered, but not as the
     * protocol says).
     */
    static final String PROTOCOL = "protocol";

    /**
     * The ERROR kind of a failure of the kit itself (neither the implementation nor the adapter
     * failed).
     */
    static final String KIT = "kit";

    private final WatchedSut sut;
    private final Coverage coverage;
    private final Set<String> known;

    /**
     * Cases sent ahead ({@link #upcoming}) and not checked yet, by identity: the search checks the
     * very values it told of.
     */
    private final Map<List<Op>, SentCase> sentAhead = new IdentityHashMap<>();

    /** A case sent ahead: its plan, and where its answers will be. */
    private record SentCase(ScenarioPlan plan, SentAhead sent, int index) {}

    /** How the case checked last ended ({@link #lastEnding}). */
    private Verdict lastEnding;

    public SessionProperty(Sut sut, Coverage coverage) {
        this(sut, coverage, Set.of());
    }

    /**
     * {@code known}: clause ids whose FAILs are known findings of this implementation (see above).
     */
    public SessionProperty(Sut sut, Coverage coverage, Set<String> known) {
        this.sut = new WatchedSut(sut);
        this.coverage = coverage;
        this.known = Set.copyOf(known);
    }

    /** As many cases as the implementation takes ahead ({@link Sut#scenariosAhead}). */
    @Override
    public int lookahead() {
        return sut.scenariosAhead();
    }

    /**
     * Plans the cases and sends them ahead, so that the implementation works on them while the
     * search checks the ones before; a case with nothing to send (its first operation stops it) is
     * left to run when it is checked.
     */
    @Override
    public void upcoming(List<List<Op>> cases) {
        List<List<Op>> valid = new ArrayList<>(cases.size());
        List<ScenarioPlan> plans = new ArrayList<>(cases.size());
        // Asked once for the lot: through an untrusted adapter each answer is a checked copy.
        Capabilities caps = sut.capabilities();
        int digests = Session.digestAbovePagesFor(sut);
        for (List<Op> ops : cases) {
            if (OpRefs.dangling(ops) != null) continue;
            ScenarioPlan plan = ScenarioPlan.of(ops, caps, digests);
            if (plan.ops().isEmpty()) continue;
            valid.add(ops);
            plans.add(plan);
        }
        if (plans.isEmpty()) return;
        SentAhead sent =
                sut.sendAhead(plans.stream().<List<? extends Op>>map(ScenarioPlan::ops).toList());
        for (int i = 0; i < valid.size(); i++)
            sentAhead.put(valid.get(i), new SentCase(plans.get(i), sent, i));
    }

    /**
     * How the case checked last ended: the verdict that stopped it, PASS if none did; null when it
     * was ill-formed (or none was checked yet). The search's cases are counted from this ({@link
     * Coverage#ended}, by the run's listener), so that the tries of a shrink, which are checked
     * too, are not counted as cases.
     */
    public Verdict lastEnding() {
        return lastEnding;
    }

    @Override
    public Outcome check(List<Op> ops) {
        lastEnding = null;
        // A case sent ahead was found well-formed when it was sent (upcoming).
        SentCase ahead = sentAhead.remove(ops);
        String dangling = ahead == null ? OpRefs.dangling(ops) : null;
        // Ill-formed cases are counted by the search (Search.Report#invalid), its cases alone.
        if (dangling != null) return new Outcome.Invalid(dangling);
        Ran ran = ahead != null ? run(sut, ops, ahead, coverage) : run(sut, ops, coverage);
        Failing f = ran.failing();
        if (f != null) {
            lastEnding = f.verdict();
            String detail = String.join("\n", ran.log()) + "\n" + f.message();
            if (f.verdict() == Verdict.FAIL && known.contains(f.clause()))
                return new Outcome.Known(f.signature(), detail);
            return new Outcome.Fail(f.signature(), detail, f.signatures());
        }
        if (ran.stopper() != null && illFormed(ran.stopper()))
            return new Outcome.Invalid(ran.stopper().message());
        lastEnding = ran.stopper() == null ? Verdict.PASS : ran.stopper().verdict();
        return Outcome.PASS;
    }

    /**
     * One run of a case: every step, the session's log, the step that stopped it (null when every
     * step passed), and how the case failed (null when it did not). While searching, a case that
     * did not fail keeps no steps and no log.
     */
    public record Ran(List<Step> steps, List<String> log, Step stopper, Failing failing) {
        public Ran {
            steps = List.copyOf(steps);
            log = List.copyOf(log);
        }
    }

    /**
     * How a case failed.
     *
     * @param verdict FAIL or ERROR
     * @param what the failing operation's word (see {@link SessionProperty})
     * @param clause the clause broken, or the ERROR's kind
     * @param signatures {@link #signature} first, then the signatures of every other clause the
     *     step's findings break
     * @param message the readable account (the step's message, or the failure at the end of the
     *     case)
     * @param step the failing step; null for a failure at the end of the case
     */
    public record Failing(
            Verdict verdict,
            String what,
            String clause,
            Set<String> signatures,
            String message,
            Step step) {
        public Failing {
            signatures = Collections.unmodifiableSet(new LinkedHashSet<>(signatures));
        }

        /**
         * {@code FAIL xmemout inv.no-write-outside}, {@code ERROR copyout crashed}, {@code ERROR
         * end protocol}.
         */
        public String signature() {
            return SessionProperty.signature(verdict, what, clause);
        }

        /** Whether this failure shows the one named {@code signature}. */
        public boolean answersTo(String signature) {
            return signatures.contains(signature);
        }

        /**
         * The other clauses this failure breaks (same verdict and operation), in the findings'
         * order.
         */
        public List<String> alsoBreaks() {
            return alsoBreaks(signature(), signatures);
        }

        static List<String> alsoBreaks(String main, Set<String> signatures) {
            String prefix = main.substring(0, main.lastIndexOf(' ') + 1);
            return signatures.stream()
                    .filter(s -> !s.equals(main) && s.startsWith(prefix))
                    .map(s -> s.substring(prefix.length()))
                    .toList();
        }
    }

    /**
     * Runs {@code ops} against {@code sut} as a case once more (no coverage counted): how a
     * counterexample replays.
     */
    public static Ran replay(Sut sut, List<Op> ops) {
        return run(sut instanceof WatchedSut w ? w : new WatchedSut(sut), ops, null);
    }

    private static Ran run(WatchedSut sut, List<Op> ops, Coverage coverage) {
        int digests = Session.digestAbovePagesFor(sut);
        // Over a pipe, a case goes out whole: one round trip instead of one per call.
        if (!sut.prefersWholeScenarios()) return stepByStep(sut, ops, digests, null, coverage);
        Prefetched whole = new Prefetched(sut, ScenarioPlan.of(ops, sut.capabilities(), digests));
        return fromPlan(sut, ops, whole, () -> end(sut), digests, coverage);
    }

    /**
     * The case judged from {@code batch}, which {@code ending} ends; when the session left the plan
     * or the batch failed, the case runs again step by step, which decides.
     */
    private static Ran fromPlan(
            WatchedSut sut,
            List<Op> ops,
            Prefetched batch,
            Supplier<Failing> ending,
            int digests,
            Coverage coverage) {
        sut.clear();
        Ran ran = run(sut, new Session(batch, digests), ops, batch, ending, coverage);
        return ran != null ? ran : stepByStep(sut, ops, digests, batch.failure(), coverage);
    }

    /**
     * A case sent ahead: judged from its answers; run again the ordinary way when it did not run,
     * and step by step when it failed or left its plan (the step-by-step run decides).
     */
    private static Ran run(WatchedSut sut, List<Op> ops, SentCase ahead, Coverage coverage) {
        int digests = Session.digestAbovePagesFor(sut);
        ScenarioAnswers answers = ahead.sent().answer(ahead.index());
        switch (answers) {
            case ScenarioAnswers.NotRun n -> {
                return run(sut, ops, coverage);
            }
            case ScenarioAnswers.Failed f -> {
                return stepByStep(sut, ops, digests, f.failure(), coverage);
            }
            case ScenarioAnswers.Answered a -> {
                return fromPlan(
                        sut,
                        ops,
                        Prefetched.answered(sut, ahead.plan(), a.results()),
                        () -> a.atEnd() == null ? null : end(sut, a.atEnd()),
                        digests,
                        coverage);
            }
        }
    }

    /**
     * The case run step by step, which decides; {@code batchFailed}: how the implementation failed
     * on the case sent whole, or null.
     */
    private static Ran stepByStep(
            WatchedSut sut, List<Op> ops, int digests, SutFailure batchFailed, Coverage coverage) {
        sut.clear();
        Ran ran = run(sut, new Session(sut, digests), ops, null, () -> end(sut), coverage);
        if (batchFailed == null || ran.failing() != null) return ran;
        // The implementation failed on the whole case but not step by step: still its ERROR.
        String kind = label(batchFailed.kind());
        String message =
                "implementation "
                        + kind.replace('-', ' ')
                        + " when the case was sent as one batch, though not when it ran again step by step: "
                        + batchFailed.getMessage();
        Failing failing =
                new Failing(
                        Verdict.ERROR,
                        BATCH,
                        kind,
                        Set.of(signature(Verdict.ERROR, BATCH, kind)),
                        message,
                        null);
        return new Ran(ran.steps(), ran.log(), ran.stopper(), failing);
    }

    /**
     * One run of {@code ops} in {@code session}; null when {@code batch} (the case sent whole, or
     * null) left its plan, and nothing of the run counts.
     */
    private static Ran run(
            WatchedSut sut,
            Session session,
            List<Op> ops,
            Prefetched batch,
            Supplier<Failing> ending,
            Coverage coverage) {
        try (session) {
            List<Step> steps = List.of();
            if (!session.stopped()) {
                // runAll batches consecutive set-ups (one round trip for the process adapter); the
                // verdicts are the same as one by one, and every step after the first that is not
                // PASS is "not run".
                steps = session.runAll(ops);
            }
            if (batch != null && batch.diverged() != null) return null;
            if (coverage != null) {
                for (Step step : steps) {
                    coverage.step(step);
                    if (step.verdict() != Verdict.PASS) break;
                }
            }
            Step stopper = session.stopper().orElse(null);
            Failing failing = null;
            if (stopper != null
                    && (stopper.verdict() == Verdict.FAIL || stopper.verdict() == Verdict.ERROR)
                    && !illFormed(stopper)) {
                failing = failing(stopper, sut.failed(), sut.failedOn());
            }
            // Not after an ERROR of the implementation: it is discarded or restarted anyway
            // (Sut#endScenario).
            if (failing == null || failing.verdict() != Verdict.ERROR) {
                Failing atEnd = ending.get();
                if (atEnd != null) failing = atEnd;
            }
            // The steps and the log only where they are read (a replay, a failure): the log
            // describes every operation, which would cost more than the rest of a passing case's
            // bookkeeping.
            boolean full = coverage == null || failing != null;
            return new Ran(
                    full ? session.steps() : List.of(),
                    full ? session.log() : List.of(),
                    stopper,
                    failing);
        }
    }

    /**
     * The failure of telling the implementation the case is over, or null: an ERROR of this case,
     * whatever it was before.
     */
    private static Failing end(WatchedSut sut) {
        try {
            sut.endScenario();
            return null;
        } catch (SutFailure f) {
            return end(sut, f);
        } catch (RuntimeException e) {
            return end(sut, new SutFailure(SutFailure.Kind.INTERNAL, "the adapter failed: " + e));
        }
    }

    /** The case's ERROR for {@code failure}, met when the case was over. */
    private static Failing end(WatchedSut sut, SutFailure failure) {
        SutFailure.Kind kind = failure.kind();
        String why = failure.getMessage();
        String diagnostics = sut.drainDiagnostics();
        String message =
                "implementation "
                        + label(kind).replace('-', ' ')
                        + " at the end of the case: "
                        + why
                        + (diagnostics.isBlank()
                                ? ""
                                : "\nits diagnostics:\n" + diagnostics.strip());
        return new Failing(
                Verdict.ERROR,
                END,
                label(kind),
                Set.of(signature(Verdict.ERROR, END, label(kind))),
                message,
                null);
    }

    /**
     * How a FAIL or ERROR step failed; {@code failed} is the implementation's failure during the
     * case, if any, and {@code failedOn} the call it failed on when the harness charged that
     * failure to the batch's first set-up (see {@link WatchedSut}), else null.
     */
    static Failing failing(Step step, SutFailure.Kind failed, Op failedOn) {
        Verdict v = step.verdict();
        boolean onCall =
                v == Verdict.ERROR
                        && failedOn != null
                        && step.findings().isEmpty()
                        && !(step.op() instanceof Call);
        String what = what(onCall ? failedOn : step.op());
        Set<String> signatures = new LinkedHashSet<>();
        String clause;
        List<Finding> findings = step.findings();
        if (!findings.isEmpty()) {
            clause = findings.getFirst().clause();
        } else if (v == Verdict.ERROR) {
            clause = failed != null ? label(failed) : step.result() != null ? PROTOCOL : KIT;
        } else {
            clause = step.clauses().isEmpty() ? "unnamed" : step.clauses().getFirst();
        }
        signatures.add(signature(v, what, clause));
        for (Finding f : findings)
            for (String c : f.breaks()) signatures.add(signature(v, what, c));
        return new Failing(v, what, clause, signatures, step.message(), step);
    }

    /** {@code START_FAILED} as {@code start-failed}. */
    static String label(SutFailure.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String signature(Verdict verdict, String what, String clause) {
        return verdict.label() + " " + what + " " + clause;
    }

    /** The verdict label a signature starts with. */
    static String verdictOf(String signature) {
        return signature.substring(0, signature.indexOf(' '));
    }

    /** The clause (or ERROR kind) a signature ends with. */
    static String clauseOf(String signature) {
        return signature.substring(signature.lastIndexOf(' ') + 1);
    }

    /**
     * An ERROR the oracle gave before the implementation was asked: the sequence itself is
     * ill-formed. The harness marks it by its fixed wording; such a step has no answer and no
     * findings.
     */
    private static boolean illFormed(Step step) {
        return step.verdict() == Verdict.ERROR
                && step.result() == null
                && step.findings().isEmpty()
                && step.message().startsWith(ILL_FORMED);
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
