package xmemck.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * An implementation that is sent a whole {@link ScenarioPlan} in one {@link Sut#applyRest}, at the
 * session's first request, and then answers the session's requests from those answers, in order.
 * When the session asks for anything but the plan's next operations (another observation, a fetch
 * of a page's bytes), or the batch failed, it has {@link #diverged}: the requests throw, and the
 * caller must run the scenario again the ordinary way (its verdict would otherwise rest on a plan
 * the session did not make). Operations of the plan the session never asks for (after a step that
 * stopped it) were carried out, and their answers are not looked at.
 *
 * <p>{@link #answered} is the same for a plan whose answers are already in (it was sent ahead with
 * other scenarios, {@link Sut#sendAhead}): nothing is sent, not even the session's reset, as the
 * world the scenario ran in has come and gone.
 */
public final class Prefetched implements Sut {
    private final Sut sut;
    private final List<Op> plan;
    private final boolean sentAhead;
    private List<Result> answers;
    private int next;
    private String diverged;
    private SutFailure failure;

    public Prefetched(Sut sut, ScenarioPlan plan) {
        this.sut = sut;
        this.plan = plan.ops();
        this.sentAhead = false;
    }

    private Prefetched(Sut sut, ScenarioPlan plan, List<Result> answers) {
        this.sut = sut;
        this.plan = plan.ops();
        this.sentAhead = true;
        this.answers = List.copyOf(answers);
        if (answers.size() != this.plan.size())
            diverged = "the scenario was answered with another number of results";
    }

    /** The session of {@code plan}, whose {@code answers} came in before it asked. */
    public static Prefetched answered(Sut sut, ScenarioPlan plan, List<Result> answers) {
        return new Prefetched(sut, plan, answers);
    }

    /** Why the session's requests left the plan, or null while they follow it. */
    public String diverged() {
        return diverged;
    }

    /** The implementation's failure on the whole batch, or null. */
    public SutFailure failure() {
        return failure;
    }

    @Override
    public String name() {
        return sut.name();
    }

    @Override
    public Capabilities capabilities() {
        return sut.capabilities();
    }

    @Override
    public Map<String, String> emulatedClauses() {
        return sut.emulatedClauses();
    }

    @Override
    public Result apply(Op op) {
        return applyAll(List.of(op)).getFirst();
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) {
        if (diverged != null) throw new Diverged(diverged);
        if (answers == null) {
            try {
                answers = sut.applyRest(plan);
            } catch (SutFailure f) {
                failure = f;
                throw leave("the batch failed: " + f.getMessage());
            }
            if (answers == null || answers.size() != plan.size())
                throw leave("the batch was answered with another number of results");
        }
        List<Result> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (next >= plan.size() || !plan.get(next).equals(op))
                throw leave(
                        "the session asked for "
                                + op.describe()
                                + " where the plan had "
                                + (next < plan.size()
                                        ? plan.get(next).describe()
                                        : "nothing more"));
            out.add(answers.get(next++));
        }
        return out;
    }

    private Diverged leave(String why) {
        diverged = why;
        return new Diverged(why);
    }

    /** The session left the plan: what it was told stands for nothing. */
    static final class Diverged extends RuntimeException {
        Diverged(String why) {
            super("the scenario left its plan: " + why, null, false, false);
        }
    }

    /**
     * Passed on: the session starts a fresh world before the plan is sent; unless it was sent
     * ahead, when the world is already made and gone.
     */
    @Override
    public void reset() throws SutFailure {
        if (!sentAhead) sut.reset();
    }

    @Override
    public String drainDiagnostics() {
        return sut.drainDiagnostics();
    }

    /** Not passed on: the caller ends the scenario on the implementation itself. */
    @Override
    public void close() {}
}
