package xmemck.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the command line the user gives ({@code --sut "..."}) into program and arguments, the way
 * a POSIX shell splits words: white space separates words, {@code '...'} quotes literally, {@code
 * "..."} quotes with {@code \"} and {@code \\} escapes, and a backslash outside quotes escapes the
 * next character. Nothing is expanded (no variables, globs or redirections), and no shell is
 * started, so the implementation is the kit's direct child and its exit status and signals are its
 * own.
 */
public final class CommandLine {
    private CommandLine() {}

    public static List<String> split(String line) {
        if (line == null || line.isBlank())
            throw new IllegalArgumentException("the implementation's command line is empty");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0)
                    throw new IllegalArgumentException(
                            "unterminated ' quote at character "
                                    + (i + 1)
                                    + " of the command line: "
                                    + line);
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= line.length())
                        throw new IllegalArgumentException(
                                "unterminated \" quote at character "
                                        + (i + 1)
                                        + " of the command line: "
                                        + line);
                    char d = line.charAt(j);
                    if (d == '"') break;
                    if (d == '\\'
                            && j + 1 < line.length()
                            && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        word.append(line.charAt(j + 1));
                        j += 2;
                    } else {
                        word.append(d);
                        j++;
                    }
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= line.length())
                    throw new IllegalArgumentException(
                            "the command line ends with a lone backslash: " + line);
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        if (words.isEmpty())
            throw new IllegalArgumentException("the implementation's command line is empty");
        return words;
    }

    /** The words quoted back so that {@link #split} gives them again (for messages and reports). */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) sb.append(' ');
            if (!w.isEmpty()
                    && w.chars()
                            .allMatch(
                                    ch ->
                                            Character.isLetterOrDigit(ch)
                                                    || "-_./=:,+@%".indexOf(ch) >= 0)) sb.append(w);
            else sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }
}
