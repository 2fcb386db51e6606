package dev.aios.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triage-style classifier: priors first, corrections learned online, state kept in a file. */
class TextClassifierTest {
    private static final EmbeddingModel MINILM = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @TempDir
    Path dir;

    private TextClassifier.Builder triage() {
        return TextClassifier.builder()
                .embeddingModel(MINILM)
                .labels("needs-you", "routine", "noise")
                .prototype("needs-you", "Please decide and approve this by Friday, we are blocked until you answer")
                .prototype("routine", "Could you send me the file, thanks")
                .prototype("noise", "Weekly newsletter: the top stories and product news of the week")
                .featureWeight("noise", "listUnsubscribe", 3.0)
                .featureWeight("needs-you", "deadline", 1.0);
    }

    @Test
    void priorsAloneSortObviousTexts() {
        TextClassifier classifier = triage().build();

        Classification newsletter = classifier.classify("This week's digest: ten articles on cloud pricing",
                Map.of("listUnsubscribe", 1.0));
        Classification decision = classifier.classify("We need your sign-off on the budget before the deadline tomorrow",
                Map.of("deadline", 1.0));

        assertThat(newsletter.label()).isEqualTo("noise");
        assertThat(newsletter.reasons()).first().asString().contains("listUnsubscribe");
        assertThat(decision.label()).isEqualTo("needs-you");
        assertThat(decision.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aCorrectionMovesSimilarTextsItWasNotShown() {
        TextClassifier classifier = triage().build();
        String build = "Build #4411 failed on main: 3 tests failed in module payments";
        String similar = "Build #4420 failed on main: 1 test failed in module payments";
        String before = classifier.classify(similar, Map.of()).label();

        classifier.correct(build, Map.of("automated", 1.0), "noise");

        assertThat(before).isNotEqualTo("noise");
        assertThat(classifier.classify(similar, Map.of("automated", 1.0)).label()).isEqualTo("noise");
        assertThat(classifier.classify(similar, Map.of()).reasons()).anyMatch(r -> r.contains("Build #4411"));
        assertThat(classifier.corrections()).isEqualTo(1);
    }

    @Test
    void aCorrectionLeavesUnrelatedTextsAlone() {
        TextClassifier classifier = triage().build();
        String decision = "We need your sign-off on the budget before the deadline tomorrow";
        Classification before = classifier.classify(decision, Map.of("deadline", 1.0));

        classifier.correct("Build #4411 failed on main: 3 tests failed in module payments", Map.of(), "noise");
        Classification after = classifier.classify(decision, Map.of("deadline", 1.0));

        assertThat(after.label()).isEqualTo(before.label()).isEqualTo("needs-you");
        assertThat(after.confidence()).isCloseTo(before.confidence(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void savedStateIsReloadedInsteadOfThePriors() {
        Path file = dir.resolve("state/triage.bin");
        TextClassifier first = triage().stateFile(file).build();
        first.correct("Build #4411 failed on main: 3 tests failed", Map.of(), "noise");
        first.save();

        TextClassifier second = triage().stateFile(file).build();

        assertThat(second.corrections()).isEqualTo(1);
        assertThat(second.classify("Build #4420 failed on main: 1 test failed", Map.of()).label()).isEqualTo("noise");
        assertThat(file.resolveSibling("triage.bin")).exists();
        assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aNewerReleasesRulesAndDescriptionsJoinASavedStateWithoutUndoingWhatItLearned() {
        Path file = dir.resolve("state/triage.bin");
        TextClassifier old = triage().stateFile(file).build();
        old.correct("Build #4411 failed on main: 3 tests failed", Map.of("listUnsubscribe", 1.0), "noise");
        old.save();
        String request = "Could you forward the signed NDA to the legal team?";

        // The new release adds a rule and a description the saved state never had.
        TextClassifier upgraded = triage().stateFile(file)
                .featureWeight("routine", "request verb", 3.0)
                .prototype("routine", "Please forward the document to the team")
                .build();
        Classification c = upgraded.classify(request, Map.of("request verb", 1.0));

        assertThat(c.label()).isEqualTo("routine");
        assertThat(c.reasons()).anyMatch(r -> r.startsWith("request verb"));
        assertThat(upgraded.corrections()).isEqualTo(1);
        assertThat(upgraded.classify("Build #4420 failed on main: 1 test failed", Map.of()).label()).isEqualTo("noise");
    }

    @Test
    void badOptionsAndLabelsAreNamed() throws Exception {
        assertThatThrownBy(() -> TextClassifier.builder().embeddingModel(MINILM).labels("only").build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> triage().prototype("spam", "x").build())
                .hasMessageContaining("prototype(...) names label 'spam'");
        assertThatThrownBy(() -> triage().build().correct("x", Map.of(), "urgent"))
                .hasMessageContaining("'urgent'").hasMessageContaining("needs-you");
        Path other = dir.resolve("other.bin");
        TextClassifier.builder().embeddingModel(MINILM).labels("a", "b").prototype("a", "x").stateFile(other).build().save();
        assertThatThrownBy(() -> triage().stateFile(other).build()).hasMessageContaining("is for labels [a, b]");
        Files.writeString(dir.resolve("junk.bin"), "not a state");
        assertThatThrownBy(() -> triage().stateFile(dir.resolve("junk.bin")).build())
                .hasMessageContaining("not a classifier state file");
    }
}
