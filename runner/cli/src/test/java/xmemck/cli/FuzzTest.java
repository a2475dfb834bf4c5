package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ck fuzz: ck's own arguments (shards of seeds, the report folder) and the fuzzer's exit status, kept as it is. */
class FuzzTest {

    static FuzzArguments parse(String... args) { return FuzzArguments.parse(List.of(args)); }

    @Test
    void seedsArePartitionedIntoShards() {
        List<Long> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) all.addAll(parse("--adapter", "reference", "--seeds", "1..8", "--shard", i + "/3").seeds());
        all.sort(null);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), all, "every seed in exactly one shard");
        assertEquals(List.of(2L, 6L), parse("--seeds", "1..8", "--shard", "2/4").seeds());
        assertEquals(List.of(7L, 9L), parse("--seeds", "5,7,8,9", "--shard", "2/2").seeds());
        assertEquals(List.of(43L), parse("--seed", "41", "--shard", "3/4").seeds(), "--seed S with a shard: seed S+i-1");
        assertEquals(List.of(255L), parse("--seed", "0xff").seeds());
        assertEquals(List.of(), parse("--adapter", "reference").seeds(), "no seed: the fuzzer draws one");
    }

    @Test
    void theFuzzersArgumentsPassOnInOrderWithTheReportFolderAndSeed() {
        FuzzArguments a = parse("--adapter", "reference", "--tries", "5", "--report-dir", "out", "--seed", "9", "--quiet");
        assertEquals(List.of("--adapter", "reference", "--tries", "5", "--quiet", "--seed", "9", "--report", "out"), a.forSeed(9L, Path.of("out")));
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--shard", "1/2")).getMessage().contains("--shard needs --seed S or --seeds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--seed", "1", "--seeds", "1..2")).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--seeds", "5..1")).getMessage().contains("ends before it starts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--seeds", "1..2", "--shard", "3/3")).getMessage().contains("holds none"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--seed", "x")).getMessage().contains("64-bit whole number"));
        Cli.Ran r = ck("fuzz", "--shard", "1/2", "--adapter", "reference");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--shard needs --seed S or --seeds A..B") && r.err().contains("usage: ck fuzz"), r.err());
    }

    @Test
    void aShortFuzzRunExitsAsTheFuzzerSaysAndWritesItsSummary(@TempDir Path dir) {
        Cli.Ran ok = ck("fuzz", "--adapter", "reference", "--tries", "10", "--seed", "1", "--report-dir", dir.toString(), "--quiet");
        assertEquals(0, ok.status(), ok.all());
        assertTrue(Files.isRegularFile(dir.resolve("fuzz/summary.json")));

        Cli.Ran two = ck("fuzz", "--adapter", "reference", "--tries", "5", "--seeds", "1..4", "--shard", "1/2", "--report-dir", dir.toString(), "--quiet");
        assertEquals(0, two.status(), two.all());
        assertTrue(Files.isRegularFile(dir.resolve("seed-1/fuzz/summary.json")) && Files.isRegularFile(dir.resolve("seed-3/fuzz/summary.json")));

        Cli.Ran unknown = ck("fuzz", "--adapter", "nope", "--tries", "1");
        assertTrue(unknown.status() == 2 || unknown.status() == 3, unknown.all());
    }
}
