package dev.aios.toolpacks.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.patch.VerifyChunk;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Roots.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code of the text tools: each public method is the tool of the same name ({@code text.diff}
 * ...), given arguments that already fit its schema.
 */
public final class TextTools {
    private static final int MAX_RESULT = 50_000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'_-]*");
    private final Roots roots;
    private final Trash trash;

    /**
     * @param roots the folders the text tools may read and change
     * @param trash where the version before an edit is kept (a trash without a folder keeps none)
     */
    public TextTools(Roots roots, Trash trash) {
        this.roots = roots;
        this.trash = trash;
    }

    /**
     * Replaces {@code file} whole with {@code text} (never half-written), keeping the old version in
     * the trash; @return what to tell the caller about the old version
     */
    private String edit(Path file, String text) throws IOException {
        String kept = trash.keepCopy(file);
        AtomicWrite.bytes(file, text.getBytes(StandardCharsets.UTF_8));
        return kept == null ? "" : "; the previous version is in the trash (id " + kept + ")";
    }

    public ToolResult diff(Map<String, Object> args) throws IOException {
        TextFiles.Input left = TextFiles.input(args, roots, "left_path", "left_text");
        TextFiles.Input right = TextFiles.input(args, roots, "right_path", "right_text");
        int context = (int) Math.clamp(Args.integer(args, "context", 3), 0, 100);
        List<String> a = left.text().lines().toList();
        List<String> b = right.text().lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return ToolResult.success("no differences");
        }
        String name = left.file() == null ? "left" : left.shown();
        String other = right.file() == null ? "right" : right.shown();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(name, other, a, patch, context);
        return ToolResult.success(ToolHandlers.cut(String.join("\n", unified) + "\n", MAX_RESULT));
    }

    public ToolResult patch(Map<String, Object> args) throws IOException {
        Path file = roots.resolve(Args.string(args, "path"), Access.WRITE);
        String shown = roots.display(file);
        String original = TextFiles.read(file, shown, TextFiles.MAX_FILE_BYTES);
        List<String> diffLines = Args.string(args, "diff").lines().toList();
        Patch<String> patch = UnifiedDiffUtils.parseUnifiedDiff(diffLines);
        if (patch.getDeltas().isEmpty()) {
            throw new IllegalArgumentException("argument 'diff' holds no hunk (@@ -a,b +c,d @@ lines) to apply");
        }
        List<String> lines = original.lines().toList();
        List<String> patched;
        try {
            patched = patch.applyTo(lines);
        } catch (PatchFailedException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the diff does not apply to '" + shown + "': " + failingHunk(patch, lines)
                    + "; the file was not changed");
        }
        String text = String.join("\n", patched) + (original.endsWith("\n") || original.isEmpty() ? "\n" : "");
        String kept = edit(file, text);
        return ToolResult.success("applied " + patch.getDeltas().size() + " hunk(s) to '" + shown + "'" + kept);
    }

    private static String failingHunk(Patch<String> patch, List<String> lines) {
        List<AbstractDelta<String>> deltas = patch.getDeltas();
        for (int i = 0; i < deltas.size(); i++) {
            AbstractDelta<String> d = deltas.get(i);
            VerifyChunk verdict;
            try {
                verdict = d.getSource().verifyChunk(lines);
            } catch (PatchFailedException e) {
                verdict = VerifyChunk.POSITION_OUT_OF_TARGET;
            }
            if (verdict != VerifyChunk.OK) {
                int from = d.getSource().getPosition() + 1;
                String expected = d.getSource().getLines().isEmpty() ? "" : d.getSource().getLines().get(0);
                return "hunk " + (i + 1) + " (at line " + from + ", expecting \"" + abbreviate(expected) + "\") "
                        + (verdict == VerifyChunk.POSITION_OUT_OF_TARGET ? "lies past the end of the file"
                                : "does not match the file's lines there");
            }
        }
        return "its hunks do not fit the file's lines";
    }

    public ToolResult stats(Map<String, Object> args) throws IOException {
        TextFiles.Input in = TextFiles.input(args, roots, "path", "text");
        int top = (int) Math.clamp(Args.integer(args, "top", 10), 0, 100);
        String text = in.text();
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = WORD.matcher(text);
        long words = 0;
        while (m.find()) {
            words++;
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<Map<String, Object>> frequent = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> Map.<String, Object>of("word", e.getKey(), "count", e.getValue()))
                .toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("source", in.shown());
        result.put("lines", text.lines().count());
        result.put("words", words);
        result.put("characters", text.codePointCount(0, text.length()));
        result.put("distinct_words", counts.size());
        result.put("most_frequent", frequent);
        return ToolResult.success(Json.text(result));
    }

    public ToolResult find(Map<String, Object> args) throws IOException {
        TextFiles.Input in = TextFiles.input(args, roots, "path", "text");
        int flags = Args.bool(args, "ignore_case", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        Pattern pattern = BoundedRegex.compile("pattern", Args.text(args, "pattern"), flags);
        int max = (int) Math.clamp(Args.integer(args, "max_matches", 100), 1, 1000);
        List<Map<String, Object>> matches = new ArrayList<>();
        int total = 0;
        int lineNo = 0;
        CharSequence timed = BoundedRegex.timed(in.text());
        // one deadline for the whole text: each line is a view of the same timed sequence
        int start = 0;
        String text = in.text();
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            Matcher m = pattern.matcher(timed.subSequence(start, end));
            while (m.find()) {
                total++;
                if (matches.size() < max) {
                    Map<String, Object> hit = new LinkedHashMap<>();
                    hit.put("line", lineNo);
                    hit.put("column", m.start() + 1);
                    hit.put("match", abbreviate(m.group()));
                    hit.put("text", abbreviate(text.substring(start, end)));
                    matches.add(hit);
                }
                if (m.end() == m.start() && m.end() >= end - start) {
                    break;
                }
            }
            if (end == text.length()) {
                break;
            }
            start = end + 1;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("source", in.shown());
        result.put("count", total);
        result.put("matches", matches);
        if (total > matches.size()) {
            result.put("cut", "showed " + matches.size() + " of " + total + " matches");
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult replace(Map<String, Object> args) throws IOException {
        Path file = roots.resolve(Args.string(args, "path"), Access.WRITE);
        String shown = roots.display(file);
        String text = TextFiles.read(file, shown, TextFiles.MAX_FILE_BYTES);
        String find = Args.text(args, "find");
        if (find.isEmpty()) {
            throw new IllegalArgumentException("argument 'find' must not be empty");
        }
        String replacement = Args.text(args, "replace");
        boolean regex = Args.bool(args, "regex", false);
        Pattern pattern = regex ? BoundedRegex.compile("find", find, Pattern.MULTILINE) : Pattern.compile(Pattern.quote(find));
        Matcher m = pattern.matcher(BoundedRegex.timed(text));
        StringBuilder out = new StringBuilder(text.length());
        int count = 0;
        try {
            while (m.find()) {
                count++;
                m.appendReplacement(out, regex ? replacement : Matcher.quoteReplacement(replacement));
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("regular expression took longer")) {
                throw e;
            }
            throw new IllegalArgumentException("argument 'replace' refers to a group the pattern does not have: "
                    + e.getMessage());
        }
        if (count == 0) {
            return ToolResult.success("no match for the text in '" + shown + "'; the file was not changed");
        }
        m.appendTail(out);
        String kept = edit(file, out.toString());
        return ToolResult.success("replaced " + count + " occurrence(s) in '" + shown + "'" + kept);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
