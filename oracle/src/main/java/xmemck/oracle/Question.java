package xmemck.oracle;

/**
 * An implementation-defined question a call raises (the documents are silent, so any of the allowed answers
 * conforms): for example "what does a failed xmemout leave in the destination" or "which error wins when
 * both ENOENT and EINVAL hold". The judge records the implementation's answer; it is never judged.
 */
public record Question(String id, String text) {}
