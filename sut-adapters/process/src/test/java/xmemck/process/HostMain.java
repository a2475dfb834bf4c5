package xmemck.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the kit, run in its own JVM by {@link JvmExitTest}: opens an implementation, prints its pid, then
 * either exits without closing it ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class HostMain {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        List<String> command = Arrays.asList(args).subList(1, args.length);
        ProcessSut sut = ProcessSut.start(command, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500));
        sut.reset();
        System.out.println("pid " + sut.pid());
        System.out.flush();
        if (mode.equals("exit")) System.exit(0); // no close(): the shutdown hook must clean up
        Thread.sleep(60_000);
    }
}
