package dev.aios.samples.briefing;

import dev.aios.api.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a reply draft says only what its own exchange supports. A draft written from the
 * user's past reply to someone else (by a brain shown it as an example of the user's voice, or by
 * adapting its text) tends to carry that exchange's facts: last month's figures under this month's
 * report, another customer's folder, another request's findings. Every fact the draft states must
 * therefore appear in the request, its thread or the user's instruction; the facts are:
 * <ul>
 *   <li>links, mail addresses, file names ({@code Q3 figures.xlsx}) and paths
 *       ({@code S:\Customers\Nordhavn}), compared as written, ignoring case;</li>
 *   <li>money amounts and numbers (dates, times, percentages, references), compared by their
 *       digits, so {@code 4,120} is supported by {@code 4120} and {@code 12} by {@code 2024-11-12};</li>
 *   <li>proper names: capitalised words not at the start of a sentence or a line, other than the
 *       user's and the sender's names and the words a greeting or sign-off uses ({@code Hi},
 *       {@code Best}); one is supported when the word appears anywhere in the sources, ignoring case.</li>
 * </ul>
 * The check is deliberately literal: a paraphrase of a supported fact passes, an invented or
 * carried-over one is named in the reason.
 */
final class FactCheck {
    /** Most unsupported facts a reason names. */
    private static final int NAMED = 3;
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern FILE = Pattern.compile(
            "(?:[A-Z0-9][\\w-]* )*[\\w-]+\\.(?i:xlsx?|xlsm|csv|pdf|docx?|pptx?|odt|ods|odp|txt|rtf|zip|7z|png|jpe?g|gif|eml|msg"
                    + "|json|xml|md|key|numbers|pages|vsdx?)\\b");
    /**
     * A path: a drive, a leading separator or {@code ~}, a backslash, or at least two separators
     * ({@code go/no-go} and {@code and/or} are not paths).
     */
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w.$/\\\\-])(?:[A-Za-z]:[\\\\/]|\\\\\\\\|~/|/)[\\w.$-]+(?:[\\\\/][\\w.$-]+)*[\\\\/]?"
                    + "|(?<![\\w.$-])[\\w.$-]+(?:\\\\[\\w.$-]+)+\\\\?"
                    + "|(?<![\\w.$-])[\\w.$-]+/[\\w.$-]+/[\\w.$-]+(?:/[\\w.$-]+)*/?");
    private static final Pattern MONEY = Pattern.compile(
            "[$€£¥]\\s?\\d[\\d,.]*(?:\\s?[kKmM]\\b)?"
                    + "|\\b\\d[\\d,.]*\\s?(?:[kKmM]\\s?)?(?:EUR|USD|GBP|NOK|SEK|DKK|CHF|euros?|dollars?|pounds?|kr)\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,])\\d(?:[\\d,.:/-]*\\d)?%?");
    /** A capitalised word, with an inner apostrophe or hyphen ("O'Neil", "Jean-Luc"); "'s" is cut off later. */
    private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}]*(?:['’-][\\p{L}\\p{N}]+)*");
    /** Capitalised words that are no names: greetings, sign-offs, honorifics and the pronoun I. */
    private static final Set<String> COMMON = Set.of("i", "i'm", "i've", "i'll", "i'd", "hi", "hello", "hey", "dear",
            "best", "regards", "kind", "warm", "thanks", "thank", "cheers", "sincerely", "yours", "ok", "okay", "all",
            "team", "everyone", "mr", "mrs", "ms", "dr");

    /**
     * What a draft may rely on.
     *
     * @param request the request itself: its sender, subject and body
     * @param thread the other messages of its thread (earlier and later), their text
     * @param instruction what the user said about this reply (an edit of it), or empty
     * @param ownNames the user's and the sender's names, the user's addresses and sign-off: words a
     *     draft may always use
     */
    record Sources(String request, List<String> thread, String instruction, String ownNames) {
        Sources {
            thread = List.copyOf(thread);
        }

        String all() {
            return request + "\n" + String.join("\n", thread) + "\n" + instruction + "\n" + ownNames;
        }
    }

    private FactCheck() {}

    /**
     * @param draft a reply draft
     * @param sources what the draft may rely on
     * @return why the draft is rejected ("the draft says 'Q3 figures.xlsx', which is not in the
     *     request or its thread"), or empty when every fact it states is supported
     */
    static Optional<String> problem(String draft, Sources sources) {
        List<String> unsupported = unsupported(draft, sources);
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = unsupported.subList(0, Math.min(NAMED, unsupported.size()));
        String list = named.size() == 1 ? "'" + named.get(0) + "'"
                : "'" + String.join("', '", named.subList(0, named.size() - 1)) + "' and '" + named.get(named.size() - 1) + "'";
        String more = unsupported.size() > NAMED ? " (and " + (unsupported.size() - NAMED) + " more)" : "";
        return Optional.of("the draft says " + list + more + (named.size() == 1 ? ", which is" : ", which are")
                + " not in the request or its thread");
    }

    /** @return each fact the draft states that the sources do not support, in the draft's order, once each */
    static List<String> unsupported(String draft, Sources sources) {
        String all = sources.all();
        String allLower = all.toLowerCase(Locale.ROOT);
        Set<String> words = Words.distinct(all, 1);
        Set<String> own = Words.distinct(sources.ownNames(), 1);
        StringBuilder rest = new StringBuilder(draft);
        List<Found> found = new ArrayList<>();
        // Whole facts first, each blanked out so its parts (a number in a link) are not judged again.
        for (Pattern p : List.of(URL, EMAIL, FILE, PATH)) {
            Matcher m = p.matcher(rest);
            while (m.find()) {
                String fact = trimEnd(m.group());
                if (!allLower.contains(fact.toLowerCase(Locale.ROOT))) {
                    found.add(new Found(m.start(), fact));
                }
                blank(rest, m.start(), m.end());
            }
        }
        for (Pattern p : List.of(MONEY, NUMBER)) {
            Matcher m = p.matcher(rest);
            while (m.find()) {
                String fact = trimEnd(m.group());
                if (!digitsSupported(fact, all)) {
                    found.add(new Found(m.start(), fact));
                }
                blank(rest, m.start(), m.end());
            }
        }
        Matcher m = CAPITALISED.matcher(rest);
        while (m.find()) {
            String word = m.group().replaceFirst("['’]s$", "");
            String lower = word.toLowerCase(Locale.ROOT);
            if (sentenceStart(rest, m.start()) || COMMON.contains(lower) || own.containsAll(Words.of(lower))) {
                continue;
            }
            if (!words.containsAll(Words.of(lower))) {
                found.add(new Found(m.start(), word));
            }
        }
        return found.stream().sorted(java.util.Comparator.comparingInt(Found::at)).map(Found::fact).distinct().toList();
    }

    private record Found(int at, String fact) {}

    /** Every run of digits in the fact appears in the sources, not as part of a longer number. */
    private static boolean digitsSupported(String fact, String sources) {
        String plain = fact.replaceAll("(?<=\\d)[,](?=\\d{3})", "");
        Matcher runs = Pattern.compile("\\d+(?:[.,:/-]\\d+)*").matcher(plain);
        while (runs.find()) {
            String number = runs.group();
            String sourcesPlain = sources.replaceAll("(?<=\\d)[,](?=\\d{3})", "");
            if (!Pattern.compile("(?<!\\d)" + Pattern.quote(number) + "(?!\\d)").matcher(sourcesPlain).find()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the word at {@code at} opens a sentence or a line (after quotes or a bullet). */
    private static boolean sentenceStart(CharSequence text, int at) {
        int i = at - 1;
        while (i >= 0 && " \t\"'“‘(*-•".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i < 0 || ".!?:\n\r".indexOf(text.charAt(i)) >= 0;
    }

    private static void blank(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }

    private static String trimEnd(String fact) {
        return fact.replaceAll("[.,;:!?)\\]]+$", "");
    }
}
