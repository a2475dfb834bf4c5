package xmemck.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.ops.Op;
import xmemck.ops.Result;

/**
 * Adapters found on the class path and through the extra loader of {@link Adapters#searchAlso}. The
 * extra loader here is a folder holding only a services file: the classes it names are this test's,
 * which the loader reaches through its parent, so they are found only when the folder is searched.
 */
class AdaptersTest {

    @AfterEach
    void classPathAlone() {
        Adapters.searchAlso(null);
    }

    @Test
    void theClassPathsAdaptersAreFoundById() {
        assertInstanceOf(Inside.class, Adapters.find("inside"));
        assertEquals(
                List.of("inside"), Adapters.available().stream().map(SutProvider::id).toList());
    }

    @Test
    void anExtraLoadersAdaptersAreFoundUntilItIsTakenAway(@TempDir Path dir) throws IOException {
        IllegalArgumentException before =
                assertThrows(IllegalArgumentException.class, () -> Adapters.find("outside"));
        assertTrue(
                before.getMessage()
                        .startsWith(
                                "unknown adapter \"outside\"; available adapters:\n  inside - "),
                before.getMessage());

        Adapters.searchAlso(registering(dir, Outside.class));
        assertInstanceOf(Outside.class, Adapters.find("outside"));
        // The extra loader also sees the class path's registration through its parent: still one
        // "inside".
        assertEquals(
                List.of("inside", "outside"),
                Adapters.available().stream().map(SutProvider::id).toList());
        assertTrue(Adapters.extraLoader().isPresent());

        Adapters.searchAlso(null);
        assertThrows(IllegalArgumentException.class, () -> Adapters.find("outside"));
        assertTrue(Adapters.extraLoader().isEmpty());
    }

    @Test
    void anIdClaimedTwiceIsAnErrorNamingBothProviders(@TempDir Path dir) throws IOException {
        Adapters.searchAlso(registering(dir, Impostor.class));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Adapters.find("inside"));
        assertTrue(
                e.getMessage().startsWith("adapter id \"inside\" is claimed by 2 providers:"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains(Inside.class.getName())
                        && e.getMessage().contains(Impostor.class.getName()),
                e.getMessage());
    }

    /** A loader over {@code dir}, whose only content is a services file naming {@code provider}. */
    private static ClassLoader registering(Path dir, Class<? extends SutProvider> provider)
            throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(SutProvider.class.getName()), provider.getName() + "\n");
        return new URLClassLoader(
                new URL[] {dir.toUri().toURL()}, AdaptersTest.class.getClassLoader());
    }

    /** An adapter that answers nothing: the tests only find it. */
    public static class Inside implements SutProvider {
        @Override
        public String id() {
            return "inside";
        }

        @Override
        public String description() {
            return "registered on the test class path";
        }

        @Override
        public Sut open(SutOptions options) {
            return new Idle();
        }
    }

    public static class Outside extends Inside {
        @Override
        public String id() {
            return "outside";
        }

        @Override
        public String description() {
            return "registered through the extra loader only";
        }
    }

    /** Another class that claims the id of {@link Inside}. */
    public static class Impostor extends Inside {
        @Override
        public String description() {
            return "a second provider of \"inside\"";
        }
    }

    static final class Idle implements Sut {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.all();
        }

        @Override
        public Result apply(Op op) {
            return new Result.Unsupported("idle");
        }

        @Override
        public void reset() {}

        @Override
        public void close() {}
    }
}
