package xmemck.fuzz;

import xmemck.oracle.Oracle;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;

/** An implementation that is the oracle's own reference behaviour ({@link Oracle#perform}): conforming by construction. */
final class OracleSut implements Sut {
    private Oracle oracle = new Oracle();

    @Override public String name() { return "oracle"; }

    @Override public Capabilities capabilities() { return Capabilities.all(); }

    @Override public Result apply(Op op) {
        return switch (op) {
            case Setup s -> { oracle.apply(s); yield new Result.Done(); }
            case Call c -> oracle.perform(c);
            case Observe o -> oracle.observe(o);
        };
    }

    @Override public void reset() { oracle = new Oracle(); }

    @Override public void close() { }
}
