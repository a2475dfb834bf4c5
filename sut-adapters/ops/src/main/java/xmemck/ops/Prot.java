package xmemck.ops;

/** Page protection as the caller of a service sees it. */
public enum Prot {
    NONE,
    READ,
    READ_WRITE;

    public boolean readable() {
        return this != NONE;
    }

    public boolean writable() {
        return this == READ_WRITE;
    }
}
