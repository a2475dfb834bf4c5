package xmemck.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {
    @Test
    void deletesAFolderWithEverythingInItAndLeavesItsSiblings(@TempDir Path tmp)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("a/b/c"));
        Files.writeString(dir.resolve("f"), "x");
        Files.writeString(tmp.resolve("a/g"), "y");
        Files.writeString(tmp.resolve("sibling"), "z");
        Trees.delete(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
        assertTrue(Files.exists(tmp.resolve("sibling")));
    }

    @Test
    void aFolderThatIsNotThereIsNothingToDo(@TempDir Path tmp) throws IOException {
        Trees.delete(tmp.resolve("missing"));
        assertFalse(Files.exists(tmp.resolve("missing")));
    }
}
