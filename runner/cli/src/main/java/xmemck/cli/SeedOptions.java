package xmemck.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import xmemck.features.Shard;

/**
 * The seeds of a fuzz run, a picocli mixin: {@code --seed S} or {@code --seeds A..B} (or {@code
 * A,B,C}). Seeds are 64-bit whole numbers, decimal (may be negative) or hexadecimal ({@code 0x...},
 * all 64 bits). With a shard, the seeds are partitioned like the scenarios: shard i of n takes the
 * seeds at positions i, i+n, ... of the list, and {@code --seed S} stands for the seeds S..S+n-1,
 * one per shard.
 */
final class SeedOptions {

    /** The most seeds {@code --seeds} may list (a run per seed). */
    static final int MAX_SEEDS = 100_000;

    @Option(
            names = "--seed",
            paramLabel = "S",
            converter = SeedConverter.class,
            description =
                    "the run's seed, decimal or 0x hexadecimal (default: a fresh random one, printed)")
    Long seed;

    @Option(
            names = "--seeds",
            paramLabel = "A..B",
            converter = SeedListConverter.class,
            description =
                    "fuzz each of these seeds (A..B, or a list A,B,C), each into REPORT-DIR/seed-S/")
    SeedList seeds;

    /** The seeds of {@code --seeds}, in the order given. */
    record SeedList(List<Long> values) {}

    boolean given() {
        return seed != null || seeds != null;
    }

    /** This shard's seeds; empty when none was given (the run draws a fresh one). */
    List<Long> pick(Shard shard) {
        if (seed != null && seeds != null)
            throw new CliProblem(Ck.USAGE, "give --seed or --seeds, not both");
        List<Long> all = new ArrayList<>();
        if (seeds != null) all.addAll(seeds.values());
        else if (seed != null) {
            for (int k = 0; k < shard.count(); k++) all.add(seed + k);
        } else if (!shard.isAll()) {
            throw new CliProblem(
                    Ck.USAGE,
                    "--shard needs --seed S or --seeds A..B, so that every shard draws from the same plan");
        }
        List<Long> mine = shard.pick(all);
        if (!all.isEmpty() && mine.isEmpty()) {
            throw new CliProblem(
                    Ck.USAGE,
                    "shard " + shard + " holds none of the " + all.size() + " seeds of --seeds");
        }
        return mine;
    }

    /** A seed in decimal (may be negative) or hexadecimal ({@code 0x...}, all 64 bits). */
    static long seed(String v) {
        String t = v.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X"))
                return Long.parseUnsignedLong(t.substring(2), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new TypeConversionException(
                    "a seed is a 64-bit whole number (decimal or 0x hexadecimal), got \""
                            + v
                            + "\"");
        }
    }

    /** {@code A..B} (inclusive) or {@code A,B,C}. */
    static List<Long> seeds(String text) {
        List<Long> out = new ArrayList<>();
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots > 0) {
            long from = seed(t.substring(0, dots)), to = seed(t.substring(dots + 2));
            if (to < from)
                throw new TypeConversionException(t + ": the range ends before it starts");
            if (to - from >= MAX_SEEDS)
                throw new TypeConversionException(t + ": at most " + MAX_SEEDS + " seeds");
            for (long s = from; s <= to; s++) out.add(s);
            return out;
        }
        for (String part : t.split(",")) if (!part.isBlank()) out.add(seed(part));
        if (out.isEmpty())
            throw new TypeConversionException("give A..B or a list A,B,C, got \"" + text + "\"");
        return List.copyOf(out);
    }

    static final class SeedConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return seed(value);
        }
    }

    static final class SeedListConverter implements ITypeConverter<SeedList> {
        @Override
        public SeedList convert(String value) {
            return new SeedList(seeds(value));
        }
    }
}
