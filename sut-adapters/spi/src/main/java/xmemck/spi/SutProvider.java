package xmemck.spi;

/** An adapter, registered in {@code META-INF/services/xmemck.spi.SutProvider}. */
public interface SutProvider {

    /** The id used on the command line ({@code --adapter ID}). */
    String id();

    /** One line saying what this adapter runs. */
    String description();

    /** Start (or connect to) the implementation. */
    Sut open(SutOptions options) throws SutFailure;
}
