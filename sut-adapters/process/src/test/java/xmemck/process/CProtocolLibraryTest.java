package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capability;

/**
 * The C protocol library (sut-adapters/c-protocol) as PROTOCOL.md §16 documents it: the skeleton
 * printed there compiles with the flags this module builds C with and behaves as the text says, and
 * a malformed request ends the conversation with an error answer.
 */
class CProtocolLibraryTest {
    static final Path LIBRARY = Path.of("..", "c-protocol");

    @TempDir static Path dir;
    private static Path skeleton;

    /**
     * The C block of PROTOCOL.md that calls xp_serve, compiled as the pom compiles the examples
     * (-Werror).
     */
    @BeforeAll
    static void compileTheSkeleton() throws Exception {
        Matcher m =
                Pattern.compile("```c\\n(.*?)```", Pattern.DOTALL)
                        .matcher(Files.readString(Path.of("..", "PROTOCOL.md")));
        String source = null;
        while (m.find()) if (m.group(1).contains("xp_serve(")) source = m.group(1);
        assertTrue(source != null, "PROTOCOL.md has a C skeleton that calls xp_serve");
        Path c = Files.writeString(dir.resolve("my-impl.c"), source);
        skeleton = dir.resolve("my-impl");
        List<String> gcc =
                List.of(
                        "gcc",
                        "-O2",
                        "-Wall",
                        "-Wextra",
                        "-Werror",
                        "-std=c11",
                        "-I" + LIBRARY,
                        "-o",
                        skeleton.toString(),
                        c.toString(),
                        LIBRARY.resolve("xmemck_protocol.c").toString(),
                        LIBRARY.resolve("xmemck_json.c").toString());
        Process p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(
                0, p.exitValue(), "the skeleton in PROTOCOL.md must compile warning-free:\n" + out);
    }

    @Test
    void theSkeletonSpeaksTheProtocolAsDocumented() throws Exception {
        try (ProcessSut s =
                ProcessSut.start(
                        List.of(skeleton.toString()),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2))) {
            assertEquals("my implementation 0.1", s.name());
            assertTrue(s.capabilities().supported().isEmpty());
            for (Capability c : Capability.values())
                assertEquals("not implemented yet", s.capabilities().missing().get(c), c.name());
            s.reset();
            Context p = Context.process("p");
            assertEquals(new Result.Done(), s.apply(new Setup.CreateProcess("p")));
            assertEquals(
                    new Result.Unsupported("one process only: cannot create q"),
                    s.apply(new Setup.CreateProcess("q")));
            assertEquals(
                    new Result.Returned(-1, Map.of("path", "null destination")),
                    s.apply(
                            new Call.Copyout(
                                    p, Addr.in("k", 0), Addr.special(Addr.Place.NULL), 8)));
            assertEquals(
                    new Result.Unsupported("copyout is not implemented yet"),
                    s.apply(new Call.Copyout(p, Addr.in("k", 0), Addr.in("u", 0), 8)));
            assertEquals(
                    new Result.Unsupported("op xmattach is not implemented"),
                    s.apply(new Call.Xmattach(p, Addr.in("u", 0), 8, "dp", Call.USER_ADSPACE)));
            s.reset();
            assertEquals(
                    new Result.Done(),
                    s.apply(new Setup.CreateProcess("q")),
                    "reset forgot the process");
        }
    }

    @Test
    void aMalformedRequestIsAnsweredWithAnErrorAndEndsTheConversation() throws Exception {
        Process p = new ProcessBuilder(skeleton.toString()).start();
        try (OutputStream in = p.getOutputStream()) {
            for (String line :
                    List.of(
                            "{\"type\":\"hello\",\"protocols\":[1],\"kit\":\"test\"}",
                            "{\"type\":\"reset\"}",
                            "{\"type\":\"apply\",\"seq\":1,\"op\":\"create_process\",\"name\":\"p\"}",
                            "{\"type\":\"apply\",\"seq\":2,\"op\":\"copyout\",\"context\":{\"kind\":\"interrupt\"},\"driverbuf\":{\"object\":\"k\",\"offset\":0},\"userbuf\":{\"special\":\"NULL\",\"offset\":0},\"cn\":-8}",
                            "{\"type\":\"apply\",\"seq\":3,\"op\":\"create_process\",\"name\":\"q\"}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException gone) {
            // the skeleton may already have stopped reading: what it answered is checked below
        }
        List<String> answers = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) answers.add(line);
        }
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(
                4,
                answers.size(),
                "hello, ready, one result, the error, and nothing after it: " + answers);
        assertEquals(
                "{\"type\":\"error\",\"seq\":2,\"message\":\"field \\\"cn\\\" must be a whole number from 0 to 18446744073709551615\"}",
                answers.get(3));
    }
}
