package xmemck.linux;

import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * Adapter id {@code linux}: the host's Linux kernel (copy_to_user through pread(2),
 * process_vm_writev(2), the page cache), driven through the Foreign Function and Memory API.
 * Options: {@code timeoutMillis} (per helper command), {@code pagingDir} (a directory on a disk
 * file system for paged-out pages; default java.io.tmpdir).
 */
public final class LinuxProvider implements SutProvider {

    @Override
    public String id() {
        return "linux";
    }

    @Override
    public String description() {
        return "the host Linux kernel: copyout as pread(2) into the kit's memory, xmemout as process_vm_writev(2) into a helper process, vm_mvc on a memory file's page cache";
    }

    @Override
    public Sut open(SutOptions options) throws SutFailure {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "the linux adapter runs on x86_64 Linux only, not on " + os + " " + arch);
        }
        try {
            return new LinuxSut(options);
        } catch (IllegalCallerException e) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "native access is disabled: run the JVM with --enable-native-access=ALL-UNNAMED ("
                            + e.getMessage()
                            + ")",
                    e);
        } catch (RuntimeException | LinkageError e) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED, "the linux adapter could not start: " + e, e);
        }
    }
}
