package xmemck.reference;

import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Oracle;
import xmemck.oracle.WorldError;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * A {@link Sut} over a fresh {@link Oracle}: setups build its world, calls run {@link
 * Oracle#perform}, and observations read its model. An ill-formed op is the adapter's failure
 * (INTERNAL), with the oracle's message.
 */
final class ReferenceSut implements Sut {

    private Oracle oracle = new Oracle();

    @Override
    public String name() {
        return "reference oracle";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        if (op == null) throw new SutFailure(SutFailure.Kind.INTERNAL, "no operation given");
        try {
            return switch (op) {
                case Setup s -> {
                    oracle.apply(s);
                    yield new Result.Done();
                }
                case Call c -> oracle.perform(c);
                case Observe o -> oracle.observe(o);
            };
        } catch (WorldError e) {
            throw new SutFailure(SutFailure.Kind.INTERNAL, e.getMessage(), e);
        }
    }

    @Override
    public void reset() {
        oracle = new Oracle();
    }

    @Override
    public void close() {}
}
