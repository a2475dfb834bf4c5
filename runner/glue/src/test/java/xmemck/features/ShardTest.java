package xmemck.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.glue.FeaturesFolder;

/**
 * Shards partition the suite: every scenario in exactly one shard, the same one every time; seeds
 * likewise.
 */
public class ShardTest {

    /** The kit's own features, read once (other modules' tests use them too). */
    public static final SuiteScenarios SUITE = SuiteScenarios.read(FeaturesFolder.path());

    @Test
    void everyScenarioOfTheFeaturesIsInExactlyOneShardForEveryShardCount() {
        assertTrue(
                SUITE.all().size() > 100,
                "the real features have hundreds of scenarios, found " + SUITE.all().size());
        for (int n = 1; n <= 7; n++) {
            Map<String, Integer> owner = new HashMap<>();
            for (int i = 1; i <= n; i++) {
                for (SuiteScenarios.SuiteScenario s : SUITE.inShard(new Shard(i, n))) {
                    Integer before = owner.put(s.id(), i);
                    assertEquals(
                            null,
                            before,
                            s.id() + " is in shards " + before + " and " + i + " of " + n);
                }
            }
            assertEquals(
                    SUITE.all().size(), owner.size(), "every scenario is in some shard of " + n);
        }
    }

    @Test
    void theAssignmentIsFixedForAnIdAndDoesNotDependOnOtherScenarios() {
        // Fixed values (computed independently from SHA-256): if the hash ever changes, shards in
        // users' CI move.
        assertEquals(4, Shard.of("features/copyout/adi.feature:23", 4));
        assertEquals(5, Shard.of("features/copyout/adi.feature:23", 7));
        assertEquals(2, Shard.of("features/x.feature:1", 4));
        assertEquals(3, Shard.of("features/x.feature:2", 4));
        assertTrue(new Shard(4, 4).contains("features/copyout/adi.feature:23"));
        assertEquals(
                SUITE.inShard(new Shard(2, 3)),
                SuiteScenarios.read(FeaturesFolder.path()).inShard(new Shard(2, 3)),
                "reading again gives the same shard");
    }

    @Test
    void theHashIsSha256BasedSoItIsTheSameOnEveryMachine() {
        // SHA-256("a")'s first eight bytes are ca978112ca1bbdca.
        assertEquals(0xca978112ca1bbdcaL, Shard.hash("a"));
        assertEquals(1 + (int) Math.floorMod(0xca978112ca1bbdcaL, 5L), Shard.of("a", 5));
    }

    @Test
    void shardsAreRoughlyBalancedOnTheRealFeatures() {
        int n = 4;
        for (int i = 1; i <= n; i++) {
            int size = SUITE.inShard(new Shard(i, n)).size();
            assertTrue(
                    size > SUITE.all().size() / n / 2,
                    "shard " + i + "/" + n + " holds only " + size + " of " + SUITE.all().size());
        }
    }

    @Test
    void seedsGoRoundRobin() {
        List<Long> seeds = List.of(10L, 11L, 12L, 13L, 14L);
        assertEquals(List.of(10L, 13L), new Shard(1, 3).pick(seeds));
        assertEquals(List.of(11L, 14L), new Shard(2, 3).pick(seeds));
        assertEquals(List.of(12L), new Shard(3, 3).pick(seeds));
        List<Long> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) union.addAll(new Shard(i, 3).pick(seeds));
        union.sort(null);
        assertEquals(seeds, union);
    }

    @Test
    void badShardsAreNamed() {
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/4"))
                        .getMessage()
                        .contains("numbered 1 to 4"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("5/4"))
                        .getMessage()
                        .contains("shard 5/4 does not exist"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("3"))
                        .getMessage()
                        .contains("the form i/n"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("a/b"))
                        .getMessage()
                        .contains("whole numbers"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("1/0"))
                        .getMessage()
                        .contains("at least 1"));
    }

    @Test
    void cucumberLocationsNameEachChosenLineOncePerFile() {
        Path root = FeaturesFolder.path();
        List<SuiteScenarios.SuiteScenario> chosen = SUITE.inShard(new Shard(1, 2));
        List<String> locations = SUITE.locations(chosen);
        int lines = 0;
        for (String l : locations) {
            String[] parts = l.split(":");
            assertTrue(
                    parts[0].endsWith(".feature")
                            && parts[0].startsWith(
                                    root.toAbsolutePath().normalize().getParent().toString()),
                    l);
            lines += parts.length - 1;
        }
        assertEquals(chosen.size(), lines);
    }
}
