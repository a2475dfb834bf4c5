package xmemck.cli;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * An implementation that implements nothing (registered for the tests only), as the skeleton of
 * PROTOCOL.md starts: every capability missing, every operation answered unsupported. Its runs
 * judge nothing.
 */
public final class SkeletonAdapter implements SutProvider {
    static final String ID = "test-skeleton";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "test: implements nothing, every capability missing";
    }

    @Override
    public Sut open(SutOptions options) {
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        for (Capability c : Capability.values()) missing.put(c, "not implemented yet");
        Capabilities caps = new Capabilities(EnumSet.noneOf(Capability.class), missing);
        return new Sut() {
            @Override
            public String name() {
                return "skeleton";
            }

            @Override
            public Capabilities capabilities() {
                return caps;
            }

            @Override
            public Result apply(Op op) {
                return new Result.Unsupported("not implemented yet");
            }

            @Override
            public void reset() {}

            @Override
            public void close() {}
        };
    }
}
