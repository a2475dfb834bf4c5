package xmemck.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One seeded fault of the C example, as its {@code --list-faults} line states it: the fault's name,
 * the clause the kit must report when it catches the fault, and what the defect is.
 */
record SeededFault(String name, String clause, String description) {

    /**
     * The C example built by the process module. Surefire runs in the runner's folder; {@code
     * -Dxmemck.cExample=PATH} points elsewhere (an IDE run from another folder).
     */
    static Path binary() {
        String configured = System.getProperty("xmemck.cExample", "").strip();
        Path p =
                configured.isEmpty()
                        ? Path.of(
                                "..", "..", "sut-adapters", "process", "target", "xmemck-c-example")
                        : Path.of(configured);
        p = p.toAbsolutePath().normalize();
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(
                    "the C example is not built at "
                            + p
                            + ": build it with ./mvnw -pl sut-adapters/process -am package (or give -Dxmemck.cExample=PATH)");
        }
        return p;
    }

    /** The faults {@code binary --list-faults} prints, in its order. */
    static List<SeededFault> listed(Path binary) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(binary.toString(), "--list-faults")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(binary + " --list-faults did not end within 10 s");
        }
        if (p.exitValue() != 0)
            throw new IllegalStateException(
                    binary + " --list-faults exited with " + p.exitValue() + ":\n" + out);
        return parse(out, binary + " --list-faults");
    }

    /**
     * Lines of name, clause and description separated by tabs; blank lines are skipped. {@code
     * source} names the text in errors.
     */
    static List<SeededFault> parse(String text, String source) {
        List<SeededFault> faults = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
                throw new IllegalArgumentException(
                        source
                                + ", line "
                                + (i + 1)
                                + ": expected name, clause and description separated by tabs, got \""
                                + line
                                + "\"");
            }
            faults.add(new SeededFault(f[0].strip(), f[1].strip(), f[2].strip()));
        }
        if (faults.isEmpty()) throw new IllegalArgumentException(source + ": no faults listed");
        return faults;
    }
}
