package xmemck.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.features.Sha256;
import xmemck.files.FileFormatException;
import xmemck.files.JsonFile;
import xmemck.files.KitJson;

/**
 * An implementation profile declared by its maintainers: the profile.json of a run they accepted
 * (every report directory has one; see {@code reports/README.md}), kept with the implementation. Of
 * that file only {@code "scenarios"} is read: for each scenario (by feature file and name, so that
 * lines moving in a feature file do not matter) the implementation-defined answers it gave, key by
 * key.
 *
 * <p>Format decisions: the file is bound into {@link Declaration}, a partial view of {@code
 * xmemck.records.ProfileJson}'s format (unknown members ignored, so that a profile.json of a later
 * kit still declares), with Jackson's strictness for the rest: {@code uri}, {@code name} and every
 * answer must be strings. What binding cannot say, two scenarios of one feature file with one name,
 * is checked here, with the lines of both.
 */
public record DeclaredProfile(String source, String sha256, Map<String, Declared> scenarios) {
    public DeclaredProfile {
        scenarios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }

    /** One declared scenario: where it was, and its answers. */
    public record Declared(
            String uri, String name, String id, Map<String, String> answers, int line) {
        public Declared {
            answers = java.util.Collections.unmodifiableMap(new TreeMap<>(answers));
        }
    }

    /** What a declaration reads of a profile.json. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Declaration(@JsonSetter(nulls = Nulls.SET) List<Entry> scenarios) {}

    /**
     * One scenario of it; {@code id} and {@code line} may be left out of a hand-written
     * declaration.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(
            String uri,
            String name,
            @JsonSetter(nulls = Nulls.SET) String id,
            @JsonSetter(nulls = Nulls.SET) Long line,
            Map<String, String> implementationDefined) {}

    /** How a scenario is matched between a run and a declaration: its feature file and its name. */
    public static String key(String uri, String name) {
        return uri + " \u00bb " + name;
    }

    public static DeclaredProfile read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > KitJson.MAX_DOCUMENT_LENGTH) {
                throw new InputFileException(
                        name, 0, "too large for a profile (" + Files.size(file) + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(name, 0, "cannot read the profile: " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), name, Sha256.of(bytes));
    }

    public static DeclaredProfile parse(String text, String source, String sha256) {
        JsonFile f = JsonFile.of(text, source);
        Declaration file;
        try {
            file = f.read(Declaration.class);
        } catch (FileFormatException e) {
            throw new InputFileException(e);
        }
        if (file.scenarios() == null) {
            throw new InputFileException(
                    source,
                    f.line(JsonFile.at()),
                    "no \"scenarios\" list: a declared profile is the profile.json of a run");
        }
        int[] lines = f.elementLines(JsonFile.at("scenarios"));
        Map<String, Declared> out = new LinkedHashMap<>();
        for (int i = 0; i < file.scenarios().size(); i++) {
            Entry s = file.scenarios().get(i);
            int line = i < lines.length ? lines[i] : 0;
            String id = s.id() != null ? s.id() : s.uri() + ":" + (s.line() == null ? 0 : s.line());
            Declared before =
                    out.put(
                            key(s.uri(), s.name()),
                            new Declared(s.uri(), s.name(), id, s.implementationDefined(), line));
            if (before != null) {
                throw new InputFileException(
                        source,
                        line,
                        "two scenarios of "
                                + s.uri()
                                + " are named \""
                                + s.name()
                                + "\" (lines "
                                + before.line()
                                + " and "
                                + line
                                + " of this file); scenario names must be unique in a feature file");
            }
        }
        return new DeclaredProfile(source, sha256, out);
    }
}
