package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./ck} command the kit's READMEs print names a command and options that exist: each
 * line of a code block that starts with {@code ./ck} is split as a shell would and parsed by ck's
 * own command line (not run; the runs themselves are the other tests' business). {@code ./ck bench}
 * and {@code ./ck java} are the script's own (JMH's options, the JDK found), and lines that show
 * alternatives ({@code a | b}) or placeholders in capitals are left out.
 */
class ReadmeCommandsTest {

    /** The repository's root: the features folder's parent. */
    static Path root() {
        return ShardMergeTest.features().getParent();
    }

    record Command(String where, List<String> args) {}

    static List<Command> commands() throws IOException {
        List<Command> out = new ArrayList<>();
        List<Path> docs;
        try (Stream<Path> s = Files.walk(root(), 4)) {
            docs =
                    s.filter(p -> p.getFileName().toString().endsWith(".md"))
                            .filter(p -> !root().relativize(p).toString().contains("target"))
                            .filter(p -> !root().relativize(p).startsWith("reports"))
                            .sorted()
                            .toList();
        }
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("```")) inCode = !inCode;
                boolean indented = lines.get(i).startsWith("    ");
                if (!(inCode || indented) || !line.startsWith("./ck ")) continue;
                String command = line.replaceAll("\\s+#.*$", "");
                if (command.endsWith("\\")) continue; // continued on the next line: a script's
                List<String> args = split(command.substring("./ck ".length()));
                if (args.isEmpty()
                        || List.of("bench", "java").contains(args.getFirst())
                        || command.contains(" | ")
                        || args.stream()
                                .anyMatch(a -> a.matches(".*[A-Z]{2,}.*") && !a.startsWith("@"))
                        || command.contains("$")) continue;
                out.add(new Command(root().relativize(doc) + ":" + (i + 1), args));
            }
        }
        return out;
    }

    /** Splits as a shell does for the simple quoting READMEs use: '...' and "..." words. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !word.isEmpty()) out.add(word.toString());
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || !word.isEmpty()) out.add(word.toString());
        return out;
    }

    @Test
    void everyCkCommandInTheReadmesParses() throws IOException {
        List<Command> commands = commands();
        assertTrue(commands.size() >= 15, "too few ./ck commands found: " + commands);
        List<String> broken = new ArrayList<>();
        for (Command c : commands) {
            try {
                Ck.commandLine().parseArgs(c.args().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                broken.add(
                        c.where() + ": ./ck " + String.join(" ", c.args()) + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), broken, "README commands ck does not accept");
    }

    @Test
    void aCommandThatDoesNotExistIsCaught() {
        List<String> args = split("fuzz --adapter reference --no-such-option 3");
        assertTrue(
                assertThrowsParameter(args),
                "the check would not notice a README command with an unknown option");
    }

    private static boolean assertThrowsParameter(List<String> args) {
        try {
            Ck.commandLine().parseArgs(args.toArray(String[]::new));
            return false;
        } catch (CommandLine.ParameterException e) {
            return true;
        }
    }
}
