package xmemck.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the kit, run in its own JVM by {@link JvmExitTest}: opens an implementation,
 * prints its pid, then either exits without closing it ({@code exit}) or waits to be killed ({@code
 * wait}). With {@code exit-after-orphan} it first waits until the implementation has exited on its
 * own and said on standard error which process it left behind ("orphan PID"), prints that line, and
 * exits without closing it.
 */
public final class HostMain {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        List<String> command = Arrays.asList(args).subList(1, args.length);
        ProcessSut sut =
                ProcessSut.start(
                        command,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(500));
        sut.reset();
        if (mode.equals("exit-after-orphan")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            StringBuilder said = new StringBuilder();
            long pid = sut.pid();
            while ((ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                            || !said.toString().contains("orphan "))
                    && System.nanoTime() < deadline) {
                said.append(sut.drainDiagnostics());
                Thread.sleep(20);
            }
            said.append(sut.drainDiagnostics());
            said.toString()
                    .lines()
                    .filter(l -> l.startsWith("orphan "))
                    .forEach(System.out::println);
        }
        System.out.println("pid " + sut.pid());
        System.out.flush();
        if (mode.startsWith("exit")) System.exit(0); // no close(): the shutdown hook must clean up
        Thread.sleep(60_000);
    }
}
