/**
 * The JSON files the kit writes and reads, apart from the wire protocol: one Jackson configuration
 * for all of them ({@link xmemck.files.KitJson}), reading a file into the records of its format
 * with {@code FILE:LINE: reason} errors ({@link xmemck.files.JsonFile}), and the shapes every file
 * shares: the kit ({@link xmemck.files.Kit}), the adapter ({@link xmemck.files.Adapter}) and counts
 * of verdicts ({@link xmemck.files.VerdictCounts}).
 */
package xmemck.files;
