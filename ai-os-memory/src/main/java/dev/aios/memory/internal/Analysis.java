package dev.aios.memory.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text analysis: English (possessives, stop words, Porter stemming) for every analysed field, and
 * on the query side also the words every question has ("what", "did", "when"), which carry no
 * topic and would only pull in other questions.
 */
public final class Analysis {
    private Analysis() {}

    private static final List<String> QUESTION_WORDS = List.of(
            "what", "when", "where", "who", "whom", "whose", "why", "how", "which", "did", "do", "does", "done",
            "has", "have", "had", "would", "could", "should", "can", "may", "might", "was", "were", "is", "are",
            "am", "been", "being", "i", "me", "my", "you", "your", "we", "our", "he", "him", "his", "she", "her",
            "they", "them", "their", "its", "about", "any", "some", "kind", "type", "ever", "recently", "likely",
            "so", "from", "than", "too", "very", "just", "also", "all");

    /** The analyser of indexed documents. */
    public static Analyzer indexAnalyzer() {
        Analyzer english = new EnglishAnalyzer();
        return new PerFieldAnalyzerWrapper(english, Map.of(
                IndexSchema.TEXT, english, IndexSchema.CONTEXT, english, IndexSchema.META_TEXT, english));
    }

    /** The analyser of query text: English plus question words as stop words. */
    public static Analyzer queryAnalyzer() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(QUESTION_WORDS);
        return new EnglishAnalyzer(stop);
    }

    /** @return each distinct term {@code analyzer} makes of {@code text} for {@code field}, in order, with its count */
    public static Map<String, Integer> termCounts(Analyzer analyzer, String field, String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory analysis does not do I/O
        }
        return out;
    }

    /** @return the distinct terms {@code analyzer} makes of {@code text} for {@code field}, in order */
    public static Set<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory analysis does not do I/O
        }
        return out;
    }
}
