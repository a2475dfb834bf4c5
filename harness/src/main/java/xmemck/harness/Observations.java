package xmemck.harness;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import xmemck.ops.Layout;
import xmemck.ops.Result;

/** Compares an implementation's observation with the model's. */
final class Observations {
    private Observations() {}

    /** Empty when {@code got} matches {@code expected}, else a readable description of the first differences. */
    static Optional<String> difference(Result expected, Result got) {
        if (expected instanceof Result.Protection e && got instanceof Result.Protection g) {
            return e.prot() == g.prot() ? Optional.empty() : Optional.of("protection " + g.prot() + ", expected " + e.prot());
        }
        if (expected instanceof Result.Bytes e && got instanceof Result.Bytes g) {
            if (e.from() != g.from() || e.data().length != g.data().length) {
                return Optional.of("observed [" + g.from() + ", +" + g.data().length + "), expected [" + e.from() + ", +" + e.data().length + ")");
            }
            Set<Long> skip = new HashSet<>(g.unreadablePages());
            skip.addAll(e.unreadablePages());
            StringBuilder sb = new StringBuilder();
            int count = 0;
            for (int i = 0; i < e.data().length; i++) {
                long offset = e.from() + i;
                if (skip.contains(Math.floorDiv(offset, Layout.PAGE_SIZE))) continue;
                if (e.data()[i] != g.data()[i]) {
                    if (count++ < 8) sb.append(String.format("%n  %s+%d: found 0x%02x, expected 0x%02x", e.object(), offset, g.data()[i] & 0xff, e.data()[i] & 0xff));
                }
            }
            if (count == 0) return Optional.empty();
            return Optional.of(count + " byte(s) differ" + sb + (count > 8 ? "\n  ..." : ""));
        }
        return Optional.of("observed " + got + ", expected " + expected);
    }
}
