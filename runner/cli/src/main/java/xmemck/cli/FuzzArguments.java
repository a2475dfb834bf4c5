package xmemck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xmemck.features.Shard;

/**
 * The arguments of {@code ck fuzz}, split into what ck decides (the shard, the seeds, the report folder, the default
 * implementation of the process adapter) and what goes to the fuzzer unchanged. The fuzz seeds are partitioned like
 * the scenarios: {@code --seeds A..B} (or {@code A,B,C}) lists them and shard i of n takes the seeds at positions i,
 * i+n, ...; {@code --seed S} with {@code --shard i/n} stands for the seeds S..S+n-1, one per shard.
 */
record FuzzArguments(List<String> passOn, List<Long> seeds, Path reportDir) {

    /** The most seeds {@code --seeds} may list (a run per seed). */
    static final int MAX_SEEDS = 100_000;

    static FuzzArguments parse(List<String> args) {
        List<String> rest = new ArrayList<>();
        String shardText = null, seedsText = null, seedText = null, adapter = null;
        Path report = Path.of("reports");
        boolean haveSut = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--shard" -> shardText = value(args, i++);
                case "--seeds" -> seedsText = value(args, i++);
                case "--seed" -> seedText = value(args, i++);
                case "--report", "--report-dir" -> report = Path.of(value(args, i++));
                default -> {
                    if (a.equals("--adapter") && i + 1 < args.size()) adapter = args.get(i + 1);
                    if (a.equals("--sut")) haveSut = true;
                    rest.add(a);
                }
            }
        }
        if (seedsText != null && seedText != null) throw new IllegalArgumentException("give --seed or --seeds, not both");
        Shard shard;
        try {
            shard = shardText == null ? Shard.ALL : Shard.parse(shardText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<Long> seeds = new ArrayList<>();
        if (seedsText != null) seeds.addAll(seeds(seedsText));
        else if (seedText != null && !shard.isAll()) {
            long s = seed(seedText);
            for (int k = 0; k < shard.count(); k++) seeds.add(s + k);
        } else if (seedText != null) {
            seeds.add(seed(seedText));
        } else if (!shard.isAll()) {
            throw new IllegalArgumentException("--shard needs --seed S or --seeds A..B, so that every shard draws from the same plan");
        }
        List<Long> mine = shard.pick(seeds);
        if (!seeds.isEmpty() && mine.isEmpty()) {
            throw new IllegalArgumentException("shard " + shard + " holds none of the " + seeds.size() + " seeds (" + seedsText + ")");
        }
        if (AdapterChoice.PROCESS.equals(adapter) && !haveSut) {
            if (!KitPaths.cExampleBuilt()) {
                throw new IllegalArgumentException("the process adapter needs --sut COMMAND; the default, the C example, is not built at "
                        + KitPaths.cExample() + ": " + KitPaths.BUILD_C_EXAMPLE);
            }
            rest.addAll(List.of("--sut", KitPaths.cExample().toString()));
        }
        return new FuzzArguments(rest, mine, report);
    }

    /** The fuzzer's arguments for one seed of this shard (null: the fuzzer draws a fresh seed), into {@code report}. */
    List<String> forSeed(Long seed, Path report) {
        List<String> out = new ArrayList<>(passOn);
        if (seed != null) out.addAll(List.of("--seed", Long.toString(seed)));
        out.addAll(List.of("--report", report.toString()));
        return out;
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) throw new IllegalArgumentException(args.get(i) + " needs a value");
        return args.get(i + 1);
    }

    static long seed(String v) {
        String t = v.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a seed is a 64-bit whole number (decimal or 0x hexadecimal), got \"" + v + "\"");
        }
    }

    /** {@code A..B} (inclusive) or {@code A,B,C}. */
    static List<Long> seeds(String text) {
        List<Long> out = new ArrayList<>();
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots > 0) {
            long from = seed(t.substring(0, dots)), to = seed(t.substring(dots + 2));
            if (to < from) throw new IllegalArgumentException("--seeds " + t + ": the range ends before it starts");
            if (to - from >= MAX_SEEDS) throw new IllegalArgumentException("--seeds " + t + ": at most " + MAX_SEEDS + " seeds");
            for (long s = from; s <= to; s++) out.add(s);
            return out;
        }
        for (String part : t.split(",")) if (!part.isBlank()) out.add(seed(part));
        if (out.isEmpty()) throw new IllegalArgumentException("--seeds needs A..B or a list A,B,C");
        return out;
    }
}
