package xmemck.linux;

import java.util.List;
import xmemck.ops.Setup;
import xmemck.spi.SutOptions;

/**
 * A kit that opens the Linux adapter, gives it two processes, says which helper pids it started,
 * and waits to be killed: {@link HygieneTest} kills it with SIGKILL and checks that the helpers die
 * with it.
 */
public final class KitToKill {
    private KitToKill() {}

    public static void main(String[] args) throws Exception {
        LinuxSut sut = (LinuxSut) new LinuxProvider().open(SutOptions.none());
        sut.reset();
        for (Setup op : List.of(new Setup.CreateProcess("p"), new Setup.CreateProcess("q")))
            sut.apply(op);
        List<Long> pids = sut.helperPids();
        System.out.println("HELPERS " + pids.get(0) + " " + pids.get(1));
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(4); // never closed: the test kills this process first
    }
}
