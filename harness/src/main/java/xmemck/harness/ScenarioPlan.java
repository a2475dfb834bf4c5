package xmemck.harness;

import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.oracle.Expectation;
import xmemck.oracle.Oracle;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * What a {@link Session} will send to an implementation for a scenario, worked out before anything
 * is sent: every operation in order, each call followed by the observations that judge it, up to
 * the first operation the session would not send (an ill-formed one, one the adapter cannot do, a
 * call outside the contract). The calls' outcomes are taken to be the reference's ({@link
 * Oracle#perform}); where the implementation takes another allowed outcome and a later call must
 * then be observed differently, the plan is not what the session sends, which {@link Prefetched}
 * finds. Mirrors {@link Session#runAll}: change one, change both.
 */
public record ScenarioPlan(List<Op> ops) {
    public ScenarioPlan {
        ops = List.copyOf(ops);
    }

    /**
     * The plan of {@code ops} against an adapter with {@code caps}, objects of more than {@code
     * digestAbovePages} pages observed through digests (as the session is told).
     */
    public static ScenarioPlan of(List<? extends Op> ops, Capabilities caps, int digestAbovePages) {
        Oracle oracle = new Oracle();
        List<Op> out = new ArrayList<>(ops.size() * 3);
        try {
            for (Op op : ops) {
                switch (op) {
                    case Setup s -> {
                        oracle.apply(s);
                        if (unsupported(caps, s)) return new ScenarioPlan(out);
                    }
                    case Call c -> {
                        Expectation e = oracle.expect(c);
                        if (!(e instanceof Expectation.Allowed) || unsupported(caps, c))
                            return new ScenarioPlan(out);
                        out.addAll(
                                Session.callBatch(
                                        c,
                                        Session.wanted(oracle, c, e, caps, digestAbovePages),
                                        caps));
                        oracle.perform(c);
                        continue;
                    }
                    case Observe o -> oracle.observe(o);
                }
                out.add(op);
            }
        } catch (RuntimeException e) {
            // An ill-formed operation (WorldError) or a model that cannot go on: the session stops
            // there as well, and reports it.
        }
        return new ScenarioPlan(out);
    }

    private static boolean unsupported(Capabilities caps, Op op) {
        return caps.whyNot(Capability.requiredBy(op)).isPresent();
    }
}
