package xmemck.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Adapters;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * The reference implementation with hooks, to make the failures the fuzzer must name: a call
 * answered otherwise (a wrong value, a crash, an answer of the wrong kind), an answer nobody asked
 * for at the end of a case, a reset that fails. It counts what the fuzzer asks of it, so tests can
 * tell when (and whether) something was sent.
 */
final class FakeSut implements Sut {

    /** Answers a call instead of the reference, or null to let the reference answer. */
    @FunctionalInterface
    interface Answer {
        Result answer(Call call) throws SutFailure;
    }

    private final Sut reference;
    private Capabilities capabilities;
    private Answer answer = c -> null;
    private Predicate<List<Op>> extraAnswerAfter = ops -> false;
    private SutFailure resetFailure;
    private boolean whole;
    private SutFailure wholeFailure;

    /** Cases sent whole ({@link #applyRest}). */
    int wholeCases;

    private int ahead;
    private SutFailure aheadFailure;

    /** Cases sent ahead ({@link #sendAhead}), and those of them run (their answers asked for). */
    int aheadCases, aheadRun;

    /** The operations sent since the last reset: the current case's. */
    final List<Op> sent = new ArrayList<>();

    int resets, ends, opsSent;

    FakeSut() throws SutFailure {
        this.reference = Adapters.find("reference").open(SutOptions.none());
        this.capabilities = reference.capabilities();
    }

    FakeSut answering(Answer a) {
        this.answer = a;
        return this;
    }

    /** Every call fails as {@code kind}, saying {@code message}. */
    FakeSut failingEveryCall(SutFailure.Kind kind, String message) {
        return answering(
                c -> {
                    throw new SutFailure(kind, message);
                });
    }

    /**
     * After a case whose operations match {@code when}, endScenario() reports an extra answer (a
     * PROTOCOL failure).
     */
    FakeSut extraAnswerAfter(Predicate<List<Op>> when) {
        this.extraAnswerAfter = when;
        return this;
    }

    FakeSut failingResets(SutFailure f) {
        this.resetFailure = f;
        return this;
    }

    /**
     * It asks for whole cases ({@link Sut#prefersWholeScenarios}); {@code failure}, when not null,
     * is how it fails every case sent whole (and only those).
     */
    FakeSut whole(SutFailure failure) {
        this.whole = true;
        this.wholeFailure = failure;
        return this;
    }

    @Override
    public boolean prefersWholeScenarios() {
        return whole;
    }

    @Override
    public List<Result> applyRest(List<? extends Op> ops) throws SutFailure {
        wholeCases++;
        if (wholeFailure != null) throw wholeFailure;
        return applyAll(ops);
    }

    /**
     * It takes {@code n} cases ahead ({@link Sut#sendAhead}), running them when their answers are
     * asked for, as the pipe of the process adapter would have; {@code failure}, when not null, is
     * how it fails every case sent ahead (and only those), which stops the rest of their write.
     */
    FakeSut ahead(int n, SutFailure failure) {
        this.whole = true;
        this.ahead = n;
        this.aheadFailure = failure;
        return this;
    }

    @Override
    public int scenariosAhead() {
        return ahead;
    }

    @Override
    public xmemck.spi.SentAhead sendAhead(List<List<? extends Op>> scenarios) {
        if (ahead == 0) return Sut.super.sendAhead(scenarios);
        aheadCases += scenarios.size();
        List<xmemck.spi.ScenarioAnswers> answers = new ArrayList<>();
        return new xmemck.spi.SentAhead() {
            @Override
            public xmemck.spi.ScenarioAnswers answer(int index) {
                while (answers.size() <= index)
                    answers.add(runAhead(scenarios.get(answers.size()), answers));
                return answers.get(index);
            }

            @Override
            public int size() {
                return scenarios.size();
            }
        };
    }

    private xmemck.spi.ScenarioAnswers runAhead(
            List<? extends Op> ops, List<xmemck.spi.ScenarioAnswers> before) {
        if (before.stream().anyMatch(a -> a instanceof xmemck.spi.ScenarioAnswers.Failed))
            return new xmemck.spi.ScenarioAnswers.NotRun("an earlier scenario failed");
        aheadRun++;
        try {
            reset();
            if (aheadFailure != null) throw aheadFailure;
            List<Result> results = applyAll(ops);
            try {
                endScenario();
                return new xmemck.spi.ScenarioAnswers.Answered(results, null);
            } catch (SutFailure f) {
                return new xmemck.spi.ScenarioAnswers.Answered(results, f);
            }
        } catch (SutFailure f) {
            return new xmemck.spi.ScenarioAnswers.Failed(f);
        }
    }

    FakeSut withCapabilities(Capabilities caps) {
        this.capabilities = caps;
        return this;
    }

    @Override
    public String name() {
        return "fake over the " + reference.name();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        sent.add(op);
        opsSent++;
        if (op instanceof Call c) {
            Result r = answer.answer(c);
            if (r != null) return r;
        }
        return reference.apply(op);
    }

    @Override
    public void reset() throws SutFailure {
        resets++;
        sent.clear();
        if (resetFailure != null) throw resetFailure;
        reference.reset();
    }

    @Override
    public void endScenario() throws SutFailure {
        ends++;
        if (extraAnswerAfter.test(sent))
            throw new SutFailure(
                    SutFailure.Kind.PROTOCOL,
                    "answered op "
                            + sent.size()
                            + " a second time, after the scenario's last answer");
    }

    @Override
    public void close() {
        reference.close();
    }
}
